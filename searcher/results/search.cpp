#include "searcher/results/search.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "common/schema.hpp"
#include "common/store/record.hpp"
#include "searcher/results/stopwords.hpp"

namespace newsdig::results {
namespace {

struct FacetInfo {
  Facet facet;
  std::string_view name;
  std::string_view prefix;  // term facets only
};

constexpr std::array kFacetInfo = {
    FacetInfo{Facet::Person, "person", schema::prefix::kPerson},
    FacetInfo{Facet::Org, "org", schema::prefix::kOrg},
    FacetInfo{Facet::Place, "place", schema::prefix::kPlace},
    FacetInfo{Facet::Misc, "misc", schema::prefix::kMisc},
    FacetInfo{Facet::Topic, "topic", schema::prefix::kTopic},
    FacetInfo{Facet::Exchange, "exchange", schema::prefix::kExchange},
    FacetInfo{Facet::Lang, "lang", schema::prefix::kLang},
    FacetInfo{Facet::Source, "source", {}},
    FacetInfo{Facet::Year, "year", {}},
    FacetInfo{Facet::Month, "month", {}},
    FacetInfo{Facet::Day, "day", {}},
};

const FacetInfo& info(Facet facet) {
  for (const auto& entry : kFacetInfo) {
    if (entry.facet == facet) return entry;
  }
  return kFacetInfo.front();
}

bool is_date_facet(Facet facet) {
  return facet == Facet::Year || facet == Facet::Month || facet == Facet::Day;
}

const Xapian::valueno kDateSlot = schema::slot_number(schema::Slot::PubDate);
const Xapian::valueno kSourceSlot = schema::slot_number(schema::Slot::Source);
const Xapian::valueno kFacetSlot = schema::slot_number(schema::Slot::Facets);

// Hashes strings and views alike, so a map of strings can be searched with a view.
struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};
using CountMap = std::unordered_map<std::string, Xapian::doccount, ViewHash, std::equal_to<>>;

// Counts the facet terms (boolean terms under a few prefixes) of every matching document: from the
// Facets slot, read through the value streams, or from the document's term list in databases without it.
class FacetSpy : public Xapian::MatchSpy {
 public:
  FacetSpy(std::vector<std::string> prefixes, bool from_slot)
      : prefixes_(std::move(prefixes)), from_slot_(from_slot) {
    std::sort(prefixes_.begin(), prefixes_.end());
    prefixes_.erase(std::unique(prefixes_.begin(), prefixes_.end()), prefixes_.end());
    counts_.resize(prefixes_.size());
  }

  void operator()(const Xapian::Document& document, double) override {
    ++seen_;
    if (from_slot_) {
      count_slot_value(document.get_value(kFacetSlot), 1);
      return;
    }
    Xapian::TermIterator it = document.termlist_begin();
    const Xapian::TermIterator end = document.termlist_end();
    for (std::size_t i = 0; i < prefixes_.size() && it != end; ++i) {
      it.skip_to(prefixes_[i]);
      for (; it != end; ++it) {
        const std::string term = *it;
        if (term.compare(0, prefixes_[i].size(), prefixes_[i]) != 0) break;
        count(term);
      }
    }
  }

  // Counts the terms of one Facets slot value `times` (for `times` documents holding that value: remote
  // shards send their counts so, through a ValueCountMatchSpy).
  void count_slot_value(std::string_view value, Xapian::doccount times) {
    while (!value.empty()) {
      auto end = value.find('\n');
      count(value.substr(0, end), times);
      if (end == std::string_view::npos) break;
      value.remove_prefix(end + 1);
    }
  }
  void add_seen(Xapian::doccount documents) { seen_ += documents; }

  // Values under `prefix` with their counts.
  const CountMap& counts(std::string_view prefix) const {
    for (std::size_t i = 0; i < prefixes_.size(); ++i) {
      if (prefixes_[i] == prefix) return counts_[i];
    }
    static const CountMap kNone;
    return kNone;
  }
  Xapian::doccount seen() const { return seen_; }

