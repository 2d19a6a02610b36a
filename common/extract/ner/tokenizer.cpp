#include "common/extract/ner/tokenizer.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include <unicode/uchar.h>

namespace newsdig::extract::ner {
namespace {

struct CodePoint {
  char32_t value;
  std::uint32_t begin;
  std::uint32_t end;
};

// Ill-formed bytes decode as U+FFFD, one byte each, so offsets always advance.
CodePoint decode(std::string_view text, std::uint32_t at) {
  auto byte = [&](std::uint32_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return {lead, at, at + 1};
  std::uint32_t length = lead >= 0xF0 && lead <= 0xF4 ? 4U : lead >= 0xE0 ? 3U : lead >= 0xC2 ? 2U : 0U;
  if (length == 0 || lead > 0xF4 || at + length > text.size()) return {0xFFFD, at, at + 1};
  char32_t value = lead & (0x7FU >> length);
  for (std::uint32_t i = 1; i < length; ++i) {
    unsigned char next = byte(at + i);
    if ((next & 0xC0U) != 0x80U) return {0xFFFD, at, at + 1};
    value = (value << 6) | (next & 0x3FU);
  }
  bool overlong = (length == 3 && value < 0x800) || (length == 4 && value < 0x10000);
  if (overlong || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {0xFFFD, at, at + 1};
  return {value, at, at + length};
}

bool is_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return c == 0x200B || c == 0xFEFF || u_isUWhiteSpace(static_cast<UChar32>(c));
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c == 0xFFFD) return true;
  auto type = u_charType(static_cast<UChar32>(c));
  return u_isalnum(static_cast<UChar32>(c)) || type == U_NON_SPACING_MARK ||
         type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

bool is_digit(char32_t c) {
  return c >= '0' && c <= '9';
}

bool is_letter(char32_t c) {
  return is_word_char(c) && !is_digit(c);
}

bool is_apostrophe(char32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x201B || c == '`' || c == 0x2032;
}

bool is_double_quote(char32_t c) {
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0x2033;
}

bool is_currency(char32_t c) {
  return c == '$' || c == 0xA3 || c == 0xA5 || c == 0x20AC || c == 0x20B9 || c == 0x20BD;
}

// Characters that are a token of their own wherever they stand.
bool is_hard_break(char32_t c) {
  switch (c) {
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case ';':
    case '!':
    case '?':
    case '%':
    case '*':
    case '|':
    case '<':
    case '>':
    case '~':
    case '^':
    case '=':
    case 0x2026:  // …
    case 0x2013:
    case 0x2014:
    case 0x2015:  // – — ―
    case 0xAB:
    case 0xBB:
    case 0x2039:
    case 0x203A:  // « » ‹ ›
    case 0xBF:
    case 0xA1:  // ¿ ¡
    case 0x2022:
    case 0xB7:  // • ·
      return true;
    default: return is_double_quote(c);
  }
}

bool is_closing(std::string_view form) {
  return form == "\"" || form == "'" || form == ")" || form == "]" || form == "}" || form == "\xC2\xBB";
}

bool ends_sentence(std::string_view form) {
  return form == "." || form == "!" || form == "?" || form == "..." || form == "\xE2\x80\xA6";
}

bool ascii_equal_folded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

// Words whose final period belongs to them ("Mr.", "Inc.", "Calif."): titles, company suffixes, months
// and US state abbreviations as Reuters writes them.
bool is_abbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 88> kWords = {
      "mr",   "mrs",  "ms",  "dr",   "prof", "gen",  "sen",  "rep",  "gov",    "lt",   "col", "capt",  "cmdr",
      "sgt",  "maj",  "adm", "rev",  "hon",  "pres", "jr",   "sr",   "st",     "ste",  "mt",  "ft",    "inc",
      "corp", "co",   "ltd", "bros", "cos",  "vs",   "v",    "no",   "nos",    "jan",  "feb", "mar",   "apr",
      "jun",  "jul",  "aug", "sep",  "sept", "oct",  "nov",  "dec",  "ala",    "ariz", "ark", "calif", "colo",
      "conn", "del",  "fla", "ga",   "ill",  "ind",  "kan",  "kans", "ky",     "la",   "md",  "mass",  "mich",
      "minn", "miss", "mo",  "mont", "neb",  "nev",  "okla", "ore",  "pa",     "tenn", "tex", "va",    "vt",
      "wash", "wis",  "wyo", "ave",  "blvd", "dept", "univ", "assn", "approx", "etc"};
  if (word.empty()) return false;
  if (word.find('.') != std::string_view::npos) return true;  // U.S, a.m, F.C
  if (word.size() == 1) return word[0] >= 'A' && word[0] <= 'Z';
  return std::any_of(kWords.begin(), kWords.end(),
                     [&](std::string_view abbreviation) { return ascii_equal_folded(word, abbreviation); });
}

class Splitter {
 public:
  Splitter(std::string_view text, std::vector<Token>& tokens, std::vector<Sentence>& sentences)
      : text_(text), tokens_(tokens), sentences_(sentences), sentence_first_(to_u32(tokens.size())) {}

