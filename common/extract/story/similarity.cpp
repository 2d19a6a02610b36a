#include "common/extract/story/similarity.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

#include "common/schema.hpp"

namespace newsdig::extract::story {
namespace {

bool starts_with(std::string_view term, std::string_view prefix) {
  return term.size() > prefix.size() && term.substr(0, prefix.size()) == prefix;
}

// English function words and news boilerplate, as Snowball stems (the all-text stems of common/analysis):
// in a small run every term looks rare, and these would make any two articles alike.
constexpr std::string_view kStopStems[] = {
    "a",       "about",   "abov",  "after",   "again",    "against",  "all",     "also",  "am",    "an",
    "and",     "ani",     "are",   "as",      "at",       "be",       "becaus",  "been",  "befor", "below",
    "between", "both",    "but",   "by",      "can",      "could",    "did",     "do",    "doe",   "down",
    "dure",    "each",    "few",   "for",     "from",     "further",  "get",     "had",   "has",   "have",
    "he",      "her",     "here",  "herself", "him",      "himself",  "his",     "how",   "i",     "if",
    "in",      "includ",  "into",  "is",      "it",       "itself",   "just",    "last",  "like",  "make",
    "me",      "more",    "most",  "mr",      "my",       "myself",   "new",     "no",    "nor",   "not",
    "now",     "of",      "off",   "on",      "onc",      "one",      "onli",    "or",    "other", "ought",
    "our",     "ourselv", "out",   "over",    "own",      "said",     "same",    "say",   "she",   "should",
    "so",      "some",    "such",  "take",    "than",     "that",     "the",     "their", "them",  "themselv",
    "then",    "there",   "these", "they",    "this",     "those",    "through", "time",  "to",    "told",
    "too",     "two",     "under", "until",   "up",       "veri",     "was",     "we",    "week",  "were",
    "what",    "when",    "where", "whi",     "which",    "while",    "who",     "whom",  "will",  "with",
    "would",   "year",    "you",   "your",    "yourself", "yourselv",
};

// Every stop stem fits in 8 bytes: one is looked up as a number (its bytes, zero-padded, most significant
// first), a few integer comparisons where strings would cost a call each.
constexpr std::size_t kStopStemBytes = 8;
constexpr std::uint64_t packed(std::string_view stem) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < kStopStemBytes; ++i) {
    value = value << 8 | (i < stem.size() ? static_cast<unsigned char>(stem[i]) : 0U);
  }
  return value;
}
constexpr auto kStopPacked = [] {
  std::array<std::uint64_t, std::size(kStopStems)> values{};
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = packed(kStopStems[i]);
  std::sort(values.begin(), values.end());
  return values;
}();
static_assert(std::all_of(std::begin(kStopStems), std::end(kStopStems),
                          [](std::string_view stem) { return stem.size() <= kStopStemBytes; }));

int digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

bool stop_stem(std::string_view term) {
  const auto stem = schema::all_text_stem(term);
  return stem && stem->size() <= kStopStemBytes &&
         std::binary_search(kStopPacked.begin(), kStopPacked.end(), packed(*stem));
}

double term_boost(std::string_view term, const ProfileSettings& settings) {
  namespace prefix = schema::prefix;
  if (starts_with(term, prefix::kPerson)) return settings.person_boost;
  if (starts_with(term, prefix::kPlace)) return settings.place_boost;
  if (starts_with(term, prefix::kMisc)) return settings.misc_boost;
  // XORG after XPER/XPLACE/XMISC: no prefix here is another's start, but keep the test order obvious.
  if (starts_with(term, prefix::kOrg)) return settings.org_boost;
  return 1.0;
}

Profile make_profile(const StoryFeatures& features, const std::function<double(std::string_view)>& idf,
                     const ProfileSettings& settings) {
  return weigh_terms(
      features.terms, features.lead_terms,
      [&](const std::string& term) { return term_boost(term, settings); },
      [&](const std::string& term) { return idf(term); }, std::less<>(), settings);
}

double cosine(const Profile& a, const Profile& b) {
  double dot = 0;
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    // One comparison per step: this loop is most of what grouping costs per candidate.
    const int order = i->term.compare(j->term);
    if (order < 0) {
      ++i;
    } else if (order > 0) {
      ++j;
    } else {
      dot += i->weight * j->weight;
      ++i;
      ++j;
    }
  }
  return dot;
}

