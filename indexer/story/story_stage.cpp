#include "indexer/story/story_stage.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "common/analysis/analyzer.hpp"
#include "common/analysis/sentences.hpp"
#include "common/extract/story/lead.hpp"
#include "common/schema.hpp"
#include "common/store/document_builder.hpp"
#include "common/store/record.hpp"
#include "common/util/hash.hpp"

namespace newsdig::indexer::story {
namespace {

using extract::story::Profile;
using extract::story::StoryFeatures;

// Postings of a term are read from the latest this many members: a term shared by more is no clue.
constexpr std::size_t kPostingsScanned = 400;
// A profile is remade when the documents counted have doubled since; past this many it is left as is
// (idf has settled) and the member's raw terms are dropped to save memory.
constexpr double kStableDocuments = 4096;
constexpr std::size_t kDatabaseMembersCached = 20000;

bool has_prefix(std::string_view term, std::string_view prefix) {
  return term.size() > prefix.size() && term.substr(0, prefix.size()) == prefix;
}

std::string story_term(std::string_view key) {
  return schema::make_term(schema::prefix::kStory, key);
}

// The profile's best terms, best first.
std::vector<std::string> best_terms(const Profile& profile, std::size_t count) {
  std::vector<const extract::story::WeightedTerm*> order;
  for (const auto& entry : profile) order.push_back(&entry);
  std::sort(order.begin(), order.end(), [](auto* x, auto* y) {
    return x->weight != y->weight ? x->weight > y->weight : x->term < y->term;
  });
  std::vector<std::string> terms;
  for (std::size_t i = 0; i < order.size() && i < count; ++i) terms.push_back(order[i]->term);
  return terms;
}

struct Prepared {
  StoryFeatures features;
  std::string id_term;
};

// The language code of a built document (its lang term): the article's own, else the indexer's default.
std::string document_language(const Xapian::Document& document) {
  auto it = document.termlist_begin();
  it.skip_to(std::string(schema::prefix::kLang));
  if (it != document.termlist_end() && has_prefix(*it, schema::prefix::kLang)) {
    return (*it).substr(schema::prefix::kLang.size());
  }
  return {};
}

analysis::SentenceOptions lead_sentence_options() {
  analysis::SentenceOptions options;
  options.line_breaks = analysis::LineBreaks::Wrapped;
  return options;
}

}  // namespace

StoryFeatures document_features(const Xapian::Document& document, std::string id) {
  namespace prefix = schema::prefix;
  StoryFeatures features;
  features.id = std::move(id);
  features.day = extract::story::day_number(document.get_value(schema::slot_number(schema::Slot::PubDate)));
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    const std::string term = *it;
    if (schema::all_text_stem(term)) {
      features.terms.emplace_back(term, it.get_wdf());
    } else if (has_prefix(term, prefix::kPerson) || has_prefix(term, prefix::kOrg) ||
               has_prefix(term, prefix::kPlace) || has_prefix(term, prefix::kMisc)) {
      features.terms.emplace_back(term, 1U);
    } else if (has_prefix(term, prefix::kMentions)) {
      const std::string_view value = std::string_view(term).substr(prefix::kMentions.size());
      if (value.size() == 10) {
        if (auto day = extract::story::day_number(value)) features.mentioned_days.push_back(*day);
      } else if (value.size() == 4 &&
                 std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        features.mentioned_years.push_back(std::stoi(std::string(value)));
      }
    }
  }
  // Term lists come sorted; the mention values too, but say so rather than rely on it.
  std::sort(features.terms.begin(), features.terms.end());
  std::sort(features.mentioned_days.begin(), features.mentioned_days.end());
  std::sort(features.mentioned_years.begin(), features.mentioned_years.end());
  return features;
}

std::string new_story_key(std::string_view id) {
  return util::hex64(util::stable_hash64(id));
}

StoryStage::StoryStage(StorySettings settings, std::optional<Xapian::Database> existing)
    : settings_(std::move(settings)), database_(std::move(existing)), sentences_(lead_sentence_options()) {
  if (database_) {
    database_documents_ = static_cast<double>(database_->get_doccount());
    if (database_documents_ == 0) database_.reset();
  }
}

std::any StoryStage::prepare(const Article& article, const Xapian::Document& document) const {
  Prepared prepared;
  prepared.features = document_features(document, article.id);
  prepared.features.fingerprint = extract::story::minhash(article.title + "\n" + article.body);
  // One analyzer and sentence splitter per worker thread: neither is thread-safe.
  thread_local analysis::Analyzer analyzer;
  thread_local analysis::SentenceSplitter sentences(lead_sentence_options());
  extract::story::add_lead(article, document_language(document), analyzer, sentences, prepared.features);
  prepared.id_term = store::id_term(article.id);
  return prepared;
}

void StoryStage::assign(std::any& prepared, Xapian::Document& document) {
  auto& data = std::any_cast<Prepared&>(prepared);
  std::string key;
  // An incremental run commits to the database this stage reads; a reader two commits behind gets
  // DatabaseModifiedError. Nothing is remembered before the reads, so reopen and assign again.
  for (int attempt = 1;; ++attempt) {
    try {
      key = assign_features(attempt < 3 ? data.features : std::move(data.features), data.id_term);
      break;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (!database_ || attempt >= 3) throw;
      database_->reopen();
      database_members_.clear();
    }
  }
  document.add_boolean_term(story_term(key));
  document.add_value(schema::slot_number(schema::Slot::Story), key);
}

