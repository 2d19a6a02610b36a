#include "searcher/query/suggest.hpp"

#include <algorithm>

#include "common/schema.hpp"
#include "common/store/record.hpp"
#include "common/util/text.hpp"
#include "searcher/query/fields.hpp"

namespace newsdig::query {
namespace {

// Candidates looked at for one word, and tried in the whole query (each try is a search).
constexpr std::size_t kLooked = 10;
constexpr std::size_t kTried = 3;
// A close word must occur in this many times more articles than the word to be suggested.
constexpr Xapian::doccount kMoreCommon = 10;
// Whole-query counts are exact up to this.
constexpr Xapian::doccount kCountTo = 1000;

std::u32string decode(std::string_view text) {
  std::u32string out;
  for (std::size_t at = 0; at < text.size();) out.push_back(util::next_code_point(text, at));
  return out;
}

bool is_ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_ascii_lower(char c) {
  return c >= 'a' && c <= 'z';
}

// The suggestion in the case the word was written in: PUTN -> PUTIN, Putn -> Putin.
std::string in_written_case(std::string_view written, std::string suggestion) {
  bool all_upper = written.size() > 1 &&
                   std::all_of(written.begin(), written.end(), [](char c) { return !is_ascii_lower(c); }) &&
                   std::any_of(written.begin(), written.end(), is_ascii_upper);
  if (all_upper) {
    for (auto& c : suggestion) {
      if (is_ascii_lower(c)) c = static_cast<char>(c - 'a' + 'A');
    }
  } else if (!written.empty() && is_ascii_upper(written.front()) && !suggestion.empty() &&
             is_ascii_lower(suggestion.front())) {
    suggestion.front() = static_cast<char>(suggestion.front() - 'a' + 'A');
  }
  return suggestion;
}

struct Planned {
  const Piece* piece;
  std::vector<SpellingCandidate> candidates;
};

struct Chosen {
  const Piece* piece;
  std::string suggestion;
};

std::string corrected_text(const std::string& text, std::vector<Chosen> chosen) {
  std::sort(chosen.begin(), chosen.end(),
            [](const Chosen& a, const Chosen& b) { return a.piece->offset > b.piece->offset; });
  std::string out = text;
  for (const auto& c : chosen) out.replace(c.piece->offset, c.piece->length, c.suggestion);
  return out;
}

// Matches of the query text, or nullopt when it does not parse.
std::optional<Xapian::doccount> matches_of(const Xapian::Database& database, const std::string& text,
                                           analysis::Analyzer& analyzer, const ParseOptions& options) {
  try {
    return count_matches(database, parse_query(text, analyzer, options).query, kCountTo);
  } catch (const SyntaxError&) {
    return std::nullopt;
  }
}

}  // namespace

unsigned edit_distance(std::u32string_view a, std::u32string_view b, unsigned limit) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<unsigned> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = static_cast<unsigned>(i);
    unsigned row_best = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      unsigned cost = a[i - 1] == b[j - 1] ? 0U : 1U;
      unsigned value = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        value = std::min(value, before[j - 2] + 1);
      current[j] = value;
      row_best = std::min(row_best, value);
    }
    if (row_best > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

std::vector<SpellingCandidate> spelling_candidates(const Xapian::Database& database, std::string_view prefix,
                                                   std::string_view word, analysis::Analyzer& analyzer,
                                                   std::string_view language, std::size_t limit) {
  std::vector<SpellingCandidate> found;
  std::u32string letters = decode(word);
  if (letters.size() < 3) return found;
  if (std::any_of(letters.begin(), letters.end(), [](char32_t c) { return c >= U'0' && c <= U'9'; }))
    return found;
  const unsigned most = letters.size() <= 4 ? 1 : 2;
  // The index holds stems: a candidate is a stem close to the word as written or to its stem
  // ("regiter" is 1 from "regist", the stem of "register", and 2 from "reuter").
  const std::string stem = analyzer.stem(word, language);
  const std::u32string stem_letters = decode(stem);
  std::size_t first_end = 0;
  util::next_code_point(word, first_end);
  const std::string start = schema::make_term(prefix, word.substr(0, first_end));
  const std::size_t prefix_size = start.size() - first_end;
  for (auto it = database.allterms_begin(start); it != database.allterms_end(start); ++it) {
    const std::string term = *it;  // the iterator hands out a temporary
    std::string_view value(term);
    value.remove_prefix(prefix_size);
    if (value == stem) continue;  // the word's own stem: what the query searches already
    std::u32string other = decode(value);
    unsigned distance =
        std::min(edit_distance(letters, other, most), edit_distance(stem_letters, other, most));
    if (distance > most) continue;
    found.push_back({std::string(value), term, it.get_termfreq(), distance});
  }
  std::stable_sort(found.begin(), found.end(), [](const SpellingCandidate& a, const SpellingCandidate& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.frequency > b.frequency;
  });
  if (found.size() > limit) found.resize(limit);
  for (auto& candidate : found) {
    candidate.word = written_form(database, candidate.term, candidate.word, analyzer, language);
  }
  return found;
}

std::string written_form(const Xapian::Database& database, const std::string& term, const std::string& form,
                         analysis::Analyzer& analyzer, std::string_view language) {
  auto posting = database.postlist_begin(term);
  if (posting == database.postlist_end(term)) return form;
  const Article article = store::decode_record(database.get_document(*posting).get_data());
  const std::string_view lang = article.lang.empty() ? language : std::string_view(article.lang);
  // The most frequent normalized word of that form in the article (the first such, on a tie).
  std::vector<std::pair<std::string, unsigned>> words;
  std::vector<analysis::Token> tokens;
  for (const std::string* text :
       {&article.title, &article.dateline, &article.body, &article.source, &article.byline}) {
    tokens.clear();
    analyzer.tokenize(*text, tokens);
    for (const auto& token : tokens) {
      if (analyzer.index_form(token, lang) != form) continue;
      auto same =
          std::find_if(words.begin(), words.end(), [&](const auto& w) { return w.first == token.term; });
      if (same == words.end()) {
        words.emplace_back(token.term, 1U);
      } else {
        ++same->second;
      }
    }
  }
  auto best = std::max_element(words.begin(), words.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  return best == words.end() ? form : best->first;
}

Xapian::doccount count_matches(const Xapian::Database& database, const Xapian::Query& query,
                               Xapian::doccount at_least) {
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, at_least).get_matches_estimated();
}

std::optional<DidYouMean> did_you_mean(const Xapian::Database& database, const ParsedQuery& parsed,
                                       analysis::Analyzer& analyzer, const ParseOptions& options,
                                       Xapian::doccount few) {
  std::vector<Planned> plan;
  for (const auto& piece : parsed.pieces) {
    if (piece.kind != PieceKind::Word || piece.negated || piece.words.size() != 1) continue;
    std::string_view prefix;
    if (!piece.field.empty()) {
      auto field = find_query_field(piece.field);
      if (!field || field->kind != QueryFieldKind::FreeText) continue;
      prefix = field->prefix;
    }
    Xapian::doccount count = count_matches(database, piece.query, few + 1);
    if (count > few) continue;
    auto candidates =
        spelling_candidates(database, prefix, piece.words.front(), analyzer, options.language, kLooked);
    Xapian::doccount needed = std::max<Xapian::doccount>(1, kMoreCommon * count);
    std::erase_if(candidates, [&](const SpellingCandidate& c) { return c.frequency < needed; });
    // A closer word always beats a farther one; among the closest few, the whole query decides.
    if (!candidates.empty()) {
      unsigned closest = candidates.front().distance;
      std::erase_if(candidates, [&](const SpellingCandidate& c) { return c.distance > closest; });
      if (candidates.size() > kTried) candidates.resize(kTried);
    }
    if (!candidates.empty()) plan.push_back({&piece, std::move(candidates)});
  }
  if (plan.empty()) return std::nullopt;

  // One word at a time, in query order: the candidate with which the whole query finds the most.
  std::vector<Chosen> chosen;
  for (const auto& planned : plan) {
    std::optional<Chosen> best;
    Xapian::doccount best_matches = 0;
    for (const auto& candidate : planned.candidates) {
      Chosen option{planned.piece, in_written_case(planned.piece->text, candidate.word)};
      auto trial = chosen;
      trial.push_back(option);
      auto matches = matches_of(database, corrected_text(parsed.text, trial), analyzer, options);
      if (!matches) continue;
      if (!best || *matches > best_matches) {
        best = option;
        best_matches = *matches;
      }
    }
    if (best) chosen.push_back(*best);
  }
  if (chosen.empty()) return std::nullopt;

  DidYouMean out;
  out.query = corrected_text(parsed.text, chosen);
  auto matches = matches_of(database, out.query, analyzer, options);
  Xapian::doccount before = count_matches(database, parsed.query, kCountTo);
  if (!matches || *matches <= before) return std::nullopt;
  out.matches = *matches;
  for (const auto& c : chosen) out.corrections.push_back({c.piece->text, c.suggestion, c.piece->column});
  return out;
}

std::vector<std::string> unmatched_pieces(const Xapian::Database& database, const ParsedQuery& parsed) {
  std::vector<std::string> out;
  for (const auto& piece : parsed.pieces) {
    if (piece.negated || piece.kind == PieceKind::All) continue;
    if (count_matches(database, piece.query, 1) > 0) continue;
    out.push_back(piece.field.empty() || piece.column == 0 ? piece.text : piece.field + ":" + piece.text);
  }
  return out;
}

bool any_fallback_applies(const ParsedQuery& parsed) {
  if (parsed.default_op != DefaultOp::And) return false;
  auto words = std::count_if(parsed.pieces.begin(), parsed.pieces.end(), [](const Piece& piece) {
    return !piece.negated && (piece.kind == PieceKind::Word || piece.kind == PieceKind::Phrase ||
                              piece.kind == PieceKind::Wildcard || piece.kind == PieceKind::Near);
  });
  return words >= 2;
}

}  // namespace newsdig::query
