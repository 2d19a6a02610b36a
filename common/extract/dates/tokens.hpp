#pragma once
// The date tagger's view of text: words, numbers and punctuation with their UTF-8 byte offsets, each word
// looked up once in a small lexicon of calendar words (months, weekdays, units, number words...), so the
// rules compare small integers instead of strings.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdig::extract::dates {

enum class TokenKind : std::uint8_t { Word, Number, Punct };

enum class Unit : std::uint8_t { None, Day, Week, Weekend, Month, Quarter, Half, Year, Decade, Century };

// What a word means to the date rules; a word can be several things ("second": ordinal and unit,
// "may": month, "sun": weekday abbreviation).
struct Lexeme {
  std::int8_t month = 0;  // 1-12
  bool month_abbr = false;
  std::int8_t weekday = 0;  // 1 = Monday ... 7 = Sunday
  bool weekday_abbr = false;
  std::int8_t ordinal = 0;    // first = 1 ... thirty-first = 31
  std::int8_t cardinal = -1;  // zero = 0 ... ninety = 90
  Unit unit = Unit::None;
  bool plural = false;      // "weeks"
  std::int8_t season = 0;   // Season as int
  std::int8_t century = 0;  // "nineteen" as the first word of a spelled year: 19
  std::int8_t decade = -1;  // "nineties" = 90
};

struct Token {
  std::uint32_t start = 0;  // UTF-8 byte offsets into the text
  std::uint32_t end = 0;
  TokenKind kind = TokenKind::Punct;
  bool space_before = false;       // white space between the previous token and this one
  bool break_before = false;       // a blank line, or the start of the text, before it
  bool capitalized = false;        // a word whose first letter is upper case
  bool grouped = false;            // a number written with separators inside: "1,998", "3.5"
  std::uint8_t digits = 0;         // a number's count of digits (grouped: all of them)
  int value = -1;                  // a number's value if it has at most 9 digits and is not grouped
  std::string lower;               // word: ASCII letters lower-cased; number: its text; punct: the character
                                   // (apostrophes and hyphens folded to ' and -)
  const Lexeme* lexeme = nullptr;  // words the lexicon knows
};

// Splits UTF-8 text (ill-formed bytes are taken as punctuation, never a crash).
std::vector<Token> tokenize(std::string_view text);

// The lexicon entry for a lower-case word, or nullptr.
const Lexeme* find_lexeme(std::string_view lower_word);

}  // namespace newsdig::extract::dates