  void run() {
    const auto size = static_cast<std::uint32_t>(std::min<std::size_t>(text_.size(), kMaxOffset));
    std::uint32_t at = 0;
    int newlines = 0;
    while (at < size) {
      CodePoint c = decode(text_, at);
      if (is_space(c.value)) {
        if (c.value == '\n' || c.value == 0x2029) ++newlines;
        at = c.end;
        continue;
      }
      if (newlines >= 2) close_sentence();
      newlines = 0;
      chunk_.clear();
      while (at < size) {
        c = decode(text_, at);
        if (is_space(c.value)) break;
        chunk_.push_back(c);
        at = c.end;
      }
      split_chunk();
    }
    close_sentence();
  }

 private:
  static constexpr std::size_t kMaxOffset = std::numeric_limits<std::uint32_t>::max();

  static std::uint32_t to_u32(std::size_t value) { return static_cast<std::uint32_t>(value); }

  // Hard breaks first; ',' and ':' break too unless they sit between digits ("1,000", "12:30").
  void split_chunk() {
    std::size_t from = 0;
    for (std::size_t i = 0; i < chunk_.size(); ++i) {
      char32_t c = chunk_[i].value;
      bool between_digits =
          i > 0 && i + 1 < chunk_.size() && is_digit(chunk_[i - 1].value) && is_digit(chunk_[i + 1].value);
      bool breaks = is_hard_break(c) || ((c == ',' || c == ':') && !between_digits);
      if (!breaks) continue;
      split_segment(from, i);
      std::size_t run_end = i + 1;
      if (c == '?' || c == '!') {
        while (run_end < chunk_.size() && (chunk_[run_end].value == '?' || chunk_[run_end].value == '!'))
          ++run_end;
      }
      emit(i, run_end);
      from = run_end;
      i = run_end - 1;
    }
    split_segment(from, chunk_.size());
  }

  bool is_clitic(std::size_t from, std::size_t to) const {
    // After an apostrophe: s, re, ve, ll, d, m (any case), as in "'s" and "’re".
    std::string rest;
    for (std::size_t i = from; i < to; ++i) {
      char32_t c = chunk_[i].value;
      if (c >= 0x80) return false;
      rest.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    }
    return rest == "s" || rest == "re" || rest == "ve" || rest == "ll" || rest == "d" || rest == "m";
  }