double StoryStage::documents() const {
  return database_documents_ + static_cast<double>(run_documents_);
}

double StoryStage::idf(std::string_view term) const {
  double df = 0;
  if (auto it = run_df_.find(term); it != run_df_.end()) df += it->second;
  if (database_) df += database_->get_termfreq(std::string(term));
  return std::log((documents() + settings_.idf_prior) / (df + 1.0));
}

const Profile& StoryStage::fresh_profile(Member& member) {
  if (!member.features.terms.empty() && documents() >= 2 * member.profile_documents) {
    member.profile = make_profile(
        member.features, [this](std::string_view t) { return idf(t); }, settings_.profile);
    member.profile_documents = documents();
    if (member.profile_documents >= kStableDocuments) {
      member.features.terms = {};
      member.features.lead_terms = {};
    }
  }
  return member.profile;
}

void StoryStage::score_story(const std::string& key, const StoryFeatures& features, const Profile& profile,
                             std::map<std::string, Candidate>& candidates) {
  if (candidates.count(key) != 0) return;
  Candidate candidate;
  if (auto it = stories_.find(key); it != stories_.end()) {
    auto& members = it->second;
    for (auto m = members.rbegin(); m != members.rend() && candidate.compared < settings_.members_compared;
         ++m) {
      if (*m < base_) break;
      Member& member = recent_[*m - base_];
      const double score = extract::story::same_story_score(features, profile, member.features,
                                                            fresh_profile(member), settings_.score);
      candidate.total += score;
      candidate.best = std::max(candidate.best, score);
      ++candidate.compared;
    }
  }
  if (database_) {
    const std::string term = story_term(key);
    for (auto it = database_->postlist_begin(term);
         it != database_->postlist_end(term) && candidate.compared < settings_.members_compared; ++it) {
      const Member& member = database_member(*it);
      if (member.features.id == features.id) continue;  // the article itself, being reindexed
      const double score = extract::story::same_story_score(features, profile, member.features,
                                                            member.profile, settings_.score);
      candidate.total += score;
      candidate.best = std::max(candidate.best, score);
      ++candidate.compared;
      candidate.database = true;
    }
  }
  candidates.emplace(key, candidate);
}

void StoryStage::find_in_memory(const StoryFeatures& features, const Profile& profile,
                                std::map<std::string, Candidate>& candidates) {
  std::vector<std::size_t> shared;  // members sharing a query term, counted in shared_counts_
  shared_counts_.resize(recent_.size());
  std::vector<std::size_t> copies;
  if (features.fingerprint) {
    for (auto band : extract::story::band_keys(*features.fingerprint)) {
      auto it = bands_.find(band);
      if (it == bands_.end()) continue;
      for (std::size_t m : it->second) {
        if (m >= base_) copies.push_back(m);
      }
    }
  }
  for (const auto& term : best_terms(profile, settings_.query_terms)) {
    auto it = postings_.find(term);
    if (it == postings_.end()) continue;
    auto& list = it->second;
    list.erase(list.begin(), std::lower_bound(list.begin(), list.end(), base_));
    const std::size_t from = list.size() > kPostingsScanned ? list.size() - kPostingsScanned : 0;
    for (std::size_t i = from; i < list.size(); ++i) {
      if (shared_counts_[list[i] - base_]++ == 0) shared.push_back(list[i]);
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> ranked;
  ranked.reserve(shared.size());
  for (std::size_t m : shared) {
    ranked.emplace_back(m, shared_counts_[m - base_]);
    shared_counts_[m - base_] = 0;
  }
  // Members are unique, so this order is total: the same whatever order they were found in.
  const auto kept = static_cast<std::ptrdiff_t>(std::min(ranked.size(), settings_.candidates));
  std::partial_sort(ranked.begin(), ranked.begin() + kept, ranked.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : x.first > y.first;  // later articles first on ties
  });
  ranked.resize(static_cast<std::size_t>(kept));
  for (std::size_t m : copies) ranked.emplace_back(m, 0);
  for (const auto& [m, count] : ranked) score_story(recent_[m - base_].story, features, profile, candidates);
}

const StoryStage::Member& StoryStage::database_member(Xapian::docid docid) {
  if (auto it = database_members_.find(docid); it != database_members_.end()) return it->second;
  if (database_members_.size() >= kDatabaseMembersCached) database_members_.clear();
  const Xapian::Document document = database_->get_document(docid);
  std::string id;
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    const std::string term = *it;
    if (has_prefix(term, schema::prefix::kId)) {
      id = term.substr(schema::prefix::kId.size());
      break;
    }
  }
  Member member;
  member.features = document_features(document, id);
  try {
    const Article stored = store::decode_record(document.get_data());
    extract::story::add_lead(stored, stored.lang, analyzer_, sentences_, member.features);
  } catch (const std::runtime_error&) {
    // A record of another version (a database written before the record changed): compared without its
    // lead, as a reindex would not be.
  }
  member.profile = make_profile(
      member.features, [this](std::string_view t) { return idf(t); }, settings_.profile);
  member.story = document.get_value(schema::slot_number(schema::Slot::Story));
  return database_members_.emplace(docid, std::move(member)).first->second;
}

