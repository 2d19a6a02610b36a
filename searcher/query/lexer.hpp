#pragma once
// The tokens of the query language (docs/query-language.md), each with its 1-based column in code points.
// The lexer decides only the shape of the text; what a word or field means is the parser's business.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsdig::query {

enum class TokenKind {
  Word,    // a run of text up to white space, '(', ')' or '"', as typed: a word, hyphen chain, number, URL
  Phrase,  // "quoted text": text holds what is between the quotes
  Value,   // the value of a boolean or date field (lang:, id:, date:), verbatim: runs to white space or ')'
  Field,   // `name:` directly followed by its operand; text holds the name, not checked against the fields
  Star,    // `*` standing alone
  LParen,  // '('
  RParen,  // ')'
  And,     // `AND`: upper case and standing alone, like the two below
  Or,      // `OR`
  Not,     // `NOT`
  Near,    // `NEAR` or `NEAR/n`: text holds what follows the slash (empty without one), not yet checked
  Adj,     // `ADJ` or `ADJ/n`, likewise
  Plus,    // `+` at the start of a term, directly followed by it
  Minus,   // `-` likewise
  End,     // always the last token
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text;        // Word (without its trailing '*'), Phrase, Value, Field name; empty otherwise
  std::size_t column = 0;  // 1-based, in code points
  bool wildcard = false;   // Word written with a trailing '*' (`Jap*`)
  std::size_t offset = 0;  // where the token's text starts in the lexed text, in bytes
  std::size_t length = 0;  // bytes of the token as written (with its quotes, stars, slash and number)
  std::size_t width = 0;   // code points of the token as written
};

// The tokens of `text` (UTF-8; parse_query repairs it first, and a stray ill-formed byte here counts as one
// code point rather than failing), ending with an End token. Words are split on white space (including
// control characters and Unicode spaces such as U+3000) and on '(', ')', '"'. Inside the parentheses of a
// boolean or date field (`lang:(en OR de)`) the words are Values and no field names are recognized. Throws
// SyntaxError (query_parser.hpp) with the column of the quote on an unclosed '"'.
std::vector<Token> lex(std::string_view text);

// "word", "'('", "AND", ... for messages and tests.
std::string_view token_kind_name(TokenKind kind);

}  // namespace newsdig::query
