#pragma once
// Story grouping at index time: gives every article a story key (the XSTORY term and the Story slot of
// common/schema.hpp), in input order, so the same input always gets the same keys. An article joins the
// story of the recent articles it most resembles (this run's, held in memory, and the database's, found
// through the index with a query on its distinctive terms limited to nearby dates) when the linkage of its
// same-story scores (extract::story::same_story_score) over that story's members reaches the threshold;
// otherwise it starts a story whose key is a hash of its id. No pass over the whole corpus: each article
// costs a few lookups.
#include <any>
#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "common/analysis/sentences.hpp"
#include "common/extract/story/similarity.hpp"
#include "indexer/pipeline.hpp"

namespace newsdig::indexer::story {

struct StorySettings {
  double threshold = 0.3;  // a story's linkage (max_share below) needed to join it
  extract::story::ProfileSettings profile;
  extract::story::ScoreSettings score;
  std::size_t query_terms = 20;  // a profile's best terms, used to find candidates
  // idf = ln((N + idf_prior) / (df + 1)): as if every term were missing from idf_prior more documents, so
  // the first articles of a small run do not take every shared word for a common one.
  double idf_prior = 100;
  std::size_t candidates = 20;  // this run's articles scored per article, most terms shared first
  Xapian::doccount database_candidates = 10;
  std::size_t members_compared = 10;  // of a story's members, the latest this many are compared
  std::size_t memory = 20000;         // articles of this run held for comparison (the latest)
  // A story's score: (1 - max_share) x the average over its members compared + max_share x the best.
  double max_share = 0.6;
};

struct StoryStats {
  std::size_t joined = 0;           // articles that joined a story
  std::size_t near_duplicates = 0;  // of those, joined through a near-duplicate copy
  std::size_t from_database = 0;    // of those, joined a story of the existing database
  std::size_t started = 0;          // articles that started a story
};

// The features story grouping compares, read from a built document (its stem, entity, mention and
// publication date terms and slots; stop stems, which no profile holds, left out); the fingerprint is left
// empty (documents hold no word order cheaply).
extract::story::StoryFeatures document_features(const Xapian::Document& document, std::string id);

// The key of a story started by the article with this id: 16 hex digits of a stable hash.
std::string new_story_key(std::string_view id);

class StoryStage final : public DocumentHook {
 public:
  // `existing`: the database being added to, when it already holds articles (read-only: its stories can be
  // joined; it is never written here).
  StoryStage(StorySettings settings, std::optional<Xapian::Database> existing);

  // Features of the article and its document, with the fingerprint of its title and body. Thread-safe.
  std::any prepare(const Article& article, const Xapian::Document& document) const override;
  // Adds the story term and value to the document. Throws Xapian::Error from reading the existing database.
  void assign(std::any& prepared, Xapian::Document& document) override;

  // The story of the next article, in input order; returns its key.
  std::string assign_features(extract::story::StoryFeatures features, const std::string& id_term);

  const StoryStats& stats() const { return stats_; }

 private:
  // Terms are interned: each distinct term string gets a number the first time the stage sees it, and
  // profiles, document frequencies and postings are kept by number (no string hashed or compared per use).
  using TermId = std::uint32_t;
  using WeightedId = extract::story::BasicWeightedTerm<TermId>;
  // A profile by term number (extract::story::weigh_terms, as extract::story::make_profile makes one by
  // string), in the order of the terms' strings, so sums over it add up in the same order.
  using IdProfile = std::vector<WeightedId>;
  using BandKeys = std::array<std::uint64_t, extract::story::kBands>;  // of a fingerprint
  // Of an article's terms, each sorted by number: its lead's and what extract::story::PairOverlap counts.
  struct TermSets {
    std::vector<TermId> lead;
    std::vector<TermId> people;
    std::vector<TermId> places;
    std::vector<TermId> numbers;
  };
  struct Member {
    extract::story::StoryFeatures features;  // without terms and lead_terms: held as numbers below
    // In term string order; dropped once the profile is stable.
    std::vector<std::pair<TermId, unsigned>> terms;
    TermSets sets;
    IdProfile profile;
    double profile_documents = 0;  // documents counted when the profile was made
    std::uint32_t story = 0;       // a member of this run: its story's number in stories_
    std::string database_story;    // a member of the database: its story's key
  };
  struct Candidate {
    const std::string* key = nullptr;
    double total = 0;
    double best = 0;
    std::size_t compared = 0;
    bool database = false;
  };
  // What an article brings, by number: its terms (in term string order) and its sets.
  struct Interned {
    std::vector<std::pair<TermId, unsigned>> terms;
    TermSets sets;
  };

