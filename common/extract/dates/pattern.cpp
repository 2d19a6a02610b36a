#include "common/extract/dates/pattern.hpp"

#include <algorithm>

namespace newsdig::extract::dates {
namespace {

using Tokens = std::vector<Token>;

bool is_word(const Tokens& tokens, std::size_t i, std::string_view word) {
  return i < tokens.size() && tokens[i].kind == TokenKind::Word && tokens[i].lower == word;
}

bool is_punct(const Tokens& tokens, std::size_t i, std::string_view punct) {
  return i < tokens.size() && tokens[i].kind == TokenKind::Punct && tokens[i].lower == punct;
}

// tokens[i] exists and follows the previous token without white space.
bool tight(const Tokens& tokens, std::size_t i) {
  return i < tokens.size() && !tokens[i].space_before;
}

// tokens[i] exists and does not start a new paragraph.
bool joined(const Tokens& tokens, std::size_t i) {
  return i < tokens.size() && !tokens[i].break_before;
}

bool in_alts(const Elem& elem, const Token& token, int& value) {
  for (const auto& alt : elem.alts) {
    if (alt.word == token.lower) {
      value = alt.value;
      return true;
    }
  }
  return false;
}

bool plain_number(const Token& token, int max_digits) {
  return token.kind == TokenKind::Number && !token.grouped && token.digits <= max_digits;
}

// Number tokens glued to letters are codes, not dates: "A320", "5pm" (a suffix the element allows is
// checked by the caller first).
bool glued_to_word(const Tokens& tokens, std::size_t i) {
  bool before = i > 0 && !tokens[i].space_before && tokens[i - 1].kind == TokenKind::Word;
  bool after = tight(tokens, i + 1) && tokens[i + 1].kind == TokenKind::Word;
  return before || after;
}

bool ordinal_suffix(const Tokens& tokens, std::size_t i) {
  if (!tight(tokens, i) || tokens[i].kind != TokenKind::Word) return false;
  const auto& s = tokens[i].lower;
  return s == "st" || s == "nd" || s == "rd" || s == "th";
}

const Lexeme* lexeme_at(const Tokens& tokens, std::size_t i) {
  return i < tokens.size() && tokens[i].kind == TokenKind::Word ? tokens[i].lexeme : nullptr;
}

std::size_t match_month(const Tokens& tokens, std::size_t i, Captures& caps, bool name_only) {
  const Lexeme* lex = lexeme_at(tokens, i);
  if (!lex || !lex->month || !tokens[i].capitalized) return 0;
  std::size_t used = 1;
  if (lex->month_abbr) {
    if (is_punct(tokens, i + 1, ".") && tight(tokens, i + 1)) {
      used = 2;
    } else if (name_only) {
      return 0;
    }
  }
  caps.month = lex->month;
  return used;
}

// A number word 1-99 written as one word or two joined by a hyphen ("twenty-five").
std::size_t match_cardinal_word(const Tokens& tokens, std::size_t i, int& value) {
  const Lexeme* lex = lexeme_at(tokens, i);
  if (!lex || lex->cardinal < 0) return 0;
  value = lex->cardinal;
  if (value >= 20 && value % 10 == 0 && is_punct(tokens, i + 1, "-") && tight(tokens, i + 1) &&
      tight(tokens, i + 2)) {
    const Lexeme* ones = lexeme_at(tokens, i + 2);
    if (ones && ones->cardinal >= 1 && ones->cardinal <= 9) {
      value += ones->cardinal;
      return 3;
    }
  }
  return 1;
}

std::size_t match_day(const Tokens& tokens, std::size_t i, Captures& caps) {
  const Token& token = tokens[i];
  if (plain_number(token, 2)) {
    if (token.value < 1 || token.value > 31) return 0;
    std::size_t used = ordinal_suffix(tokens, i + 1) ? 2 : 1;
    if (used == 1 && glued_to_word(tokens, i)) return 0;
    // A clock time: "10:30".
    if (is_punct(tokens, i + used, ":") && tight(tokens, i + used) && tight(tokens, i + used + 1) &&
        tokens[i + used + 1].kind == TokenKind::Number)
      return 0;
    caps.day = token.value;
    return used;
  }
  const Lexeme* lex = lexeme_at(tokens, i);
  if (!lex) return 0;
  if (lex->ordinal > 0 && lex->ordinal <= 31) {
    caps.day = lex->ordinal;
    return 1;
  }
  // "twenty-first"
  if ((lex->cardinal == 20 || lex->cardinal == 30) && is_punct(tokens, i + 1, "-") && tight(tokens, i + 1) &&
      tight(tokens, i + 2)) {
    const Lexeme* ones = lexeme_at(tokens, i + 2);
    if (ones && ones->ordinal >= 1 && ones->ordinal <= 9 && lex->cardinal + ones->ordinal <= 31) {
      caps.day = lex->cardinal + ones->ordinal;
      return 3;
    }
  }
  return 0;
}

bool currency_or_sign(const Token& token) {
  static constexpr std::string_view kSigns[] = {"$", "#", "\xC2\xA3", "\xE2\x82\xAC", "\xC2\xA5", "+", "-"};
  if (token.kind != TokenKind::Punct) return false;
  return std::find(std::begin(kSigns), std::end(kSigns), token.lower) != std::end(kSigns);
}

std::size_t match_year(const Tokens& tokens, std::size_t i, Captures& caps) {
  const Token& token = tokens[i];
  if (!plain_number(token, 4) || token.digits != 4 || token.value < 1000 || token.value > 2099) return 0;
  if (glued_to_word(tokens, i)) return 0;
  // "$2014", "#1998", "+1998"; a hyphen before is a prefix ("mid-1996") unless it follows a number.
  if (i > 0 && !token.space_before && currency_or_sign(tokens[i - 1])) {
    bool prefix = tokens[i - 1].lower == "-" && i > 1 && tokens[i - 2].kind == TokenKind::Word;
    if (!prefix) return 0;
  }
  if (is_punct(tokens, i + 1, "%") && tight(tokens, i + 1)) return 0;
  caps.year = token.value;
  return 1;
}

std::size_t match_weekday(const Tokens& tokens, std::size_t i, Captures& caps) {
  const Lexeme* lex = lexeme_at(tokens, i);
  if (!lex || !lex->weekday || !tokens[i].capitalized) return 0;
  std::size_t used = 1;
  if (lex->weekday_abbr) {
    if (!is_punct(tokens, i + 1, ".") || !tight(tokens, i + 1)) return 0;
    used = 2;
  }
  caps.weekday = lex->weekday;
  return used;
}

std::size_t match_ordinal(const Tokens& tokens, std::size_t i, Captures& caps) {
  const Token& token = tokens[i];
  if (plain_number(token, 2) && ordinal_suffix(tokens, i + 1)) {
    caps.ordinal = token.value;
    return 2;
  }
  if (token.kind == TokenKind::Word && token.lower == "last") {
    caps.ordinal = kLastOrdinal;
    return 1;
  }
  const Lexeme* lex = lexeme_at(tokens, i);
  if (!lex || lex->ordinal <= 0) return 0;
  caps.ordinal = lex->ordinal;
  return 1;
}

std::size_t match_count(const Tokens& tokens, std::size_t i, Captures& caps) {
  const Token& token = tokens[i];
  if (plain_number(token, 3)) {
    if (token.value < 1 || glued_to_word(tokens, i)) return 0;
    caps.count = token.value;
    return 1;
  }
  if (token.kind != TokenKind::Word) return 0;
  if (token.lower == "a" || token.lower == "an") {
    if (is_word(tokens, i + 1, "few")) {
      caps.count = -1;
      return 2;
    }
    if (is_word(tokens, i + 1, "couple") && is_word(tokens, i + 2, "of")) {
      caps.count = -1;
      return 3;
    }
    caps.count = 1;
    return 1;
  }
  if (token.lower == "several" || token.lower == "few" || token.lower == "many" || token.lower == "some") {
    caps.count = -1;
    return 1;
  }
  int value = 0;
  std::size_t used = match_cardinal_word(tokens, i, value);
  if (used == 0 || value < 1) return 0;
  caps.count = value;
  return used;
}

std::size_t match_decade(const Tokens& tokens, std::size_t i, Captures& caps) {
  const Token& token = tokens[i];
  auto s_after = [&](std::size_t j) -> std::size_t {
    if (is_word(tokens, j, "s") && tight(tokens, j)) return 1;
    if (is_punct(tokens, j, "'") && tight(tokens, j) && is_word(tokens, j + 1, "s") && tight(tokens, j + 1))
      return 2;
    return 0;
  };
  if (plain_number(token, 4) && token.digits == 4 && token.value % 10 == 0 && token.value >= 1000 &&
      token.value <= 2090) {
    if (i > 0 && !token.space_before && tokens[i - 1].kind == TokenKind::Word) return 0;
    std::size_t s = s_after(i + 1);
    if (s == 0) return 0;
    caps.decade = token.value;
    caps.decade_short = false;
    return 1 + s;
  }
  if (token.kind == TokenKind::Punct && token.lower == "'" && tight(tokens, i + 1)) {
    const Token& number = tokens[i + 1];
    if (!plain_number(number, 2) || number.digits != 2 || number.value % 10 != 0) return 0;
    std::size_t s = s_after(i + 2);
    if (s == 0) return 0;
    caps.decade = number.value;
    caps.decade_short = true;
    return 2 + s;
  }
  const Lexeme* lex = lexeme_at(tokens, i);
  if (lex && lex->decade >= 0) {
    caps.decade = lex->decade;
    caps.decade_short = true;
    return 1;
  }
  return 0;
}

std::size_t match_spelled_year(const Tokens& tokens, std::size_t i, Captures& caps) {
  const Lexeme* lex = lexeme_at(tokens, i);
  if (!lex) return 0;
  if ((lex->cardinal == 18 || lex->cardinal == 19) && joined(tokens, i + 1)) {
    int rest = 0;
    std::size_t used = match_cardinal_word(tokens, i + 1, rest);
    if (used == 0 || rest < 20) return 0;
    caps.year = lex->cardinal * 100 + rest;
    return 1 + used;
  }
  if (lex->cardinal == 2 && is_word(tokens, i + 1, "thousand")) {
    std::size_t next = i + 2;
    if (is_word(tokens, next, "and")) ++next;
    int rest = 0;
    std::size_t used = joined(tokens, next) ? match_cardinal_word(tokens, next, rest) : 0;
    if (used == 0 || rest < 1) {
      caps.year = 2000;
      return 2;
    }
    caps.year = 2000 + rest;
    return next - i + used;
  }
  return 0;
}

std::size_t match_number(const Tokens& tokens, std::size_t i, int low, int high, int min_digits,
                         int max_digits, int& out) {
  const Token& token = tokens[i];
  if (!plain_number(token, max_digits) || token.digits < min_digits) return 0;
  if (token.value < low || token.value > high) return 0;
  out = token.value;
  return 1;
}

std::size_t match_elem(const Elem& elem, const Tokens& tokens, std::size_t i, Captures& caps) {
  const Token& token = tokens[i];
  switch (elem.match) {
    case Match::Word:
    case Match::Punct: {
      auto kind = elem.match == Match::Word ? TokenKind::Word : TokenKind::Punct;
      int value = 0;
      if (token.kind != kind || !in_alts(elem, token, value)) return 0;
      if (elem.capitalized && !token.capitalized) return 0;
      if (elem.into == Into::Direction) {
        caps.has_direction = true;
        caps.direction = value;
      } else if (elem.into == Into::Key) {
        caps.key = value;
      }
      return 1;
    }
    case Match::Month: return match_month(tokens, i, caps, false);
    case Match::MonthName: return match_month(tokens, i, caps, true);
    case Match::Day: return match_day(tokens, i, caps);
    case Match::Year: return match_year(tokens, i, caps);
    case Match::Weekday: return match_weekday(tokens, i, caps);
    case Match::WeekdayLead: {
      std::size_t used = match_weekday(tokens, i, caps);
      if (used && is_punct(tokens, i + used, ",") && joined(tokens, i + used)) ++used;
      return used;
    }
    case Match::Ordinal: return match_ordinal(tokens, i, caps);
    case Match::Count: return match_count(tokens, i, caps);
    case Match::Unit: {
      const Lexeme* lex = lexeme_at(tokens, i);
      if (!lex || lex->unit == Unit::None) return 0;
      caps.unit = lex->unit;
      caps.plural = lex->plural;
      return 1;
    }
    case Match::Season: {
      const Lexeme* lex = lexeme_at(tokens, i);
      if (!lex || !lex->season) return 0;
      caps.season = lex->season;
      return 1;
    }
    case Match::Decade: return match_decade(tokens, i, caps);
    case Match::SpelledYear: return match_spelled_year(tokens, i, caps);
    case Match::NumMonth: return match_number(tokens, i, 1, 12, 1, 2, caps.month);
    case Match::NumDay: return match_number(tokens, i, 1, 31, 1, 2, caps.day);
    case Match::NumYear2: return match_number(tokens, i, 0, 99, 2, 2, caps.year2);
    case Match::Choice: return 0;  // expanded away before matching
  }
  return 0;
}

}  // namespace

std::vector<std::vector<Elem>> expand(const std::vector<Elem>& pattern) {
  std::vector<std::vector<Elem>> result{{}};
  for (const auto& elem : pattern) {
    if (elem.match != Match::Choice) {
      for (auto& flat : result) flat.push_back(elem);
      continue;
    }
    std::vector<std::vector<Elem>> next;
    for (const auto& flat : result) {
      for (const auto& choice : elem.choices) {
        for (auto& tail : expand(choice)) {
          auto combined = flat;
          if (!tail.empty() && elem.tight) tail.front().tight = true;
          combined.insert(combined.end(), tail.begin(), tail.end());
          next.push_back(std::move(combined));
        }
      }
    }
    result = std::move(next);
  }
  return result;
}

bool could_start(const Elem& first, const Token& token) {
  const Lexeme* lex = token.kind == TokenKind::Word ? token.lexeme : nullptr;
  switch (first.match) {
    case Match::Word:
    case Match::Punct: {
      int value = 0;
      return in_alts(first, token, value);
    }
    case Match::Month:
    case Match::MonthName: return lex && lex->month && token.capitalized;
    case Match::Weekday:
    case Match::WeekdayLead: return lex && lex->weekday && token.capitalized;
    case Match::Unit: return lex && lex->unit != Unit::None;
    case Match::Season: return lex && lex->season;
    case Match::Year:
    case Match::NumMonth:
    case Match::NumDay:
    case Match::NumYear2: return token.kind == TokenKind::Number;
    case Match::SpelledYear: return lex && lex->cardinal >= 0;
    case Match::Day:
      return token.kind == TokenKind::Number ||
             (lex && (lex->ordinal > 0 || lex->cardinal == 20 || lex->cardinal == 30));
    case Match::Ordinal:
      return token.kind == TokenKind::Number || (lex && lex->ordinal > 0) || token.lower == "last";
    case Match::Count: {
      if (token.kind == TokenKind::Number) return true;
      if (token.kind != TokenKind::Word) return false;
      const auto& w = token.lower;
      return (lex && lex->cardinal >= 1) || w == "a" || w == "an" || w == "several" || w == "few" ||
             w == "many" || w == "some";
    }
    case Match::Decade:
      return (token.kind == TokenKind::Number && token.digits == 4) || token.lower == "'" ||
             (lex && lex->decade >= 0);
    case Match::Choice: return false;
  }
  return false;
}

std::size_t match(const std::vector<Elem>& flat, const std::vector<Token>& tokens, std::size_t at,
                  Captures& captures) {
  std::size_t i = at;
  for (std::size_t k = 0; k < flat.size(); ++k) {
    const Elem& elem = flat[k];
    if (i >= tokens.size()) return 0;
    if (k > 0 && (tokens[i].break_before || (elem.tight && tokens[i].space_before))) return 0;
    std::size_t used = match_elem(elem, tokens, i, captures);
    if (used == 0) return 0;
    // Tokens inside one element never span a blank line either.
    for (std::size_t j = i + 1; j < i + used; ++j) {
      if (tokens[j].break_before) return 0;
    }
    i += used;
  }
  return i;
}

}  // namespace newsdig::extract::dates
