#pragma once
// What the searcher tells a user whose query found little or nothing: `did you mean …` from the words
// the index holds (edit distance, ranked by how much they find), and which parts of a query match no
// article at all. These need the database; the parser never does.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "searcher/query/query_parser.hpp"

namespace newsdig::query {

// The Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
// swaps of neighbours each cost 1) between two code point strings, or `limit` + 1 if it is larger.
unsigned edit_distance(std::u32string_view a, std::u32string_view b, unsigned limit);

struct SpellingCandidate {
  std::string word;                // as the articles write it (normalized): what a user is offered
  std::string term;                // the index term (a stem) it stands for
  Xapian::doccount frequency = 0;  // articles holding the term
  unsigned distance = 0;
};

// Stems the database holds under the free-text `prefix` (empty: all text) that start with the same letter
// as `word` (normalized) and lie within edit distance 1 (words of up to 4 letters) or 2 of the word or of
// its stem in `language`, but not that stem itself. Closest first, then most frequent; at most `limit`,
// each offered as the word an article holding it writes most (written_form). Words shorter than 3
// letters, or with digits, get none.
std::vector<SpellingCandidate> spelling_candidates(const Xapian::Database& database, std::string_view prefix,
                                                   std::string_view word, analysis::Analyzer& analyzer,
                                                   std::string_view language, std::size_t limit);

// A word to show for the index term `term` whose index form is `form`: the normalized word of that form
// that the first article holding the term writes most often ("sanctions" for the stem "sanction"), or
// `form` itself when no article holds it.
std::string written_form(const Xapian::Database& database, const std::string& term, const std::string& form,
                         analysis::Analyzer& analyzer, std::string_view language);

// How many articles `query` matches, exactly up to `at_least`, estimated above.
Xapian::doccount count_matches(const Xapian::Database& database, const Xapian::Query& query,
                               Xapian::doccount at_least);

struct Correction {
  std::string word;        // as written
  std::string suggestion;  // the index's word, in the case the user wrote (Putn -> Putin)
  std::size_t column = 0;
};

struct DidYouMean {
  std::string query;  // the whole query with the corrections made
  std::vector<Correction> corrections;
  Xapian::doccount matches = 0;  // what the corrected query finds (at least)
};

// For each word of `parsed` (not negated, not quoted) that matches at most `few` articles: of the close
// words that occur in ten times as many articles or more, the one with which the whole query finds the
// most. nullopt when no word needs a correction or none helps. `options` are those `parsed` was parsed
// with (the corrected query is parsed again).
std::optional<DidYouMean> did_you_mean(const Xapian::Database& database, const ParsedQuery& parsed,
                                       analysis::Analyzer& analyzer, const ParseOptions& options,
                                       Xapian::doccount few = 2);

// The pieces of `parsed` that are not negated and match no article on their own, as written with their
// field (`title:zzz`, `date:1999`), in query order.
std::vector<std::string> unmatched_pieces(const Xapian::Database& database, const ParsedQuery& parsed);

// True when `parsed` requires two or more words, phrases or wildcards: searching with --any may then
// find articles that have some of them.
bool any_fallback_applies(const ParsedQuery& parsed);

}  // namespace newsdig::query