  Interned intern(extract::story::StoryFeatures& features);
  TermId intern(std::string_view term);
  std::optional<TermId> find_term(std::string_view term) const;
  std::size_t term_slot(std::string_view term, std::uint64_t hash) const;
  double idf(TermId term);
  double documents() const;
  IdProfile make_profile(const std::vector<std::pair<TermId, unsigned>>& terms,
                         const std::vector<TermId>& lead_terms);
  std::vector<TermId> best_terms(const IdProfile& profile) const;
  const IdProfile& fresh_profile(Member& member);
  double score(const extract::story::StoryFeatures& features, const Member& member,
               const IdProfile& member_profile) const;
  extract::story::PairOverlap overlap(const TermSets& member) const;
  void score_story(std::uint32_t story, const extract::story::StoryFeatures& features,
                   std::vector<Candidate>& candidates);
  void score_database_story(const std::string& key, const extract::story::StoryFeatures& features,
                            std::vector<Candidate>& candidates);
  void score_members(Candidate& candidate, const std::vector<std::size_t>* members,
                     const extract::story::StoryFeatures& features);
  void find_in_memory(const extract::story::StoryFeatures& features, const std::optional<BandKeys>& bands,
                      const std::vector<TermId>& query, std::vector<Candidate>& candidates);
  void find_in_database(const extract::story::StoryFeatures& features, const std::vector<TermId>& query,
                        std::vector<Candidate>& candidates);
  const Member& database_member(Xapian::docid docid);
  void remember(extract::story::StoryFeatures features, Interned interned, IdProfile profile,
                const std::optional<BandKeys>& bands, const std::vector<TermId>& query,
                const std::string& key);

  StorySettings settings_;
  std::optional<Xapian::Database> database_;
  double database_documents_ = 0;
  // Term strings to numbers: an open-addressing table (linear probing, at most half full) of each number's
  // string hash, the string compared only when the hashes agree. Not std::unordered_map with KeyHash: with
  // it, perf (Reuters-21578, two runs each, 999 Hz) put the map's look-ups at 1.3-1.6% of a run's samples
  // against 0.6% for this table (it keeps no hash per node, so every node of a bucket is a string compare).
  struct TermSlot {
    std::uint64_t hash = 0;
    TermId term = kNoTerm;
  };
  static constexpr TermId kNoTerm = ~TermId{0};
  std::vector<TermSlot> term_slots_;
  enum class TermKind : std::uint8_t { Other, Person, Place, Number };  // what PairOverlap counts it as
  // By term number:
  std::vector<std::string> term_text_;
  std::vector<double> term_boost_;  // extract::story::term_boost
  std::vector<TermKind> term_kind_;
  std::vector<std::uint32_t> run_df_;               // articles of this run holding it
  std::vector<double> database_df_;                 // its frequency in database_, or -1 when not read yet
  std::vector<std::vector<std::size_t>> postings_;  // members whose query terms hold it
  std::vector<double> article_weight_;  // the weights of the profile of the article being assigned, else 0
  const TermSets* article_sets_ = nullptr;  // the sets of the article being assigned
  std::size_t run_documents_ = 0;
  std::deque<Member> recent_;
  std::size_t base_ = 0;  // index of recent_.front() among all remembered articles
  // The LSH band index of the members of this run with a fingerprint: a band entry is 1 + member index x
  // kBands + band; each bucket (by a band key's low bits) holds the latest entry whose key falls in it, and
  // band_links_ each entry's key and the entry before it in its bucket, so a bucket's entries are a chain
  // through the members, newest first. band_links_ is a ring over the members held (by band entry modulo its
  // size): database members, which have no fingerprint, hold nothing of it.
  struct BandLink {
    std::uint64_t key = 0;
    std::uint64_t next = 0;
  };
  std::vector<std::uint64_t> band_heads_;
  std::vector<BandLink> band_links_;
  BandLink& band_link(std::size_t member, std::size_t band);
  // Stories of the members held, by number (a number is used again once its story has left memory).
  struct Story {
    const std::string* key = nullptr;  // the key in story_numbers_; none for a number not in use
    std::vector<std::size_t> members;
    std::size_t scored = 0;  // the number of the assignment that last scored it (they count from 1)
  };
  // Keys looked up by string_view: no string is made per lookup.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  std::unordered_map<std::string, std::uint32_t, KeyHash, std::equal_to<>> story_numbers_;
  std::vector<Story> stories_;
  std::vector<std::uint32_t> free_stories_;
  std::size_t assignments_ = 0;
  std::deque<std::string> database_story_keys_;  // keys of the stories only the database holds, per article
  std::unordered_map<Xapian::docid, Member> database_members_;  // cache
  std::vector<std::uint32_t> shared_counts_;  // find_in_memory's count per member; all 0 between calls
  std::vector<std::size_t> shared_;           // find_in_memory's buffers, kept from call to call
  std::vector<std::pair<std::size_t, std::size_t>> ranked_;
  analysis::Analyzer analyzer_;  // the leads of the database's articles
  analysis::SentenceSplitter sentences_;
  StoryStats stats_;
};

}  // namespace newsdig::indexer::story
