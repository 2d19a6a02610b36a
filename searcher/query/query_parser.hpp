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
//   field:word  field:"a phrase"  field:(a b)   fields of schema::kFields; boolean fields (lang:, id:) filter
//                    without weight, and juxtaposed values of one boolean field are alternatives
//   word*            trailing wildcard over the word's unstemmed terms
//   *                alone: every document
// Precedence, loosest first: OR, then AND / NOT / juxtaposition, then +/- and field:, then atoms.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"

namespace newsdig::query {

enum class DefaultOp { And, Or };

struct ParseOptions {
  DefaultOp default_op = DefaultOp::And;
  std::string language = "en";     // stemming language of query words
  unsigned wildcard_limit = 1000;  // most terms one `word*` may expand to
};

// Bad syntax, with the 1-based column (in code points) where it was found.
class SyntaxError : public std::runtime_error {
 public:
  SyntaxError(std::size_t column, const std::string& message);
  std::size_t column() const { return column_; }
  const std::string& detail() const { return detail_; }  // message without the column

 private:
  std::size_t column_;
  std::string detail_;
};

struct ParsedQuery {
  Xapian::Query query;
  // Normalized (unstemmed) words of the non-negated parts, in query order without duplicates: what a
  // snippet highlights (the snippet matches a text word when its stem equals one of these words' stems).
  std::vector<std::string> highlight_words;
  bool match_all = false;  // the query was `*`
};

// Throws SyntaxError (what() is "col N: detail") on unbalanced quotes or parentheses, empty parentheses,
// nesting deeper than 100 parentheses, a dangling operator, an unknown field, `field:*`, or a query with
// nothing to search. Any other input parses: it never crashes or hangs, whatever the bytes.
ParsedQuery parse_query(std::string_view text, analysis::Analyzer& analyzer, const ParseOptions& options);

}  // namespace newsdig::query