  void split_segment(std::size_t a, std::size_t b) {
    // Leading punctuation.
    while (a < b) {
      char32_t c = chunk_[a].value;
      if (is_apostrophe(c)) {
        if (a + 1 < b && is_clitic(a + 1, b)) break;            // "'s" on its own
        if (a + 1 < b && is_digit(chunk_[a + 1].value)) break;  // "'96"
        std::size_t run = a + 1;
        while (run < b && chunk_[run].value == c && c == '`') ++run;  // ``
        emit(a, run);
        a = run;
        continue;
      }
      if (is_currency(c) || c == '#' || c == '@' || c == '+' || c == '&' || c == '/' || c == '\\') {
        if (c == '+' && a + 1 < b && is_digit(chunk_[a + 1].value)) break;  // "+0.5"
        emit(a, a + 1);
        ++a;
        continue;
      }
      if (c == '-' || c == '.') {
        std::size_t run = a + 1;
        while (run < b && chunk_[run].value == c) ++run;
        if (run == a + 1 && run < b && is_digit(chunk_[run].value)) break;  // "-3", ".5"
        emit(a, run);
        a = run;
        continue;
      }
      break;
    }
    // Trailing punctuation, collected from the end.
    std::size_t trailing_from = trailing_.size();
    while (b > a) {
      char32_t c = chunk_[b - 1].value;
      if (is_apostrophe(c) || c == '/' || c == '&' || c == '#' || c == '+' || c == '\\' || c == '@') {
        trailing_.push_back({b - 1, b});
        --b;
        continue;
      }
      if (c == '-' || c == '.') {
        std::size_t run = b - 1;
        while (run > a && chunk_[run - 1].value == c) --run;
        if (c == '.' && run + 1 == b && run > a && is_abbreviation(form_of(a, run))) break;
        trailing_.push_back({run, b});
        b = run;
        continue;
      }
      break;
    }
    if (a < b) split_clitic(a, b);
    while (trailing_.size() > trailing_from) {
      auto [from, to] = trailing_.back();
      trailing_.pop_back();
      emit(from, to);
    }
  }

  // "Abe's" -> "Abe" "'s"; "don't" -> "do" "n't"; "they're" -> "they" "'re".
  void split_clitic(std::size_t a, std::size_t b) {
    for (std::size_t i = b - 1; i > a; --i) {
      if (!is_apostrophe(chunk_[i].value)) continue;
      if (i + 1 < b && is_clitic(i + 1, b) && is_letter(chunk_[i - 1].value)) {
        emit(a, i);
        emit(i, b);
        return;
      }
      if (i + 2 == b && (chunk_[i + 1].value == 't' || chunk_[i + 1].value == 'T') && i >= a + 2 &&
          (chunk_[i - 1].value == 'n' || chunk_[i - 1].value == 'N')) {
        emit(a, i - 1);
        emit(i - 1, b);
        return;
      }
      break;
    }
    emit(a, b);
  }

  std::string form_of(std::size_t a, std::size_t b) const {
    std::string form;
    for (std::size_t i = a; i < b; ++i) {
      char32_t c = chunk_[i].value;
      if (is_apostrophe(c) && c != '`') {
        form.push_back('\'');
      } else if (is_double_quote(c)) {
        form.push_back('"');
      } else {
        form.append(text_.substr(chunk_[i].begin, chunk_[i].end - chunk_[i].begin));
      }
    }
    return form;
  }

  void emit(std::size_t a, std::size_t b) {
    if (a >= b) return;
    Token token{chunk_[a].begin, chunk_[b - 1].end, form_of(a, b)};
    // A quote right after the final punctuation closes; one after a space opens the next sentence.
    bool attached = !tokens_.empty() && tokens_.back().end == token.begin;
    if (pending_end_ && !(attached && is_closing(token.form))) close_sentence();
    bool final = ends_sentence(token.form);
    tokens_.push_back(std::move(token));
    if (final) pending_end_ = true;
    if (tokens_.size() - sentence_first_ >= kMaxSentenceTokens) close_sentence();
  }

  void close_sentence() {
    pending_end_ = false;
    auto last = to_u32(tokens_.size());
    if (last > sentence_first_) sentences_.push_back({sentence_first_, last});
    sentence_first_ = last;
  }

  std::string_view text_;
  std::vector<Token>& tokens_;
  std::vector<Sentence>& sentences_;
  std::uint32_t sentence_first_;
  bool pending_end_ = false;
  std::vector<CodePoint> chunk_;
  std::vector<std::pair<std::size_t, std::size_t>> trailing_;
};

}  // namespace

void tokenize(std::string_view text, std::vector<Token>& tokens, std::vector<Sentence>& sentences) {
  Splitter(text, tokens, sentences).run();
}

}  // namespace newsdig::extract::ner
