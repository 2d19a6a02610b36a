#include "searcher/query/advice.hpp"

namespace newsdig::query {
namespace {

std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

}  // namespace

Advice advise(const Xapian::Database& database, const ParsedQuery& parsed, analysis::Analyzer& analyzer,
              const ParseOptions& options, Xapian::doccount matches, bool allow_fallback) {
  Advice advice;
  if (auto correction = did_you_mean(database, parsed, analyzer, options)) {
    advice.suggestions.push_back(correction->query);
    advice.messages.push_back("did you mean: " + correction->query);
  }
  if (matches > 0) return advice;

  advice.zero_hit_terms = unmatched_pieces(database, parsed);
  if (!advice.zero_hit_terms.empty()) {
    advice.messages.push_back("nothing matches " + listed(advice.zero_hit_terms));
  } else if (parsed.pieces.size() > 1) {
    advice.messages.push_back(
        "each part of the query matches some articles, but no article matches them all");
  }
  if (!allow_fallback || !any_fallback_applies(parsed)) return advice;
  ParseOptions any = options;
  any.default_op = DefaultOp::Or;
  try {
    ParsedQuery fallback = parse_query(parsed.text, analyzer, any);
    if (count_matches(database, fallback.query, 1) == 0) return advice;
    advice.fallback = std::move(fallback);
    advice.messages.push_back("showing instead the articles that match some of the words (as with --any):");
  } catch (const SyntaxError&) {
    // parsed.text parsed once; nothing to fall back on if it no longer does
  }
  return advice;
}

std::vector<std::string> notice_lines(const ParsedQuery& parsed, const std::vector<std::string>& ignored) {
  std::vector<std::string> lines;
  for (const auto& line : ignored) lines.push_back("--lenient: " + line);
  for (const auto& notice : parsed.notices)
    lines.push_back("col " + std::to_string(notice.column) + ": " + notice.message);
  return lines;
}

}  // namespace newsdig::query
