#pragma once
// Token patterns of the date rules: a pattern is a sequence of elements (a literal word, a month name, a
// day number, a year...), with optional parts and alternatives. Patterns are expanded once into flat
// variants without choices, and a flat variant matches deterministically: each element takes one or a
// few tokens and records what it saw in Captures.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/extract/dates/tokens.hpp"

namespace newsdig::extract::dates {

enum class Match : std::uint8_t {
  Word,         // one of `alts` (lower case)
  Punct,        // one of `alts`
  Month,        // capitalised month name or abbreviation, the abbreviation's period included
  MonthName,    // the same, but not an abbreviation without period ("Jan" alone is a name)
  Day,          // 1-31, with an optional ordinal suffix ("21st"), or an ordinal word ("eighth")
  Year,         // four digits 1000-2099 standing alone (not "1,998", "$2014", "1990s", "A1998")
  Weekday,      // capitalised weekday, or its abbreviation with period
  WeekdayLead,  // a weekday and an optional comma before a date ("Friday, Oct. 13")
  Ordinal,      // "third", "3rd", "last" (Captures::ordinal = kLastOrdinal)
  Count,        // 1-999, "two", "twenty-five", "a", "an"; vague counts ("several", "a few") give -1
  Unit,         // day, week, weekend, month, quarter, half, year, decade, century (singular or plural)
  Season,       // spring, summer, fall, autumn, winter
  Decade,       // "1990s", "1990's", "'90s", "nineties"
  SpelledYear,  // "nineteen ninety-six", "two thousand"
  NumMonth,     // 1-12 in one or two digits
  NumDay,       // 1-31 in one or two digits
  NumYear2,     // two digits
  Choice,       // one of `choices`, each a sequence of elements; an empty one makes it optional
};

// What a Word element records: nothing, a direction (-1 last, 0 this, +1 next) or a key the rule's
// builder switches on.
enum class Into : std::uint8_t { Nothing, Direction, Key };

struct Alt {
  std::string_view word;
  int value = 0;
};

struct Elem {
  Match match = Match::Word;
  std::vector<Alt> alts;
  Into into = Into::Nothing;
  bool tight = false;        // no white space before it
  bool capitalized = false;  // Word: written with an upper-case first letter
  std::vector<std::vector<Elem>> choices;
};

inline constexpr int kLastOrdinal = 99;

// What a match saw; 0 or -1 for what it did not.
struct Captures {
  int year = 0;    // four-digit year
  int year2 = -1;  // two-digit year ("9/21/98")
  int month = 0;
  int day = 0;
  int weekday = 0;  // 1 = Monday
  int ordinal = 0;
  int count = 0;  // -1: vague ("several", "a few")
  Unit unit = Unit::None;
  bool plural = false;
  int season = 0;
  int decade = -1;  // first year of a decade (1990), or its last two digits when no century is written
  bool decade_short = false;
  bool has_direction = false;
  int direction = 0;
  int key = 0;
};

// Every flat sequence of elements `pattern` stands for (choices multiplied out), in the pattern's order.
std::vector<std::vector<Elem>> expand(const std::vector<Elem>& pattern);

// Whether a flat variant starting with `first` could match at `token` (a cheap filter before match()).
bool could_start(const Elem& first, const Token& token);

// Matches a flat variant at tokens[at]; returns the index one past its last token, or 0 when it does
// not match. A match never spans a blank line.
std::size_t match(const std::vector<Elem>& flat, const std::vector<Token>& tokens, std::size_t at,
                  Captures& captures);

}  // namespace newsdig::extract::dates