 private:
  void count(std::string_view term, Xapian::doccount times = 1) {
    for (std::size_t i = 0; i < prefixes_.size(); ++i) {
      const std::string& prefix = prefixes_[i];
      if (term.size() <= prefix.size() || term.compare(0, prefix.size(), prefix) != 0) continue;
      std::string_view value = term.substr(prefix.size());
      // A multi-letter prefix is followed by ':' when the value starts with a capital; a capital right
      // after the prefix means a longer prefix (the person prefix followed by a capital is another one).
      if (prefix.size() > 1 && value.front() == ':') {
        value.remove_prefix(1);
      } else if (value.front() >= 'A' && value.front() <= 'Z') {
        continue;
      }
      // Found by view first: most documents repeat values already counted, so no string is made.
      if (auto found = counts_[i].find(value); found != counts_[i].end()) {
        found->second += times;
      } else {
        counts_[i].emplace(std::string(value), times);
      }
      return;
    }
  }

  std::vector<std::string> prefixes_;
  bool from_slot_;
  std::vector<CountMap> counts_;
  Xapian::doccount seen_ = 0;
};

// 0.5^(age / half-life) x scale, the age in days before the newest date in the database.
class RecencySource : public Xapian::ValuePostingSource {
 public:
  RecencySource(double half_life_days, double scale)
      : Xapian::ValuePostingSource(kDateSlot), half_life_(half_life_days), scale_(scale) {}

  void init(const Xapian::Database& database) override {
    Xapian::ValuePostingSource::init(database);
    newest_ = slot_day_number(database.get_value_upper_bound(kDateSlot)).value_or(0);
    set_maxweight(scale_);
  }

  double get_weight() const override {
    auto day = slot_day_number(get_value());
    if (!day) return 0;
    double age = static_cast<double>(std::max(0L, newest_ - *day));
    return scale_ * std::exp2(-age / half_life_);
  }

  Xapian::PostingSource* clone() const override { return new RecencySource(half_life_, scale_); }

 private:
  double half_life_;
  double scale_;
  long newest_ = 0;
};

// Accepts the all-text stems that the query does not already have, but numbers and other words with
// digits (they have no stem, and a year or a figure shared by the top articles says little about the topic).
class StemDecider : public Xapian::ExpandDecider {
 public:
  explicit StemDecider(const Xapian::Query& query)
      : query_terms_(query.get_terms_begin(), query.get_terms_end()) {
    std::sort(query_terms_.begin(), query_terms_.end());
  }
  bool operator()(const std::string& term) const override {
    const auto stem = schema::all_text_stem(term);
    if (!stem || is_stopword_stem(*stem, "en")) return false;
    if (std::any_of(stem->begin(), stem->end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    return !std::binary_search(query_terms_.begin(), query_terms_.end(), term);
  }

 private:
  std::vector<std::string> query_terms_;
};

bool is_stopword_term(const Xapian::Query& query, std::string_view language) {
  if (query.get_type() != Xapian::Query::LEAF_TERM) return false;
  auto it = query.get_terms_begin();
  if (it == query.get_terms_end()) return false;
  const std::string term = *it;
  const auto stem = schema::all_text_stem(term);
  return stem && is_stopword_stem(*stem, language);
}

// The query with stopword stems dropped from its OR-ed lists, where something else is left in the list.
Xapian::Query without_stopwords(const Xapian::Query& query, std::string_view language) {
  using Query = Xapian::Query;
  const auto op = query.get_type();
  if (op != Query::OP_OR && op != Query::OP_AND && op != Query::OP_AND_MAYBE && op != Query::OP_FILTER &&
      op != Query::OP_AND_NOT) {
    return query;
  }
  std::vector<Query> kept;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    Query sub = query.get_subquery(i);
    if (op == Query::OP_OR && is_stopword_term(sub, language)) continue;
    // The excluded side of AND_NOT is left as written.
    kept.push_back(op == Query::OP_AND_NOT && i > 0 ? sub : without_stopwords(sub, language));
  }
  if (kept.empty()) return query;
  return Query(op, kept.begin(), kept.end());
}

void set_order(Xapian::Enquire& enquire, const SearchRequest& request) {
  switch (request.sort) {
    // Equally relevant hits newest first, not in document-id order, which differs between one database
    // and shards holding the same articles (Xapian interleaves the shards' ids). A value, not a KeyMaker:
    // the remote backend cannot run KeyMakers.
    case SortOrder::Relevance: enquire.set_sort_by_relevance_then_value(kDateSlot, true); break;
    case SortOrder::Newest: enquire.set_sort_by_value_then_relevance(kDateSlot, true); break;
    case SortOrder::Oldest: enquire.set_sort_by_value_then_relevance(kDateSlot, false); break;
  }
}

// The query re-ranked by the expand set of its own top hits.
Xapian::Query expanded(Xapian::Enquire& enquire, const Xapian::Query& query, const Expansion& expansion,
                       std::vector<std::string>& added) {
  enquire.set_expansion_scheme(expansion.scheme);
  Xapian::MSet top = enquire.get_mset(0, expansion.feedback_docs);
  if (top.empty()) return query;
  Xapian::RSet relevant;
  for (auto it = top.begin(); it != top.end(); ++it) relevant.add_document(*it);
  StemDecider decider(query);
  Xapian::ESet eset = enquire.get_eset(expansion.terms, relevant, &decider);
  if (eset.empty()) return query;
  const double best = eset.begin().get_weight();
  if (best <= 0) return query;
  std::vector<Xapian::Query> terms;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), it.get_weight() / best);
    added.push_back(*it);
  }
  Xapian::Query feedback(Xapian::Query::OP_OR, terms.begin(), terms.end());
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, feedback, expansion.weight));
}

