#include "common/extract/dates/tokens.hpp"

#include <array>
#include <unordered_map>

#include <unicode/uchar.h>

#include "common/extract/dates/calendar.hpp"
#include "common/util/text.hpp"

namespace newsdig::extract::dates {
namespace {

struct Entry {
  std::string_view word;
  Lexeme lexeme;
};

Lexeme month(int number, bool abbr = false) {
  Lexeme l;
  l.month = static_cast<std::int8_t>(number);
  l.month_abbr = abbr;
  return l;
}
Lexeme weekday(int number, bool abbr = false) {
  Lexeme l;
  l.weekday = static_cast<std::int8_t>(number);
  l.weekday_abbr = abbr;
  return l;
}
Lexeme ordinal(int number) {
  Lexeme l;
  l.ordinal = static_cast<std::int8_t>(number);
  return l;
}
Lexeme cardinal(int number) {
  Lexeme l;
  l.cardinal = static_cast<std::int8_t>(number);
  return l;
}
Lexeme unit(Unit u, bool plural = false) {
  Lexeme l;
  l.unit = u;
  l.plural = plural;
  return l;
}
Lexeme season(Season s) {
  Lexeme l;
  l.season = static_cast<std::int8_t>(s);
  return l;
}
Lexeme decade(int tens) {
  Lexeme l;
  l.decade = static_cast<std::int8_t>(tens);
  return l;
}

// Entries for the same word are merged ("second" is an ordinal and a unit of time we do not use).
std::vector<Entry> entries() {
  return {
      {"january", month(1)},
      {"february", month(2)},
      {"march", month(3)},
      {"april", month(4)},
      {"may", month(5)},
      {"june", month(6)},
      {"july", month(7)},
      {"august", month(8)},
      {"september", month(9)},
      {"october", month(10)},
      {"november", month(11)},
      {"december", month(12)},
      {"jan", month(1, true)},
      {"feb", month(2, true)},
      {"mar", month(3, true)},
      {"apr", month(4, true)},
      {"jun", month(6, true)},
      {"jul", month(7, true)},
      {"aug", month(8, true)},
      {"sep", month(9, true)},
      {"sept", month(9, true)},
      {"oct", month(10, true)},
      {"nov", month(11, true)},
      {"dec", month(12, true)},
      {"monday", weekday(1)},
      {"tuesday", weekday(2)},
      {"wednesday", weekday(3)},
      {"thursday", weekday(4)},
      {"friday", weekday(5)},
      {"saturday", weekday(6)},
      {"sunday", weekday(7)},
      {"mon", weekday(1, true)},
      {"tue", weekday(2, true)},
      {"tues", weekday(2, true)},
      {"wed", weekday(3, true)},
      {"thu", weekday(4, true)},
      {"thur", weekday(4, true)},
      {"thurs", weekday(4, true)},
      {"fri", weekday(5, true)},
      {"sat", weekday(6, true)},
      {"sun", weekday(7, true)},
      {"first", ordinal(1)},
      {"second", ordinal(2)},
      {"third", ordinal(3)},
      {"fourth", ordinal(4)},
      {"fifth", ordinal(5)},
      {"sixth", ordinal(6)},
      {"seventh", ordinal(7)},
      {"eighth", ordinal(8)},
      {"ninth", ordinal(9)},
      {"tenth", ordinal(10)},
      {"eleventh", ordinal(11)},
      {"twelfth", ordinal(12)},
      {"thirteenth", ordinal(13)},
      {"fourteenth", ordinal(14)},
      {"fifteenth", ordinal(15)},
      {"sixteenth", ordinal(16)},
      {"seventeenth", ordinal(17)},
      {"eighteenth", ordinal(18)},
      {"nineteenth", ordinal(19)},
      {"twentieth", ordinal(20)},
      {"thirtieth", ordinal(30)},
      {"zero", cardinal(0)},
      {"one", cardinal(1)},
      {"two", cardinal(2)},
      {"three", cardinal(3)},
      {"four", cardinal(4)},
      {"five", cardinal(5)},
      {"six", cardinal(6)},
      {"seven", cardinal(7)},
      {"eight", cardinal(8)},
      {"nine", cardinal(9)},
      {"ten", cardinal(10)},
      {"eleven", cardinal(11)},
      {"twelve", cardinal(12)},
      {"thirteen", cardinal(13)},
      {"fourteen", cardinal(14)},
      {"fifteen", cardinal(15)},
      {"sixteen", cardinal(16)},
      {"seventeen", cardinal(17)},
      {"eighteen", cardinal(18)},
      {"nineteen", cardinal(19)},
      {"twenty", cardinal(20)},
      {"thirty", cardinal(30)},
      {"forty", cardinal(40)},
      {"fifty", cardinal(50)},
      {"sixty", cardinal(60)},
      {"seventy", cardinal(70)},
      {"eighty", cardinal(80)},
      {"ninety", cardinal(90)},
      {"day", unit(Unit::Day)},
      {"days", unit(Unit::Day, true)},
      {"week", unit(Unit::Week)},
      {"weeks", unit(Unit::Week, true)},
      {"weekend", unit(Unit::Weekend)},
      {"weekends", unit(Unit::Weekend, true)},
      {"month", unit(Unit::Month)},
      {"months", unit(Unit::Month, true)},
      {"quarter", unit(Unit::Quarter)},
      {"quarters", unit(Unit::Quarter, true)},
      {"half", unit(Unit::Half)},
      {"halves", unit(Unit::Half, true)},
      {"year", unit(Unit::Year)},
      {"years", unit(Unit::Year, true)},
      {"decade", unit(Unit::Decade)},
      {"decades", unit(Unit::Decade, true)},
      {"century", unit(Unit::Century)},
      {"centuries", unit(Unit::Century, true)},
      {"spring", season(Season::Spring)},
      {"summer", season(Season::Summer)},
      {"fall", season(Season::Fall)},
      {"autumn", season(Season::Fall)},
      {"winter", season(Season::Winter)},
      {"twenties", decade(20)},
      {"thirties", decade(30)},
      {"forties", decade(40)},
      {"fifties", decade(50)},
      {"sixties", decade(60)},
      {"seventies", decade(70)},
      {"eighties", decade(80)},
      {"nineties", decade(90)},
  };
}

void merge(Lexeme& into, const Lexeme& from) {
  if (from.month) into.month = from.month, into.month_abbr = from.month_abbr;
  if (from.weekday) into.weekday = from.weekday, into.weekday_abbr = from.weekday_abbr;
  if (from.ordinal) into.ordinal = from.ordinal;
  if (from.cardinal >= 0) into.cardinal = from.cardinal;
  if (from.unit != Unit::None) into.unit = from.unit, into.plural = from.plural;
  if (from.season) into.season = from.season;
  if (from.century) into.century = from.century;
  if (from.decade >= 0) into.decade = from.decade;
}

const std::unordered_map<std::string_view, Lexeme>& lexicon() {
  static const std::unordered_map<std::string_view, Lexeme> table = [] {
    std::unordered_map<std::string_view, Lexeme> map;
    for (const auto& entry : entries()) merge(map[entry.word], entry.lexeme);
    return map;
  }();
  return table;
}

enum class CharClass { Space, Letter, Digit, Other };

CharClass classify(char32_t c) {
  if (c < 0x80) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return CharClass::Space;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::Letter;
    if (c >= '0' && c <= '9') return CharClass::Digit;
    return CharClass::Other;
  }
  auto cp = static_cast<UChar32>(c);
  if (u_isUWhiteSpace(cp)) return CharClass::Space;
  if (u_isalpha(cp) || (U_GET_GC_MASK(cp) & U_GC_M_MASK) != 0) return CharClass::Letter;
  return CharClass::Other;
}

// Apostrophes and hyphens written with typographic characters count as the ASCII ones.
std::string fold_punct(char32_t c, std::string_view bytes) {
  switch (c) {
    case U'\u2018':
    case U'\u2019':
    case U'`': return "'";
    case U'\u2010':
    case U'\u2011': return "-";
    default: return std::string(bytes);
  }
}

}  // namespace

