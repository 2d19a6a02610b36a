#pragma once
// The query language of newsdig-search, turned into a Xapian::Query through the common analyzer, so a
// query word yields exactly the terms the indexer made of the same word (see docs/query-language.md).
//
//   words            ANDed (ParseOptions::default_op) ; each word searches its stem (Z<stem>)
//   "a phrase"       exact words in order (unstemmed positional terms)
//   post-World, 日本の首相  a word the analyzer splits into joined tokens is a phrase of them
//   AND OR NOT       operators (upper case only; lower case are words); NOT binds like AND: a NOT b
//   +word -word      required / excluded
//   ( ... )          grouping
//   a NEAR/n b       a and b at most n words apart, in either order; ADJ/n: in this order (n = 10 alone)
//   field:word  field:"a phrase"  field:(a b)   fields of find_query_field (fields.hpp); boolean fields
//                    (lang:, id:, person:...) filter without weight; juxtaposed values of a single-valued
//                    field (lang:, id:, date:) are alternatives
//   date:2014-09..2014-11  mentions:2014   publication dates and dates talked about (dates.hpp)
//   word*            trailing wildcard over the word's unstemmed terms
//   *                alone: every document
// Precedence, loosest first: OR, then AND / NOT / juxtaposition, then +/-, then NEAR / ADJ, then field:,
// then atoms.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "searcher/query/dates.hpp"

namespace newsdig::query {

enum class DefaultOp { And, Or };

struct ParseOptions {
  DefaultOp default_op = DefaultOp::And;
  std::string language = "en";     // stemming language of query words
  unsigned wildcard_limit = 1000;  // most terms one `word*` may expand to
  std::optional<Day> today;        // what relative dates resolve against; nullopt: local_today()
  std::string since;  // --since: a date expression (dates.hpp); only articles published from its start on
  std::string until;  // --until: likewise, up to its end
  // When set: a wildcard that expands to more than wildcard_limit words gives a notice, wildcards may
  // stand in NEAR/ADJ (they are expanded here, as Xapian cannot nest them), and mention ranges expand to
  // the years the database holds. The database must outlive the parse only, not the ParsedQuery.
  const Xapian::Database* database = nullptr;
  std::size_t mention_term_limit = 1000;  // most terms one `mentions:` range may expand to
};

// Bad syntax, with the 1-based column (in code points) where it was found, and the code points the
// problem lies in (which --lenient drops; width 0 when nothing can be dropped).
class SyntaxError : public std::runtime_error {
 public:
  SyntaxError(std::size_t column, const std::string& message);
  SyntaxError(std::size_t column, const std::string& message, std::size_t span_column,
              std::size_t span_width);
  std::size_t column() const { return column_; }
  const std::string& detail() const { return detail_; }  // message without the column
  std::size_t span_column() const { return span_column_; }
  std::size_t span_width() const { return span_width_; }

 private:
  std::size_t column_;
  std::string detail_;
  std::size_t span_column_;
  std::size_t span_width_;
};

enum class PieceKind {
  Word,      // one word: its stem, or the exact term when it has none
  Phrase,    // quoted, or a word the analyzer splits: adjacent exact terms
  Wildcard,  // word*
  Filter,    // a boolean field's value
  Date,      // date:, --since, --until
  Mentions,  // mentions:
  Near,      // a NEAR/n or ADJ/n chain
  All,       // *
};

// One searchable piece of the query, for --explain, spelling suggestions and zero-hit explanations.
struct Piece {
  PieceKind kind = PieceKind::Word;
  std::string text;        // as written, without its field: `putin`, `"prime minister"`, `2014-09..`
  std::string field;       // the field's name; empty for all text
  std::size_t column = 0;  // 1-based code point column in ParsedQuery::text; 0 for --since and --until
  std::size_t offset = 0;  // bytes of `text` in ParsedQuery::text
  std::size_t length = 0;
  std::vector<std::string> words;  // normalized words
  std::vector<std::string> terms;  // the index terms searched (a wildcard: its prefix term)
  std::string detail;              // what it resolved to: "stem elect", "2014-09-01..2014-11-30", ...
  Xapian::Query query;             // the piece alone
  bool negated = false;            // under NOT or -: it excludes
};

// Something the searcher should tell the user about a query that parsed (a wildcard cut short).
struct Notice {
  std::size_t column = 0;
  std::string message;
};

struct ParsedQuery {
  Xapian::Query query;
  // Normalized (unstemmed) words of the non-negated parts, in query order without duplicates: what a
  // snippet highlights (the snippet matches a text word when its stem equals one of these words' stems).
  std::vector<std::string> highlight_words;
  bool match_all = false;  // the query was `*`
  std::string text;        // the query as parsed (ill-formed UTF-8 repaired): what columns and offsets index
  std::vector<Piece> pieces;  // in query order
  std::vector<Notice> notices;
  DefaultOp default_op = DefaultOp::And;
  std::string language;
};

// Throws SyntaxError (what() is "col N: detail") on unbalanced quotes or parentheses, empty parentheses,
// nesting deeper than 100 parentheses, a dangling operator, an unknown field, `field:*`, a bad date or
// NEAR distance, a NEAR/ADJ operand that is not made of words, or a query with nothing to search. Throws
// DateError for a bad ParseOptions::since or until (check them first with date_option_error). Any other
// input parses: it never crashes or hangs, whatever the bytes.
ParsedQuery parse_query(std::string_view text, analysis::Analyzer& analyzer, const ParseOptions& options);

// What is wrong with `value` as the date expression of --since or --until; empty when nothing is.
std::string date_option_error(std::string_view value);

}  // namespace newsdig::query