std::vector<FacetValue> top_values(const CountMap& counts, unsigned keep) {
  std::vector<FacetValue> values;
  values.reserve(counts.size());
  for (const auto& [value, count] : counts) values.push_back({value, count});
  auto order = [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  if (keep != 0 && values.size() > keep) {
    std::partial_sort(values.begin(), values.begin() + keep, values.end(), order);
    values.resize(keep);
  } else {
    std::sort(values.begin(), values.end(), order);
  }
  return values;
}

// "YYYYMMDD" -> "YYYY", "YYYY-MM" or "YYYY-MM-DD".
std::string period_of(std::string_view day, Facet granularity) {
  std::string out(day.substr(0, 4));
  if (granularity == Facet::Year) return out;
  out.append("-").append(day.substr(4, 2));
  if (granularity == Facet::Month) return out;
  return out.append("-").append(day.substr(6, 2));
}

// The D term values ("YYYYMMDD") in time order.
std::map<std::string, Xapian::doccount> days_of(const FacetSpy& spy) {
  const auto& found = spy.counts(schema::prefix::kDay);
  return {found.begin(), found.end()};
}

FacetCounts date_facet(Facet facet, const std::map<std::string, Xapian::doccount>& days, unsigned keep) {
  FacetCounts counts;
  counts.facet = facet;
  for (const auto& [day, count] : days) {
    if (day.size() < 8) continue;
    std::string period = period_of(day, facet);
    if (!counts.values.empty() && counts.values.back().value == period) {
      counts.values.back().count += count;
    } else {
      counts.values.push_back({std::move(period), count});
    }
  }
  counts.distinct = counts.values.size();
  // Dates keep time order; a cut keeps the most recent periods.
  if (keep != 0 && counts.values.size() > keep) {
    counts.values.erase(counts.values.begin(), counts.values.end() - static_cast<std::ptrdiff_t>(keep));
  }
  return counts;
}

// Civil date <-> days since 1970-01-01 (Howard Hinnant's algorithms).
long days_from_civil(long year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const long era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const long year = static_cast<long>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
  char text[32];
  std::snprintf(text, sizeof text, "%04ld-%02u-%02u", year, month, day);
  return text;
}

Timeline make_timeline(const std::map<std::string, Xapian::doccount>& days, Xapian::doccount seen) {
  Timeline timeline;
  Xapian::doccount dated = 0;
  for (const auto& entry : days) dated += entry.second;
  timeline.undated = seen > dated ? seen - dated : 0;
  if (days.empty()) return timeline;
  auto first = slot_day_number(days.begin()->first);
  auto last = slot_day_number(days.rbegin()->first);
  if (first && last && *last - *first < static_cast<long>(kTimelineDayLimit)) {
    timeline.granularity = Granularity::Day;
    std::map<long, Xapian::doccount> by_number;
    for (const auto& [day, count] : days) by_number[*slot_day_number(day)] += count;
    for (long n = *first; n <= *last; ++n) {
      auto found = by_number.find(n);
      timeline.buckets.push_back({civil_from_days(n), found == by_number.end() ? 0 : found->second});
    }
    return timeline;
  }
  timeline.granularity = Granularity::Month;
  std::map<std::string, Xapian::doccount> months;
  for (const auto& [day, count] : days) months[period_of(day, Facet::Month)] += count;
  int year = std::stoi(months.begin()->first.substr(0, 4));
  int month = std::stoi(months.begin()->first.substr(5, 2));
  const std::string& end = months.rbegin()->first;
  while (true) {
    char period[16];
    std::snprintf(period, sizeof period, "%04d-%02d", year, month);
    auto found = months.find(period);
    timeline.buckets.push_back({period, found == months.end() ? 0 : found->second});
    if (period == end || timeline.buckets.size() > 120000) break;
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
  return timeline;
}

}  // namespace

std::string_view facet_name(Facet facet) {
  return info(facet).name;
}

std::optional<Facet> facet_from_name(std::string_view name) {
  for (const auto& entry : kFacetInfo) {
    if (entry.name == name) return entry.facet;
  }
  return std::nullopt;
}

std::optional<long> slot_day_number(std::string_view value) {
  if (value.size() < 8) return std::nullopt;
  unsigned digits[8];
  for (std::size_t i = 0; i < 8; ++i) {
    if (value[i] < '0' || value[i] > '9') return std::nullopt;
    digits[i] = static_cast<unsigned>(value[i] - '0');
  }
  long year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
  unsigned month = digits[4] * 10 + digits[5];
  unsigned day = digits[6] * 10 + digits[7];
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  return days_from_civil(year, month, day);
}

void read_story_facts(const Xapian::Database& database, std::vector<Hit>& hits) {
  std::vector<StoryOf> articles;
  articles.reserve(hits.size());
  for (const Hit& hit : hits) articles.push_back({hit.docid, hit.collapse_key});
  auto stories = story_facts(database, articles);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    hits[i].story = std::move(stories[i]);
    hits[i].collapsed = hits[i].collapsed && hits[i].story.has_value();
  }
}

