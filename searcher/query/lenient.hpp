#pragma once
// --lenient: a query with bad syntax is searched anyway, without the pieces that were wrong, and the user
// is told what was left out.
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "searcher/query/query_parser.hpp"

namespace newsdig::query {

struct LenientQuery {
  ParsedQuery parsed;
  // What was left out, one line each: "col 7: unclosed quote (ignored '\"')". Empty when the query parsed.
  std::vector<std::string> ignored;
};

// parse_query; on a SyntaxError, blanks out what the error points at (a stray quote or parenthesis, a
// dangling operator, an unknown `field:`, a bad date with its field) and tries again, so columns in the
// messages stay those of `text`. After 64 repairs it searches the query's words alone. Throws SyntaxError
// only when nothing searchable remains, and DateError for a bad ParseOptions::since or until.
LenientQuery parse_lenient(std::string_view text, analysis::Analyzer& analyzer, const ParseOptions& options);

}  // namespace newsdig::query
