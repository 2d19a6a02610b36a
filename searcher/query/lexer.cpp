#include "searcher/query/lexer.hpp"

#include <optional>

#include "searcher/query/fields.hpp"
#include "searcher/query/query_parser.hpp"

namespace newsdig::query {
namespace {

struct CodePoint {
  char32_t value;
  std::size_t byte;  // offset of its first byte
};

// The parser hands over repaired text, but the lexer stays safe on any bytes: a byte that does not start
// a well-formed sequence stands alone as U+FFFD, so columns agree with analysis::repair_utf8.
std::vector<CodePoint> decode(std::string_view text) {
  std::vector<CodePoint> out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t need = 0;
    char32_t value = lead;
    char32_t lowest = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      need = 1;
      value = lead & 0x1Fu;
      lowest = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      need = 2;
      value = lead & 0x0Fu;
      lowest = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      need = 3;
      value = lead & 0x07u;
      lowest = 0x10000;
    } else if (lead >= 0x80) {
      out.push_back({U'\uFFFD', i});
      ++i;
      continue;
    }
    bool well_formed = i + need < text.size();
    for (std::size_t k = 1; well_formed && k <= need; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0u) != 0x80u) {
        well_formed = false;
      } else {
        value = (value << 6) | (next & 0x3Fu);
      }
    }
    if (well_formed && need > 0 &&
        (value < lowest || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))) {
      well_formed = false;
    }
    if (!well_formed) {
      out.push_back({U'\uFFFD', i});
      ++i;
      continue;
    }
    out.push_back({value, i});
    i += need + 1;
  }
  return out;
}

