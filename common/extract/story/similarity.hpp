#pragma once
// Whether two articles report the same story: the features compared (distinctive stems, named entities,
// publication and mentioned dates, a near-duplicate fingerprint), their weighting into a profile, and the
// score. Pure functions over terms as common/schema.hpp spells them; no Xapian, no I/O.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/extract/story/minhash.hpp"

namespace newsdig::extract::story {

struct StoryFeatures {
  std::string id;                                       // the article's id
  std::optional<long> day;                              // publication date, days since 1970-01-01
  std::vector<long> mentioned_days;                     // whole dates the article talks about, sorted, unique
  std::vector<int> mentioned_years;                     // years it talks about, sorted, unique
  std::vector<std::pair<std::string, unsigned>> terms;  // all-text stem terms (Z prefix) but stop stems
                                                        // (stop_stem), with their wdf, and typed entity
                                                        // terms (XPER, XORG, XPLACE, XMISC) counting 1,
                                                        // sorted by term
  std::optional<MinHash> fingerprint;                   // of title and body, when known
  // The lead (lead.hpp): all-text terms of the title and the body's first sentence, sorted, unique; the
  // people the lead names, as stable hashes of their surnames' all-text terms; and what the article can be
  // said to mention of people: hashes of the all-text terms of every word of every person it names and of
  // the lead. Sorted, unique; empty when unknown.
  std::vector<std::string> lead_terms;
  std::vector<std::uint64_t> lead_people;
  std::vector<std::uint64_t> named_people;
};

// A term of a profile and its weight. Term is the term's string (Profile), or a number a caller gives each
// distinct string (the story stage), ordered as the strings are.
template <typename Term>
struct BasicWeightedTerm {
  Term term;
  double weight = 0;
};
using WeightedTerm = BasicWeightedTerm<std::string>;
// The most distinctive terms of an article with tf-idf weights, sorted by term, of unit length.
using Profile = std::vector<WeightedTerm>;

struct ProfileSettings {
  std::size_t top_terms = 80;  // terms kept
  double person_boost = 2.0;   // entity terms weigh this much more than a stem of the same idf...
  double org_boost = 2.0;
  double place_boost = 1.0;  // ...big places less: many stories happen in Washington
  double misc_boost = 1.5;
  double lead_boost = 1.5;  // a term of the lead weighs this much more (the lead names the event)
};

// Whether a term is an all-text stem no profile holds: English function words and news boilerplate such as
// "said", as stems. Story features leave them out (document_features, indexer/story/story_stage.hpp), so
// nothing after that tests for them.
bool stop_stem(std::string_view term);

// What a term's weight is multiplied by for its kind: its entity boost, 1 for a stem.
double term_boost(std::string_view term, const ProfileSettings& settings);

// The profile of an article's terms over any term type, so that the story stage (terms as numbers) and
// make_profile below are one piece of code: each term weighs (1 + ln wdf) x idf(term) x boost(term) (x
// lead_boost when it is in `lead_terms`); the top_terms best are kept (ties by string_less, so the result is
// deterministic), at unit length, sorted by string_less. A term of boost 0 is left out without asking its
// idf. `terms`: (term, wdf) pairs; `lead_terms`: sorted by Term's operator<; string_less(x, y): whether x's
// string comes before y's.
template <typename Term, typename Boost, typename Idf, typename StringLess>
std::vector<BasicWeightedTerm<Term>> weigh_terms(const std::vector<std::pair<Term, unsigned>>& terms,
                                                 const std::vector<Term>& lead_terms, Boost&& boost,
                                                 Idf&& idf, StringLess&& string_less,
                                                 const ProfileSettings& settings) {
  std::vector<BasicWeightedTerm<Term>> profile;
  profile.reserve(terms.size());
  for (const auto& [term, wdf] : terms) {
    const double term_boost = boost(term);
    if (term_boost == 0) continue;
    const double tf = 1.0 + std::log(static_cast<double>(std::max(1U, wdf)));
    double weight = tf * idf(term) * term_boost;
    if (std::binary_search(lead_terms.begin(), lead_terms.end(), term)) weight *= settings.lead_boost;
    if (weight > 0) profile.push_back({term, weight});
  }
  auto better = [&](const BasicWeightedTerm<Term>& x, const BasicWeightedTerm<Term>& y) {
    return x.weight != y.weight ? x.weight > y.weight : string_less(x.term, y.term);
  };
  if (profile.size() > settings.top_terms) {
    std::nth_element(profile.begin(), profile.begin() + static_cast<std::ptrdiff_t>(settings.top_terms),
                     profile.end(), better);
    profile.resize(settings.top_terms);
  }
  double norm = 0;
  for (const auto& entry : profile) norm += entry.weight * entry.weight;
  norm = std::sqrt(norm);
  for (auto& entry : profile) entry.weight /= norm;
  std::sort(profile.begin(), profile.end(),
            [&](const auto& x, const auto& y) { return string_less(x.term, y.term); });
  return profile;
}

// weigh_terms over the features' terms as strings, boosted by term_boost. The terms hold no stop stems (as
// document_features makes them); one given here weighs as any stem.
Profile make_profile(const StoryFeatures& features, const std::function<double(std::string_view)>& idf,
                     const ProfileSettings& settings);

// Cosine of two profiles (0 when either is empty).
double cosine(const Profile& a, const Profile& b);

// How much of two sets two articles share (sorted sets: lead terms, people, places, numbers).
struct SetOverlap {
  std::size_t a = 0;       // the first article's set's size
  std::size_t b = 0;       // the second's
  std::size_t shared = 0;  // in both
  double jaccard() const {
    return a + b > shared ? static_cast<double>(shared) / static_cast<double>(a + b - shared) : 0.0;
  }
  bool disjoint() const { return a > 0 && b > 0 && shared == 0; }  // both have some, none in common
};

// The overlap of two sorted, unique sequences.
template <typename T, typename Less = std::less<T>>
SetOverlap set_overlap(const std::vector<T>& a, const std::vector<T>& b, Less less = {}) {
  SetOverlap overlap{a.size(), b.size(), 0};
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (less(*i, *j)) {
      ++i;
    } else if (less(*j, *i)) {
      ++j;
    } else {
      ++overlap.shared;
      ++i;
      ++j;
    }
  }
  return overlap;
}

