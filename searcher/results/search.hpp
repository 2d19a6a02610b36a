#pragma once
// Running a parsed query against a database: BM25 ranking (with optional pseudo-relevance feedback and
// a recency blend) or date order, paging, the stored records of the hits, and the facet counts and
// timeline over the whole match set (Xapian match spies).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/article.hpp"
#include "searcher/results/collapse.hpp"

namespace newsdig::results {

enum class SortOrder { Relevance, Newest, Oldest };

// BM25 parameters. The defaults were chosen on CISI with scripts/eval-retrieval (see docs/cli.md): the
// middle of the flat region of the k1 x b grid, not its single best cell.
struct Bm25Params {
  double k1 = 1.8;
  double b = 0.6;
};

// Pseudo-relevance feedback: the top `feedback_docs` hits of the query are taken as relevant (a
// Xapian::RSet), Xapian's expand set (Enquire::get_eset) names the `terms` stems that best tell them
// apart from the collection, and those stems re-rank the match set (OP_AND_MAYBE: the hits stay the
// same, only their order changes), each weighted by its expand weight relative to the best one, all
// together scaled by `weight`.
struct Expansion {
  unsigned feedback_docs = 10;
  unsigned terms = 20;
  double weight = 0.5;
  std::string scheme = "bo1";  // Xapian's expand weighting: "bo1" (DFR Bose-Einstein) or "trad" (Robertson)
};

// Facets counted over the whole match set. Term facets count the boolean terms of a field (their folded
// keys, which are also what the field matches); Source counts the source slot as written; Year, Month and
// Day count the publication date as the article gives it (its D term: what `date:` matches). Counts come
// from the Facets slot (schema::Slot), or from term lists in a database indexed before it existed.
enum class Facet { Person, Org, Place, Misc, Topic, Exchange, Lang, Source, Year, Month, Day };

// The name used in --facets and in JSON ("person", "month"), and back.
std::string_view facet_name(Facet facet);
std::optional<Facet> facet_from_name(std::string_view name);

struct FacetValue {
  std::string value;  // the folded key, the source as written, or "2014", "2014-09", "2014-09-22"
  Xapian::doccount count = 0;
};

struct FacetCounts {
  Facet facet = Facet::Person;
  std::vector<FacetValue> values;  // most frequent first (ties by value); dates in time order instead
  std::size_t distinct = 0;        // distinct values in the whole match set (values may be cut to a top)
};

enum class Granularity { Day, Month };

struct TimelineBucket {
  std::string period;  // "2014-09" or "2014-09-22"
  Xapian::doccount count = 0;
};

// Hits per period from the first to the last dated hit, empty periods included. Per day when that span is
// at most kTimelineDayLimit days, else per month.
struct Timeline {
  Granularity granularity = Granularity::Month;
  std::vector<TimelineBucket> buckets;
  Xapian::doccount undated = 0;  // hits without a publication date
};
inline constexpr unsigned kTimelineDayLimit = 62;

struct SearchRequest {
  Xapian::Query query;
  unsigned offset = 0;
  unsigned limit = 10;
  SortOrder sort = SortOrder::Relevance;
  Bm25Params bm25;
  // Relevance blended with recency: score = BM25 + best BM25 of the query x 0.5^(age / half-life), the
  // age counted back from the newest article in the database (archives are not judged by today's date).
  std::optional<double> recent_half_life_days;
  std::optional<Expansion> expansion;
  // When set, the stopwords of this language are left out of OR-ed word lists (any-word ranking), as long
  // as some other word is left: they would add noise, not evidence.
  std::string stopwords_language;
  std::vector<Facet> facets;
  unsigned facet_values = 10;  // most values kept per facet (0 = all)
  bool timeline = false;
  // One hit per story (searcher/results/collapse.hpp): the best of each, with its story's facts. A query
  // that only names a story (story:KEY) lists its articles oldest first instead, uncollapsed.
  bool collapse = true;
  // Some sub-database is remote (xapian-tcpsrv): only Xapian's own match spies work there, so facets are
  // counted from a ValueCountMatchSpy over the Facets slot; --recent (a posting source of ours) cannot run.
  bool remote = false;
  // false: hits come with only their rank, docid and score, for HitTextMaker::make to read their records
  // and story facts while other threads make the snippets of the hits already read. Remote shards read
  // every hit's record in one round trip here: keep it true for them.
  bool read_hits = true;
};

struct Hit {
  unsigned rank = 0;  // 1-based, counting from the first hit of the whole result (offset included)
  Xapian::docid docid = 0;
  double score = 0;
  Article record;
  std::optional<StoryFacts> story;  // the hit's story, when it has one
  std::string collapse_key;         // its story key as the collapsed match gave it; empty when not collapsed
  // The hit stands for its whole story (the result was collapsed); for a hit read later, until its story
  // is read.
  bool collapsed = false;
};

struct SearchResult {
  std::vector<Hit> hits;
  Xapian::doccount matches_estimated = 0;
  Xapian::doccount matches_lower_bound = 0;
  Xapian::doccount matches_upper_bound = 0;
  std::vector<FacetCounts> facets;  // in the order asked
  std::optional<Timeline> timeline;
  std::vector<std::string> expansion_terms;  // the stems feedback added, best first
};

// Throws std::runtime_error naming what failed when Xapian fails (including a damaged stored record).
SearchResult search(const Xapian::Database& database, const SearchRequest& request);

// Reads the story facts of a page's hits (story_facts, from each hit's docid and collapse key) into their
// `story`, and keeps a hit `collapsed` only when it has a story. Touches no other member of a hit, so other
// threads may meanwhile fill in the hits' records. Throws Xapian::Error.
void read_story_facts(const Xapian::Database& database, std::vector<Hit>& hits);

// Days since 1970-01-01 of a date-slot value ("YYYYMMDD..."), or nothing when it is not one.
std::optional<long> slot_day_number(std::string_view value);

}  // namespace newsdig::results