void StoryStage::find_in_database(const StoryFeatures& features, const Profile& profile,
                                  std::map<std::string, Candidate>& candidates) {
  const auto terms = best_terms(profile, settings_.query_terms);
  if (terms.empty()) return;
  Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  if (features.day) {
    // PubDate values are "YYYYMMDD[hhmmss]": a range of day strings holds every time of those days.
    auto day_text = [](long day) {
      // civil_from_days, Howard Hinnant's algorithm.
      day += 719468;
      const long era = (day >= 0 ? day : day - 146096) / 146097;
      const long doe = day - era * 146097;
      const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
      const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      const long mp = (5 * doy + 2) / 153;
      const long d = doy - (153 * mp + 2) / 5 + 1;
      const long m = mp < 10 ? mp + 3 : mp - 9;
      const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
      return fmt::format("{:04}{:02}{:02}", y, m, d);
    };
    const auto window = static_cast<long>(settings_.score.window_days);
    query = Xapian::Query(
        Xapian::Query::OP_FILTER, query,
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot_number(schema::Slot::PubDate),
                      day_text(*features.day - window), day_text(*features.day + window) + "~"));
  }
  Xapian::Enquire enquire(*database_);
  enquire.set_query(query);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet hits = enquire.get_mset(0, settings_.database_candidates);
  for (auto it = hits.begin(); it != hits.end(); ++it) {
    const Member& member = database_member(*it);
    if (member.features.id == features.id || member.story.empty()) continue;
    score_story(member.story, features, profile, candidates);
  }
}

void StoryStage::remember(StoryFeatures features, Profile profile, const std::string& key) {
  const std::size_t index = base_ + recent_.size();
  for (const auto& term : best_terms(profile, settings_.query_terms)) postings_[term].push_back(index);
  if (features.fingerprint) {
    for (auto band : extract::story::band_keys(*features.fingerprint)) bands_[band].push_back(index);
  }
  stories_[key].push_back(index);
  Member member;
  member.features = std::move(features);
  member.profile = std::move(profile);
  member.profile_documents = documents();
  // Past this many documents idf has settled and the profile is never remade: the raw terms are not kept
  // (most of a member's memory, and of the time freeing 20,000 of them takes).
  if (member.profile_documents >= kStableDocuments) {
    member.features.terms = {};
    member.features.lead_terms = {};
  }
  member.story = key;
  recent_.push_back(std::move(member));
  while (recent_.size() > settings_.memory) {
    recent_.pop_front();
    ++base_;
  }
  // Band and story lists are trimmed here now and then; postings are trimmed as they are read.
  if (base_ > 0 && index % settings_.memory == 0) {
    for (auto* table : {&bands_}) {
      for (auto it = table->begin(); it != table->end();) {
        auto& list = it->second;
        list.erase(list.begin(), std::lower_bound(list.begin(), list.end(), base_));
        it = list.empty() ? table->erase(it) : std::next(it);
      }
    }
    for (auto it = stories_.begin(); it != stories_.end();) {
      auto& list = it->second;
      list.erase(list.begin(), std::lower_bound(list.begin(), list.end(), base_));
      it = list.empty() ? stories_.erase(it) : std::next(it);
    }
  }
}

std::string StoryStage::assign_features(StoryFeatures features, const std::string& id_term) {
  std::string key;
  if (database_) {
    // An article reindexed keeps its story.
    auto it = database_->postlist_begin(id_term);
    if (it != database_->postlist_end(id_term)) {
      key = database_->get_document(*it).get_value(schema::slot_number(schema::Slot::Story));
    }
  }
  Profile profile = make_profile(
      features, [this](std::string_view t) { return idf(t); }, settings_.profile);
  if (key.empty()) {
    std::map<std::string, Candidate> candidates;
    find_in_memory(features, profile, candidates);
    if (database_) find_in_database(features, profile, candidates);
    double best = 0;
    const Candidate* chosen = nullptr;
    for (const auto& [story, candidate] : candidates) {
      if (candidate.compared == 0) continue;
      const double average =
          (1 - settings_.max_share) * candidate.total / static_cast<double>(candidate.compared) +
          settings_.max_share * candidate.best;
      if (average > best) {
        best = average;
        key = story;
        chosen = &candidate;
      }
    }
    if (chosen != nullptr && best >= settings_.threshold) {
      ++stats_.joined;
      if (best >= 1.0) ++stats_.near_duplicates;
      if (chosen->database) ++stats_.from_database;
    } else {
      key = new_story_key(features.id);
      ++stats_.started;
    }
  }
  for (const auto& [term, wdf] : features.terms) ++run_df_[term];
  ++run_documents_;
  remember(std::move(features), std::move(profile), key);
  return key;
}

}  // namespace newsdig::indexer::story
