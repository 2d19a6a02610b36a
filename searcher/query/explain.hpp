#pragma once
// --explain: the parsed query shown back to the user — each piece with its field, its analysed words,
// the index terms it searches (stems, date terms), what it resolved to, and the Xapian query.
#include <cstddef>
#include <string>
#include <string_view>

#include <xapian.h>

#include "searcher/query/query_parser.hpp"

namespace newsdig::query {

// Lines of text for people. With `database`, each piece also says how many articles it matches.
std::string explain_text(const ParsedQuery& parsed, const Xapian::Database* database);

// The same as one JSON object on one line (no newline), "type": "explain"; docs/query-language.md
// lists its keys. Never throws on odd bytes: they are replaced.
std::string explain_json(const ParsedQuery& parsed, const Xapian::Database* database);

// The query echoed under a syntax error, two lines indented by two spaces, with a caret under the 1-based
// code-point `column`: control characters shown as spaces so the line stays one line, wide characters
// counted as two columns.
std::string pointed_query(std::string_view text, std::size_t column);

}  // namespace newsdig::query