// Control characters and the Unicode spaces separate words like a blank does: a query pasted from a
// document may hold tabs, no-break spaces or the ideographic space U+3000.
bool is_space(char32_t c) {
  return c <= 0x20 || c == 0x7F || (c >= 0x80 && c <= 0xA0) || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

struct Keyword {
  TokenKind kind;
  std::string argument;  // of NEAR/n and ADJ/n: the text after the slash
};

std::optional<Keyword> keyword(std::string_view word) {
  if (word == "AND") return Keyword{TokenKind::And, {}};
  if (word == "OR") return Keyword{TokenKind::Or, {}};
  if (word == "NOT") return Keyword{TokenKind::Not, {}};
  for (auto [name, kind] : {std::pair{std::string_view("NEAR"), TokenKind::Near},
                            std::pair{std::string_view("ADJ"), TokenKind::Adj}}) {
    if (word == name) return Keyword{kind, {}};
    if (word.size() > name.size() && word.substr(0, name.size()) == name && word[name.size()] == '/') {
      return Keyword{kind, std::string(word.substr(name.size() + 1))};
    }
  }
  return std::nullopt;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text), points_(decode(text)) {}

  std::vector<Token> run() {
    while (pos_ < points_.size()) {
      char32_t c = points_[pos_].value;
      if (is_space(c)) {
        ++pos_;
      } else if (c == U'(') {
        open_paren();
      } else if (c == U')') {
        close_paren();
      } else if (c == U'"') {
        quote();
      } else if ((c == U'+' || c == U'-') && may_start_operator() && starts_operand(pos_ + 1)) {
        emit(c == U'+' ? TokenKind::Plus : TokenKind::Minus, pos_, pos_ + 1);
        ++pos_;
      } else if (value_group_ || boolean_field_pending_) {
        value();
      } else if (!after_field_ && field()) {
        // field() emitted the name; its operand follows directly.
      } else {
        word();
      }
    }
    emit(TokenKind::End, points_.size(), points_.size());
    return std::move(tokens_);
  }

 private:
  char32_t at(std::size_t index) const { return index < points_.size() ? points_[index].value : U' '; }

  std::string slice(std::size_t from, std::size_t to) const {
    std::size_t begin = points_[from].byte;
    std::size_t end = to < points_.size() ? points_[to].byte : text_.size();
    return std::string(text_.substr(begin, end - begin));
  }

  // Signs and keywords are operators only where a term may start: not right after a field or a sign.
  bool may_start_operator() const { return !after_field_ && !after_sign_; }

  bool starts_operand(std::size_t index) const {
    char32_t c = at(index);
    return !is_space(c) && c != U')';
  }

  std::size_t byte_at(std::size_t index) const {
    return index < points_.size() ? points_[index].byte : text_.size();
  }

  // A token of the code points [index, end).
  void emit(TokenKind kind, std::size_t index, std::size_t end, std::string text = {},
            bool wildcard = false) {
    tokens_.push_back(Token{kind, std::move(text), index + 1, wildcard, byte_at(index),
                            byte_at(end) - byte_at(index), end - index});
    after_sign_ = kind == TokenKind::Plus || kind == TokenKind::Minus;
    after_field_ = kind == TokenKind::Field;
    if (kind != TokenKind::Field) boolean_field_pending_ = false;
  }

  void open_paren() {
    bool opens_values = boolean_field_pending_;
    emit(TokenKind::LParen, pos_, pos_ + 1);
    ++pos_;
    ++depth_;
    if (opens_values && !value_group_) value_group_ = depth_;
  }

  void close_paren() {
    emit(TokenKind::RParen, pos_, pos_ + 1);
    ++pos_;
    if (value_group_ && *value_group_ == depth_) value_group_.reset();
    if (depth_ > 0) --depth_;
  }

  void quote() {
    std::size_t close = pos_ + 1;
    while (close < points_.size() && points_[close].value != U'"') ++close;
    if (close >= points_.size()) throw SyntaxError(pos_ + 1, "unclosed quote");
    emit(TokenKind::Phrase, pos_, close + 1, slice(pos_ + 1, close));
    pos_ = close + 1;
  }

  // A boolean field's value is taken verbatim (ids hold '/', '.', '#', ':', '*'), up to white space or ')'.
  void value() {
    std::size_t end = pos_;
    while (end < points_.size() && !is_space(points_[end].value) && points_[end].value != U')') ++end;
    std::string text = slice(pos_, end);
    auto op = may_start_operator() ? keyword(text) : std::nullopt;
    if (op) {
      emit(op->kind, pos_, end, std::move(op->argument));
    } else {
      emit(TokenKind::Value, pos_, end, std::move(text));
    }
    pos_ = end;
  }

  // `name:` with name in [a-z]+, directly followed by an operand. `http://...` and the like stay words.
  bool field() {
    std::size_t colon = pos_;
    while (at(colon) >= U'a' && at(colon) <= U'z') ++colon;
    if (colon == pos_ || at(colon) != U':' || !starts_operand(colon + 1)) return false;
    if (at(colon + 1) == U'/' && at(colon + 2) == U'/') return false;
    std::string name = slice(pos_, colon);
    auto known = find_query_field(name);
    emit(TokenKind::Field, pos_, colon + 1, std::move(name));
    boolean_field_pending_ = known && known->kind != QueryFieldKind::FreeText;
    pos_ = colon + 1;
    return true;
  }

  void word() {
    std::size_t end = pos_;
    while (end < points_.size()) {
      char32_t c = points_[end].value;
      if (is_space(c) || c == U'(' || c == U')' || c == U'"') break;
      ++end;
    }
    std::string text = slice(pos_, end);
    std::size_t stars = 0;
    while (stars < text.size() && text[text.size() - 1 - stars] == '*') ++stars;
    auto op = may_start_operator() ? keyword(text) : std::nullopt;
    if (op) {
      emit(op->kind, pos_, end, std::move(op->argument));
    } else if (stars == text.size()) {
      emit(TokenKind::Star, pos_, end);
    } else if (stars > 0) {
      text.resize(text.size() - stars);
      emit(TokenKind::Word, pos_, end, std::move(text), true);
    } else {
      emit(TokenKind::Word, pos_, end, std::move(text));
    }
    pos_ = end;
  }

  std::string_view text_;
  std::vector<CodePoint> points_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;                     // index into points_
  std::size_t depth_ = 0;                   // open parentheses
  std::optional<std::size_t> value_group_;  // depth of the boolean field's parentheses we are inside
  bool after_field_ = false;
  bool after_sign_ = false;
  bool boolean_field_pending_ = false;  // the last token was the name of a field whose operand is values
};

}  // namespace

std::vector<Token> lex(std::string_view text) {
  return Lexer(text).run();
}

std::string_view token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::Word: return "word";
    case TokenKind::Phrase: return "phrase";
    case TokenKind::Value: return "value";
    case TokenKind::Field: return "field";
    case TokenKind::Star: return "'*'";
    case TokenKind::LParen: return "'('";
    case TokenKind::RParen: return "')'";
    case TokenKind::And: return "AND";
    case TokenKind::Or: return "OR";
    case TokenKind::Not: return "NOT";
    case TokenKind::Near: return "NEAR";
    case TokenKind::Adj: return "ADJ";
    case TokenKind::Plus: return "'+'";
    case TokenKind::Minus: return "'-'";
    case TokenKind::End: return "end of query";
  }
  return "token";
}

}  // namespace newsdig::query
