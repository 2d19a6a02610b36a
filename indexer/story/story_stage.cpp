#include "indexer/story/story_stage.hpp"

#include <algorithm>
#include <bit>
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
    std::string term = *it;
    if (schema::all_text_stem(term)) {
      // A stop stem is in no profile: its frequency is never wanted.
      if (!extract::story::stop_stem(term)) features.terms.emplace_back(std::move(term), it.get_wdf());
    } else if (has_prefix(term, prefix::kPerson) || has_prefix(term, prefix::kOrg) ||
               has_prefix(term, prefix::kPlace) || has_prefix(term, prefix::kMisc)) {
      features.terms.emplace_back(std::move(term), 1U);
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
  if (!std::is_sorted(features.terms.begin(), features.terms.end())) {
    std::sort(features.terms.begin(), features.terms.end());
  }
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
      std::fill(database_df_.begin(), database_df_.end(), -1.0);
    }
  }
  document.add_boolean_term(story_term(key));
  document.add_value(schema::slot_number(schema::Slot::Story), key);
}

double StoryStage::documents() const {
  return database_documents_ + static_cast<double>(run_documents_);
}

// The slot of `term` in term_slots_, or the empty slot where it would go.
std::size_t StoryStage::term_slot(std::string_view term, std::uint64_t hash) const {
  const std::size_t mask = term_slots_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const TermSlot& entry = term_slots_[slot];
    if (entry.term == kNoTerm || (entry.hash == hash && term_text_[entry.term] == term)) return slot;
  }
}

std::optional<StoryStage::TermId> StoryStage::find_term(std::string_view term) const {
  if (term_slots_.empty()) return std::nullopt;
  const TermSlot& entry = term_slots_[term_slot(term, std::hash<std::string_view>{}(term))];
  if (entry.term == kNoTerm) return std::nullopt;
  return entry.term;
}

StoryStage::TermId StoryStage::intern(std::string_view term) {
  if (2 * (term_text_.size() + 1) > term_slots_.size()) {
    std::vector<TermSlot> old = std::exchange(
        term_slots_, std::vector<TermSlot>(std::max<std::size_t>(1024, 2 * term_slots_.size())));
    const std::size_t mask = term_slots_.size() - 1;
    for (const TermSlot& entry : old) {
      if (entry.term == kNoTerm) continue;
      std::size_t slot = entry.hash & mask;
      while (term_slots_[slot].term != kNoTerm) slot = (slot + 1) & mask;
      term_slots_[slot] = entry;
    }
  }
  const std::uint64_t hash = std::hash<std::string_view>{}(term);
  TermSlot& entry = term_slots_[term_slot(term, hash)];
  if (entry.term != kNoTerm) return entry.term;
  const auto id = static_cast<TermId>(term_text_.size());
  entry = {hash, id};
  term_text_.emplace_back(term);
  term_boost_.push_back(extract::story::term_boost(term, settings_.profile));
  term_kind_.push_back(extract::story::person_term(term)   ? TermKind::Person
                       : extract::story::place_term(term)  ? TermKind::Place
                       : extract::story::number_term(term) ? TermKind::Number
                                                           : TermKind::Other);
  run_df_.push_back(0);
  database_df_.push_back(-1);
  postings_.emplace_back();
  article_weight_.push_back(0);
  return id;
}

StoryStage::Interned StoryStage::intern(StoryFeatures& features) {
  Interned interned;
  interned.terms.reserve(features.terms.size());
  for (const auto& [term, wdf] : features.terms) interned.terms.emplace_back(intern(term), wdf);
  // A lead term that is none of the stage's terms is none of this article's either: it weighs nothing.
  for (const auto& term : features.lead_terms) {
    if (auto id = find_term(term)) interned.sets.lead.push_back(*id);
  }
  TermSets& sets = interned.sets;
  for (const auto& entry : interned.terms) {
    switch (term_kind_[entry.first]) {
      case TermKind::Person: sets.people.push_back(entry.first); break;
      case TermKind::Place: sets.places.push_back(entry.first); break;
      case TermKind::Number: sets.numbers.push_back(entry.first); break;
      case TermKind::Other: break;
    }
  }
  for (auto* set : {&sets.lead, &sets.people, &sets.places, &sets.numbers})
    std::sort(set->begin(), set->end());
  features.terms = {};
  features.lead_terms = {};
  return interned;
}