const Lexeme* find_lexeme(std::string_view lower_word) {
  const auto& table = lexicon();
  auto found = table.find(lower_word);
  return found == table.end() ? nullptr : &found->second;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5 + 1);
  std::size_t pos = 0;
  bool space = false;
  int newlines = 0;
  bool at_start = true;
  while (pos < text.size()) {
    std::size_t start = pos;
    char32_t c = util::next_code_point(text, pos);
    CharClass cls = classify(c);
    if (cls == CharClass::Space) {
      space = true;
      if (c == '\n') ++newlines;
      continue;
    }
    Token token;
    token.start = static_cast<std::uint32_t>(start);
    token.space_before = space;
    token.break_before = at_start || newlines >= 2;
    space = false;
    newlines = 0;
    at_start = false;
    if (cls == CharClass::Letter) {
      token.kind = TokenKind::Word;
      token.capitalized = c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(static_cast<UChar32>(c)) != 0;
      std::size_t next = pos;
      while (pos < text.size()) {
        next = pos;
        if (classify(util::next_code_point(text, next)) != CharClass::Letter) break;
        pos = next;
      }
      token.lower = util::ascii_lower(text.substr(start, pos - start));
      token.lexeme = find_lexeme(token.lower);
    } else if (cls == CharClass::Digit) {
      token.kind = TokenKind::Number;
      // Digits, with ',' or '.' between digits kept inside: "1,998" and "3.5" are one number.
      while (pos < text.size()) {
        char d = text[pos];
        if (d >= '0' && d <= '9') {
          ++pos;
        } else if ((d == ',' || d == '.') && pos + 1 < text.size() && text[pos + 1] >= '0' &&
                   text[pos + 1] <= '9') {
          token.grouped = true;
          ++pos;
        } else {
          break;
        }
      }
      token.lower = std::string(text.substr(start, pos - start));
      int count = 0;
      long long value = 0;
      for (char d : token.lower) {
        if (d < '0' || d > '9') continue;
        ++count;
        if (count <= 9) value = value * 10 + (d - '0');
      }
      token.digits = static_cast<std::uint8_t>(count > 255 ? 255 : count);
      if (!token.grouped && count <= 9) token.value = static_cast<int>(value);
    } else {
      token.kind = TokenKind::Punct;
      token.lower = fold_punct(c, text.substr(start, pos - start));
    }
    token.end = static_cast<std::uint32_t>(pos);
    tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace newsdig::extract::dates