double date_factor(const StoryFeatures& a, const StoryFeatures& b, const ScoreSettings& settings) {
  if (a.day && b.day) {
    return static_cast<double>(std::labs(*a.day - *b.day)) <= settings.window_days ? 1.0 : 0.0;
  }
  if (!a.mentioned_days.empty() && !b.mentioned_days.empty()) {
    for (long x : a.mentioned_days) {
      // The nearest of b's days to x: sorted, so look around the insertion point.
      auto it = std::lower_bound(b.mentioned_days.begin(), b.mentioned_days.end(), x);
      if (it != b.mentioned_days.end() && static_cast<double>(*it - x) <= settings.window_days) return 1.0;
      if (it != b.mentioned_days.begin() && static_cast<double>(x - *std::prev(it)) <= settings.window_days) {
        return 1.0;
      }
    }
    return settings.days_disjoint;
  }
  if (!a.mentioned_years.empty() && !b.mentioned_years.empty()) {
    std::vector<int> common;
    std::set_intersection(a.mentioned_years.begin(), a.mentioned_years.end(), b.mentioned_years.begin(),
                          b.mentioned_years.end(), std::back_inserter(common));
    return common.empty() ? settings.years_disjoint : 1.0;
  }
  return 1.0;
}

bool people_conflict(const StoryFeatures& a, const StoryFeatures& b) {
  auto names_someone_unnamed = [](const StoryFeatures& x, const StoryFeatures& y) {
    return std::any_of(x.lead_people.begin(), x.lead_people.end(), [&](std::uint64_t person) {
      return !std::binary_search(y.named_people.begin(), y.named_people.end(), person);
    });
  };
  return names_someone_unnamed(a, b) && names_someone_unnamed(b, a);
}

bool person_term(std::string_view term) {
  return starts_with(term, schema::prefix::kPerson);
}

bool place_term(std::string_view term) {
  return starts_with(term, schema::prefix::kPlace);
}

bool number_term(std::string_view term) {
  const auto stem = schema::all_text_stem(term);
  return stem && !stem->empty() && stem->front() >= '0' && stem->front() <= '9';
}

PairOverlap pair_overlap(const StoryFeatures& a, const StoryFeatures& b) {
  auto only = [](const StoryFeatures& f, bool (*kind)(std::string_view)) {
    std::vector<std::string_view> terms;
    for (const auto& entry : f.terms) {
      if (kind(entry.first)) terms.push_back(entry.first);
    }
    return terms;
  };
  PairOverlap overlap;
  overlap.lead = set_overlap(a.lead_terms, b.lead_terms);
  overlap.people = set_overlap(only(a, person_term), only(b, person_term));
  overlap.places = set_overlap(only(a, place_term), only(b, place_term));
  overlap.numbers = set_overlap(only(a, number_term), only(b, number_term));
  return overlap;
}

double same_event_probability(double cosine, const PairOverlap& overlap, bool people_conflict,
                              const EventWeights& weights) {
  auto flag = [](bool value) { return value ? 1.0 : 0.0; };
  const double z = weights.bias + weights.cosine * cosine + weights.lead * overlap.lead.jaccard() +
                   weights.people * overlap.people.jaccard() + weights.places * overlap.places.jaccard() +
                   weights.people_disjoint * flag(overlap.people.disjoint()) +
                   weights.numbers_disjoint * flag(overlap.numbers.disjoint()) +
                   weights.people_conflict * flag(people_conflict);
  return 1.0 / (1.0 + std::exp(-z));
}

double same_story_score(const StoryFeatures& a, const Profile& pa, const StoryFeatures& b, const Profile& pb,
                        const ScoreSettings& settings) {
  return same_story_score_with(
      a, b, settings, [&] { return cosine(pa, pb); }, [&] { return pair_overlap(a, b); });
}

long days_from_civil(int year, unsigned month, unsigned day) {
  // Howard Hinnant's algorithm.
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long>(era) * 146097 + static_cast<long>(doe) - 719468;
}

std::optional<long> day_number(std::string_view value) {
  int year = -1, month = -1, day = -1;
  if (value.size() >= 10 && value[4] == '-' && value[7] == '-') {
    year = digits(value.substr(0, 4));
    month = digits(value.substr(5, 2));
    day = digits(value.substr(8, 2));
  } else if (value.size() >= 8) {
    year = digits(value.substr(0, 4));
    month = digits(value.substr(4, 2));
    day = digits(value.substr(6, 2));
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

}  // namespace newsdig::extract::story