double StoryStage::idf(TermId term) {
  double df = 0;
  df += run_df_[term];
  if (database_) {
    // The database is read-only here: a term's frequency only changes when it is reopened (assign).
    if (database_df_[term] < 0) database_df_[term] = database_->get_termfreq(term_text_[term]);
    df += database_df_[term];
  }
  return std::log((documents() + settings_.idf_prior) / (df + 1.0));
}

StoryStage::IdProfile StoryStage::make_profile(const std::vector<std::pair<TermId, unsigned>>& terms,
                                               const std::vector<TermId>& lead_terms) {
  return extract::story::weigh_terms(
      terms, lead_terms, [this](TermId term) { return term_boost_[term]; },
      [this](TermId term) { return idf(term); },
      [this](TermId x, TermId y) { return term_text_[x] < term_text_[y]; }, settings_.profile);
}

// The profile's best terms, best first.
std::vector<StoryStage::TermId> StoryStage::best_terms(const IdProfile& profile) const {
  std::vector<const WeightedId*> order;
  order.reserve(profile.size());
  for (const auto& entry : profile) order.push_back(&entry);
  const auto count = static_cast<std::ptrdiff_t>(std::min(order.size(), settings_.query_terms));
  std::partial_sort(order.begin(), order.begin() + count, order.end(), [this](auto* x, auto* y) {
    return x->weight != y->weight ? x->weight > y->weight : term_text_[x->term] < term_text_[y->term];
  });
  std::vector<TermId> terms;
  terms.reserve(static_cast<std::size_t>(count));
  for (std::ptrdiff_t i = 0; i < count; ++i) terms.push_back(order[static_cast<std::size_t>(i)]->term);
  return terms;
}

const StoryStage::IdProfile& StoryStage::fresh_profile(Member& member) {
  if (!member.terms.empty() && documents() >= 2 * member.profile_documents) {
    member.profile = make_profile(member.terms, member.sets.lead);
    member.profile_documents = documents();
    if (member.profile_documents >= kStableDocuments) member.terms = {};
  }
  return member.profile;
}

double StoryStage::score(const StoryFeatures& features, const Member& member,
                         const IdProfile& member_profile) const {
  return extract::story::same_story_score_with(
      features, member.features, settings_.score,
      [&] {
        // The cosine with the article's profile, spread in article_weight_: the member's terms in their
        // string order, as extract::story::cosine adds them (a term the article lacks adds 0).
        double dot = 0;
        for (const auto& entry : member_profile) dot += article_weight_[entry.term] * entry.weight;
        return dot;
      },
      [&] { return overlap(member.sets); });
}

extract::story::PairOverlap StoryStage::overlap(const TermSets& member) const {
  extract::story::PairOverlap result;
  result.lead = extract::story::set_overlap(article_sets_->lead, member.lead);
  result.people = extract::story::set_overlap(article_sets_->people, member.people);
  result.places = extract::story::set_overlap(article_sets_->places, member.places);
  result.numbers = extract::story::set_overlap(article_sets_->numbers, member.numbers);
  return result;
}

// Compares the article with a story's latest members: `members` (of this run, oldest first), then the
// database's, up to settings_.members_compared in all.
void StoryStage::score_members(Candidate& candidate, const std::vector<std::size_t>* members,
                               const StoryFeatures& features) {
  if (members != nullptr) {
    for (auto m = members->rbegin(); m != members->rend() && candidate.compared < settings_.members_compared;
         ++m) {
      if (*m < base_) break;
      Member& member = recent_[*m - base_];
      const double value = score(features, member, fresh_profile(member));
      candidate.total += value;
      candidate.best = std::max(candidate.best, value);
      ++candidate.compared;
    }
  }
  if (database_) {
    const std::string term = story_term(*candidate.key);
    for (auto it = database_->postlist_begin(term);
         it != database_->postlist_end(term) && candidate.compared < settings_.members_compared; ++it) {
      const Member& member = database_member(*it);
      if (member.features.id == features.id) continue;  // the article itself, being reindexed
      const double value = score(features, member, member.profile);
      candidate.total += value;
      candidate.best = std::max(candidate.best, value);
      ++candidate.compared;
      candidate.database = true;
    }
  }
}

void StoryStage::score_story(std::uint32_t story, const StoryFeatures& features,
                             std::vector<Candidate>& candidates) {
  Story& entry = stories_[story];
  if (entry.scored == assignments_) return;
  entry.scored = assignments_;
  Candidate candidate;
  candidate.key = entry.key;
  score_members(candidate, &entry.members, features);
  candidates.push_back(candidate);
}

