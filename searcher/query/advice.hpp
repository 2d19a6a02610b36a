#pragma once
// What newsdig-search tells the user about one query, assembled for the searcher's run code: lines for
// stderr, fields for JSON output, and the --any form of an AND query that found nothing (suggest.hpp does
// the looking up).
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "searcher/query/query_parser.hpp"
#include "searcher/query/suggest.hpp"

namespace newsdig::query {

struct Advice {
  std::vector<std::string> suggestions;     // "did you mean": the corrected query (at most one)
  std::vector<std::string> zero_hit_terms;  // when nothing matched: the pieces that match no article
  std::optional<ParsedQuery> fallback;      // when nothing matched: the query with --any, which does match
  std::vector<std::string> messages;        // for stderr, in order, without the program's name
};

// Advice on `parsed` (parsed with `options`), which found `matches` articles. Rare words get a "did you
// mean"; no matches at all get the pieces that match nothing and, when `allow_fallback` and the query
// ANDs several words, the --any query to show instead (only if it finds something). Throws what Xapian
// throws.
Advice advise(const Xapian::Database& database, const ParsedQuery& parsed, analysis::Analyzer& analyzer,
              const ParseOptions& options, Xapian::doccount matches, bool allow_fallback);

// The parse's notices (a wildcard cut short) and what --lenient ignored, as lines for stderr.
std::vector<std::string> notice_lines(const ParsedQuery& parsed, const std::vector<std::string>& ignored);

}  // namespace newsdig::query