// What two articles share besides their profiles: the inputs of same_event_probability.
struct PairOverlap {
  SetOverlap lead;     // the leads' all-text terms (StoryFeatures::lead_terms)
  SetOverlap people;   // person entities (XPER terms)
  SetOverlap places;   // place entities (XPLACE terms)
  SetOverlap numbers;  // all-text terms that start with a digit ("23", "2008")
};

// The kinds of term PairOverlap counts, by the term's spelling.
bool person_term(std::string_view term);
bool place_term(std::string_view term);
bool number_term(std::string_view term);

// PairOverlap of two articles' features as strings (terms and lead_terms sorted, as StoryFeatures holds
// them).
PairOverlap pair_overlap(const StoryFeatures& a, const StoryFeatures& b);

// Weights of a logistic regression giving the probability that two articles report the same event. Fitted
// on the pairs the story stage (cosine score, threshold 0.17) compared in `scripts/eval-stories --seed N`
// for N = 1..6 (each pair once; dated pairs more than the window apart and near-duplicate copies left
// out), articles of half A of the topics only: same event (2,604 pairs) against another event of the same
// topic (2,469) or another topic (19,796); Newton's method, L2 penalty 0.001 on standardised features. Half
// B's pairs, held out: ROC AUC against another event of the same topic 0.927 (the cosine alone: 0.886).
// docs/stories.md has the figures and what else was tried.
struct EventWeights {
  double bias = -4.02154;
  double cosine = 10.8437;             // of the two profiles
  double lead = 15.7479;               // Jaccard of the leads' terms: reports of one event lead alike
  double people = 2.08332;             // Jaccard of the people named
  double places = 3.38212;             // Jaccard of the places named
  double people_disjoint = -1.49999;   // both name people, none in common
  double numbers_disjoint = -1.39885;  // both hold numbers, none in common
  double people_conflict = -1.83123;   // people_conflict(a, b) below
};

struct ScoreSettings {
  double window_days = 3;       // dated articles further apart than this never share a story
  double near_duplicate = 0.5;  // estimated shingle Jaccard from which two texts are copies (score 1)
  // Factors for undated articles (date_factor), 1 = off: with the event probability, days_disjoint 0.5 gave
  // B-cubed F1 0.918 / 0.929 / 0.908 (overall / half A / half B, eval-stories --thresholds 0.3 --seeds
  // 1,2,3,4,5,6) against 0.920 / 0.932 / 0.910 without; years_disjoint gained nothing before it.
  double days_disjoint = 1.0;   // when neither is dated and no whole dates they mention are near
  double years_disjoint = 1.0;  // when neither is dated and the years they mention differ
  EventWeights event;
};

// True when each of a and b names in its lead a person the other never names (two fights of one boxer
// against different opponents, two players of one team arrested): reports of different events of one kind.
bool people_conflict(const StoryFeatures& a, const StoryFeatures& b);

// How far dates allow two articles to be one story: 0 (never) to 1. Both dated: 1 within the window, else
// 0. Otherwise, when both mention whole dates, 1 if two of them lie within the window, else days_disjoint;
// when both mention years but no year in common, years_disjoint; else 1 (nothing to tell).
double date_factor(const StoryFeatures& a, const StoryFeatures& b, const ScoreSettings& settings);

// The probability that two articles report the same event (EventWeights), from the cosine of their
// profiles, what else they share, and whether their leads name different people.
double same_event_probability(double cosine, const PairOverlap& overlap, bool people_conflict,
                              const EventWeights& weights);

// The evidence that a and b report the same story, 0 to 1: 0 when date_factor is 0 (dated too far apart),
// 1 for near-duplicate copies, else same_event_probability times date_factor.
double same_story_score(const StoryFeatures& a, const Profile& pa, const StoryFeatures& b, const Profile& pb,
                        const ScoreSettings& settings);

// The same score with the cosine of the two profiles given by `cosine()` and their PairOverlap by
// `overlap()`, called only when they count (a caller that keeps its terms in another form).
template <typename Cosine, typename Overlap>
double same_story_score_with(const StoryFeatures& a, const StoryFeatures& b, const ScoreSettings& settings,
                             Cosine&& cosine, Overlap&& overlap) {
  const double dates = date_factor(a, b, settings);
  if (dates == 0.0) return 0.0;
  if (a.fingerprint && b.fingerprint &&
      estimated_jaccard(*a.fingerprint, *b.fingerprint) >= settings.near_duplicate) {
    return 1.0;
  }
  return same_event_probability(cosine(), overlap(), people_conflict(a, b), settings.event) * dates;
}

// Days since 1970-01-01 of a proleptic Gregorian date.
long days_from_civil(int year, unsigned month, unsigned day);

// The day number of "YYYYMMDD..." (a PubDate slot value) or "YYYY-MM-DD..." (a date mention), if it is one.
std::optional<long> day_number(std::string_view value);

}  // namespace newsdig::extract::story