void StoryStage::score_database_story(const std::string& key, const StoryFeatures& features,
                                      std::vector<Candidate>& candidates) {
  if (auto it = story_numbers_.find(key); it != story_numbers_.end()) {
    score_story(it->second, features, candidates);
    return;
  }
  for (const auto& candidate : candidates) {
    if (*candidate.key == key) return;
  }
  database_story_keys_.push_back(key);
  Candidate candidate;
  candidate.key = &database_story_keys_.back();
  score_members(candidate, nullptr, features);
  candidates.push_back(candidate);
}

StoryStage::BandLink& StoryStage::band_link(std::size_t member, std::size_t band) {
  return band_links_[(member * extract::story::kBands + band) % band_links_.size()];
}

void StoryStage::find_in_memory(const StoryFeatures& features, const std::optional<BandKeys>& bands,
                                const std::vector<TermId>& query, std::vector<Candidate>& candidates) {
  std::vector<std::size_t>& shared = shared_;  // members sharing a query term, counted in shared_counts_
  shared.clear();
  shared_counts_.resize(recent_.size());
  std::vector<std::size_t> copies;
  if (bands && !band_heads_.empty()) {
    const std::uint64_t mask = band_heads_.size() - 1;
    for (auto key : *bands) {
      // Newest first: an entry of a member no longer held ends the chain, as all after it are older (and
      // its link may have been written over by a newer member's).
      for (std::uint64_t entry = band_heads_[key & mask]; entry != 0;) {
        const std::size_t m = (entry - 1) / extract::story::kBands;
        const std::size_t band = (entry - 1) % extract::story::kBands;
        if (m < base_) break;
        const BandLink& link = band_link(m, band);
        if (link.key == key) copies.push_back(m);
        entry = link.next;
      }
    }
  }
  for (TermId term : query) {
    auto& list = postings_[term];
    // Searched only when its oldest member has left: each step of a search in a long list is a cache miss.
    if (!list.empty() && list.front() < base_) {
      list.erase(list.begin(), std::lower_bound(list.begin(), list.end(), base_));
    }
    const std::size_t from = list.size() > kPostingsScanned ? list.size() - kPostingsScanned : 0;
    for (std::size_t i = from; i < list.size(); ++i) {
      if (shared_counts_[list[i] - base_]++ == 0) shared.push_back(list[i]);
    }
  }
  auto& ranked = ranked_;
  ranked.clear();
  for (std::size_t m : shared) {
    ranked.emplace_back(m, shared_counts_[m - base_]);
    shared_counts_[m - base_] = 0;
  }
  // Members are unique, so this order is total: the same whatever order they were found in.
  auto more_shared = [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : x.first > y.first;  // later articles first on ties
  };
  const auto kept = static_cast<std::ptrdiff_t>(std::min(ranked.size(), settings_.candidates));
  if (static_cast<std::size_t>(kept) < ranked.size()) {
    std::nth_element(ranked.begin(), ranked.begin() + kept, ranked.end(), more_shared);
  }
  std::sort(ranked.begin(), ranked.begin() + kept, more_shared);
  ranked.resize(static_cast<std::size_t>(kept));
  for (std::size_t m : copies) ranked.emplace_back(m, 0);
  for (const auto& [m, count] : ranked) score_story(recent_[m - base_].story, features, candidates);
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
  Interned interned = intern(member.features);
  member.profile = make_profile(interned.terms, interned.sets.lead);
  member.sets = std::move(interned.sets);
  member.database_story = document.get_value(schema::slot_number(schema::Slot::Story));
  return database_members_.emplace(docid, std::move(member)).first->second;
}

void StoryStage::find_in_database(const StoryFeatures& features, const std::vector<TermId>& query,
                                  std::vector<Candidate>& candidates) {
  if (query.empty()) return;
  std::vector<std::string> terms;
  terms.reserve(query.size());
  for (TermId term : query) terms.push_back(term_text_[term]);
  Xapian::Query xapian_query(Xapian::Query::OP_OR, terms.begin(), terms.end());
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
    xapian_query = Xapian::Query(
        Xapian::Query::OP_FILTER, xapian_query,
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot_number(schema::Slot::PubDate),
                      day_text(*features.day - window), day_text(*features.day + window) + "~"));
  }
  Xapian::Enquire enquire(*database_);
  enquire.set_query(xapian_query);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet hits = enquire.get_mset(0, settings_.database_candidates);
  for (auto it = hits.begin(); it != hits.end(); ++it) {
    const Member& member = database_member(*it);
    if (member.features.id == features.id || member.database_story.empty()) continue;
    score_database_story(member.database_story, features, candidates);
  }
}

