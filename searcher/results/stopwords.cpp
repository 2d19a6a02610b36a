#include "searcher/results/stopwords.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdig::results {
namespace {

// Snowball's English stop list (english/stop.txt), without its contractions ("don't" stays a word).
constexpr std::string_view kEnglish[] = {
    "a",       "about",  "above",      "after",  "again",     "against",  "all",        "am",    "an",
    "and",     "any",    "are",        "as",     "at",        "be",       "because",    "been",  "before",
    "being",   "below",  "between",    "both",   "but",       "by",       "can",        "could", "did",
    "do",      "does",   "doing",      "down",   "during",    "each",     "few",        "for",   "from",
    "further", "had",    "has",        "have",   "having",    "he",       "her",        "here",  "hers",
    "herself", "him",    "himself",    "his",    "how",       "i",        "if",         "in",    "into",
    "is",      "it",     "its",        "itself", "me",        "more",     "most",       "my",    "myself",
    "no",      "nor",    "not",        "of",     "off",       "on",       "once",       "only",  "or",
    "other",   "ought",  "our",        "ours",   "ourselves", "out",      "over",       "own",   "same",
    "she",     "should", "so",         "some",   "such",      "than",     "that",       "the",   "their",
    "theirs",  "them",   "themselves", "then",   "there",     "these",    "they",       "this",  "those",
    "through", "to",     "too",        "under",  "until",     "up",       "very",       "was",   "we",
    "were",    "what",   "when",       "where",  "which",     "while",    "who",        "whom",  "why",
    "with",    "would",  "you",        "your",   "yours",     "yourself", "yourselves", "will",
};

bool is_english(std::string_view language) {
  return language.size() >= 2 && (language[0] == 'e' || language[0] == 'E') &&
         (language[1] == 'n' || language[1] == 'N') &&
         (language.size() == 2 || language[2] == '-' || language[2] == '_');
}

const std::vector<std::string>& english_stems() {
  static const std::vector<std::string> stems = [] {
    Xapian::Stem stemmer("english");
    std::vector<std::string> out;
    for (auto word : kEnglish) out.push_back(stemmer(std::string(word)));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return stems;
}

}  // namespace

bool is_stopword_stem(std::string_view stem, std::string_view language) {
  if (!is_english(language)) return false;
  const auto& stems = english_stems();
  return std::binary_search(stems.begin(), stems.end(), stem, std::less<>());
}

}  // namespace newsdig::results