SearchResult search(const Xapian::Database& database, const SearchRequest& request) {
  SearchResult result;
  try {
    Xapian::Enquire enquire(database);
    enquire.set_weighting_scheme(Xapian::BM25Weight(request.bm25.k1, 0, 1, request.bm25.b, 0.5));
    Xapian::Query query = request.stopwords_language.empty()
                              ? request.query
                              : without_stopwords(request.query, request.stopwords_language);
    enquire.set_query(query);
    if (request.expansion && request.sort == SortOrder::Relevance) {
      query = expanded(enquire, query, *request.expansion, result.expansion_terms);
      enquire.set_query(query);
    }
    if (request.recent_half_life_days && request.sort == SortOrder::Relevance) {
      if (request.remote) {
        throw std::runtime_error(
            "--recent cannot rank remote shards (xapian-tcpsrv runs only Xapian's own "
            "weighting): search the shards locally, or leave out --recent");
      }
      Xapian::MSet best = enquire.get_mset(0, 1);
      double scale = !best.empty() && best.begin().get_weight() > 0 ? best.begin().get_weight() : 1.0;
      auto source = std::make_unique<RecencySource>(*request.recent_half_life_days, scale);
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source.release()->release()));
      enquire.set_query(query);
    }
    const bool story_listing = is_story_listing(query);
    if (story_listing && request.sort == SortOrder::Relevance) {
      enquire.set_sort_by_value_then_relevance(kDateSlot, false);
    } else {
      set_order(enquire, request);
    }
    // A listing (story:KEY, or '*' for every article) shows every article.
    const bool collapse =
        request.collapse && !story_listing && query.get_type() != Xapian::Query::LEAF_MATCH_ALL;
    if (collapse) collapse_by_story(enquire);

    std::vector<std::string> term_prefixes;
    bool need_sources = false;
    if (request.timeline) term_prefixes.emplace_back(schema::prefix::kDay);
    for (Facet facet : request.facets) {
      if (is_date_facet(facet)) {
        term_prefixes.emplace_back(schema::prefix::kDay);
      } else if (facet == Facet::Source) {
        need_sources = true;
      } else {
        term_prefixes.emplace_back(info(facet).prefix);
      }
    }
    std::optional<FacetSpy> facet_spy;
    std::optional<Xapian::ValueCountMatchSpy> source_spy;
    std::optional<Xapian::ValueCountMatchSpy> remote_facet_spy;
    if (!term_prefixes.empty() && request.remote) {
      facet_spy.emplace(term_prefixes, true);
      enquire.add_matchspy(&remote_facet_spy.emplace(kFacetSlot));
    } else if (!term_prefixes.empty()) {
      enquire.add_matchspy(&facet_spy.emplace(term_prefixes, database.get_value_freq(kFacetSlot) > 0));
    }
    if (need_sources) enquire.add_matchspy(&source_spy.emplace(kSourceSlot));
    const bool spying = facet_spy || source_spy || remote_facet_spy;

    // Spies see every match only when the matcher is told to look at all of them; otherwise ask for enough
    // hits to know the count exactly on small results.
    Xapian::doccount check_at_least = spying ? database.get_doccount() : 100;
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);
    // Asks for every hit's document at once: a remote shard then answers in one round trip, not one per hit
    // (a local database gains nothing). Not past the first page: Xapian 1.4.22's MSet::fetch() crashes on
    // an MSet with a non-zero offset.
    if (request.remote && request.read_hits && request.offset == 0) mset.fetch();
    result.matches_estimated = mset.get_matches_estimated();
    result.matches_lower_bound = mset.get_matches_lower_bound();
    result.matches_upper_bound = mset.get_matches_upper_bound();
    if (remote_facet_spy) {
      for (auto it = remote_facet_spy->values_begin(); it != remote_facet_spy->values_end(); ++it) {
        facet_spy->count_slot_value(*it, it.get_termfreq());
      }
      facet_spy->add_seen(static_cast<Xapian::doccount>(remote_facet_spy->get_total()));
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.rank = it.get_rank() + 1;  // get_rank() already counts the offset
      hit.docid = *it;
      hit.score = it.get_weight();
      if (collapse) hit.collapse_key = it.get_collapse_key();
      if (request.read_hits) hit.record = store::decode_record(it.get_document().get_data());
      hit.collapsed = collapse;
      result.hits.push_back(std::move(hit));
    }
    if (request.read_hits) read_story_facts(database, result.hits);

    for (Facet facet : request.facets) {
      if (is_date_facet(facet)) {
        result.facets.push_back(date_facet(facet, days_of(*facet_spy), request.facet_values));
        continue;
      }
      FacetCounts counts;
      counts.facet = facet;
      if (facet == Facet::Source) {
        CountMap sources;
        for (auto it = source_spy->values_begin(); it != source_spy->values_end(); ++it) {
          sources[*it] = it.get_termfreq();
        }
        counts.distinct = sources.size();
        counts.values = top_values(sources, request.facet_values);
      } else {
        const auto& found = facet_spy->counts(info(facet).prefix);
        counts.distinct = found.size();
        counts.values = top_values(found, request.facet_values);
      }
      result.facets.push_back(std::move(counts));
    }
    if (request.timeline) result.timeline = make_timeline(days_of(*facet_spy), facet_spy->seen());
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("search failed: " + e.get_description());
  }
  return result;
}

}  // namespace newsdig::results