void StoryStage::remember(StoryFeatures features, Interned interned, IdProfile profile,
                          const std::optional<BandKeys>& bands, const std::vector<TermId>& query,
                          const std::string& key) {
  const std::size_t index = base_ + recent_.size();
  for (TermId term : query) postings_[term].push_back(index);
  std::uint32_t story = 0;
  if (auto it = story_numbers_.find(key); it != story_numbers_.end()) {
    story = it->second;
  } else {
    if (free_stories_.empty()) {
      story = static_cast<std::uint32_t>(stories_.size());
      stories_.emplace_back();
    } else {
      story = free_stories_.back();
      free_stories_.pop_back();
    }
    stories_[story].key = &story_numbers_.emplace(key, story).first->first;
  }
  stories_[story].members.push_back(index);
  if (bands) {
    if (band_heads_.empty()) {
      // About two buckets per band entry of the members held.
      const std::size_t held = std::max<std::size_t>(settings_.memory, 1);
      band_heads_.resize(std::bit_ceil(2 * extract::story::kBands * held));
      band_links_.resize(extract::story::kBands * held);
    }
    const std::uint64_t mask = band_heads_.size() - 1;
    for (std::size_t band = 0; band < extract::story::kBands; ++band) {
      auto& head = band_heads_[(*bands)[band] & mask];
      band_link(index, band) = {(*bands)[band], head};
      head = 1 + index * extract::story::kBands + band;
    }
  }
  Member member;
  member.features = std::move(features);
  member.profile = std::move(profile);
  member.profile_documents = documents();
  // Past this many documents idf has settled and the profile is never remade: the terms are not kept.
  if (member.profile_documents < kStableDocuments) member.terms = std::move(interned.terms);
  member.sets = std::move(interned.sets);
  member.story = story;
  recent_.push_back(std::move(member));
  while (recent_.size() > settings_.memory) {
    recent_.pop_front();
    ++base_;
  }
  // Story lists are trimmed here now and then; postings are trimmed as they are read.
  if (base_ > 0 && index % settings_.memory == 0) {
    for (std::uint32_t number = 0; number < stories_.size(); ++number) {
      Story& entry = stories_[number];
      if (entry.key == nullptr) continue;
      auto& list = entry.members;
      list.erase(list.begin(), std::lower_bound(list.begin(), list.end(), base_));
      if (list.empty()) {
        story_numbers_.erase(story_numbers_.find(*entry.key));
        entry = Story();
        free_stories_.push_back(number);
      }
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
  Interned interned = intern(features);
  IdProfile profile = make_profile(interned.terms, interned.sets.lead);
  const std::vector<TermId> query = best_terms(profile);
  std::optional<BandKeys> bands;
  if (features.fingerprint) bands = extract::story::band_keys(*features.fingerprint);
  if (key.empty()) {
    // The article's profile spread by term number for the cosines below, and taken back whatever happens.
    for (const auto& entry : profile) article_weight_[entry.term] = entry.weight;
    article_sets_ = &interned.sets;
    struct Unspread {
      std::vector<double>& weights;
      const IdProfile& profile;
      const TermSets*& sets;
      ~Unspread() {
        for (const auto& entry : profile) weights[entry.term] = 0;
        sets = nullptr;
      }
    } unspread{article_weight_, profile, article_sets_};
    std::vector<Candidate> candidates;
    database_story_keys_.clear();
    ++assignments_;  // a new number each time, a repeated attempt too: no story counts as scored yet
    find_in_memory(features, bands, query, candidates);
    if (database_) find_in_database(features, query, candidates);
    // The best story; of equal ones, the least key (the same choice whatever order they were found in).
    double best = 0;
    const Candidate* chosen = nullptr;
    for (const auto& candidate : candidates) {
      if (candidate.compared == 0) continue;
      const double average =
          (1 - settings_.max_share) * candidate.total / static_cast<double>(candidate.compared) +
          settings_.max_share * candidate.best;
      if (average > best || (chosen != nullptr && average == best && *candidate.key < *chosen->key)) {
        best = average;
        chosen = &candidate;
      }
    }
    if (chosen != nullptr && best >= settings_.threshold) {
      key = *chosen->key;
      ++stats_.joined;
      if (best >= 1.0) ++stats_.near_duplicates;
      if (chosen->database) ++stats_.from_database;
    } else {
      key = new_story_key(features.id);
      ++stats_.started;
    }
  }
  for (const auto& [term, wdf] : interned.terms) ++run_df_[term];
  ++run_documents_;
  remember(std::move(features), std::move(interned), std::move(profile), bands, query, key);
  return key;
}

}  // namespace newsdig::indexer::story
