#include "searcher/query/lenient.hpp"

#include <algorithm>

#include "common/analysis/utf8.hpp"
#include "common/util/text.hpp"

namespace newsdig::query {
namespace {

constexpr int kMaxRepairs = 64;

// Byte offsets of each code point of `text` (valid UTF-8), and the end.
std::vector<std::size_t> code_point_offsets(std::string_view text) {
  std::vector<std::size_t> offsets;
  for (std::size_t at = 0; at < text.size();) {
    offsets.push_back(at);
    util::next_code_point(text, at);
  }
  offsets.push_back(text.size());
  return offsets;
}

bool is_operator_word(std::string_view word) {
  for (std::string_view op : {"AND", "OR", "NOT", "NEAR", "ADJ"}) {
    if (word == op ||
        (word.size() > op.size() && word.substr(0, op.size()) == op && word[op.size()] == '/')) {
      return true;
    }
  }
  return false;
}

// The query's words alone, each as a plain word: what is left when repairs do not converge.
std::string words_only(std::string_view text, analysis::Analyzer& analyzer) {
  std::string words;
  for (const auto& token : analyzer.tokenize(text)) {
    std::string_view written = text.substr(token.begin, token.end - token.begin);
    if (is_operator_word(written)) continue;
    if (!words.empty()) words.push_back(' ');
    words += token.term;
  }
  return words;
}

}  // namespace

LenientQuery parse_lenient(std::string_view text, analysis::Analyzer& analyzer, const ParseOptions& options) {
  LenientQuery out;
  std::string current = analysis::repair_utf8(text).text;
  for (int repair = 0; repair <= kMaxRepairs; ++repair) {
    try {
      out.parsed = parse_query(current, analyzer, options);
      return out;
    } catch (const SyntaxError& error) {
      auto offsets = code_point_offsets(current);
      std::size_t points = offsets.size() - 1;
      std::size_t from = error.span_column() - 1;
      std::size_t to = std::min(points, from + error.span_width());
      if (error.span_width() == 0 || from >= points || repair == kMaxRepairs) {
        if (error.span_width() == 0 && out.ignored.empty()) throw;
        break;
      }
      std::string dropped = current.substr(offsets[from], offsets[to] - offsets[from]);
      out.ignored.push_back(std::string(error.what()) + " (ignored '" + dropped + "')");
      // One blank per code point keeps every later column where the user typed it.
      current.replace(offsets[from], offsets[to] - offsets[from], to - from, ' ');
    }
  }
  std::string words = words_only(current, analyzer);
  out.ignored.push_back("searched only the words: " + (words.empty() ? std::string("(none)") : words));
  out.parsed = parse_query(words, analyzer, options);
  return out;
}

}  // namespace newsdig::query
