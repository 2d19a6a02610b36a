#include "searcher/query/query_parser.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_set>
#include <utility>

#include "common/analysis/fold.hpp"
#include "common/analysis/utf8.hpp"
#include "common/schema.hpp"
#include "common/store/document_builder.hpp"
#include "common/util/text.hpp"
#include "searcher/query/fields.hpp"
#include "searcher/query/lexer.hpp"

namespace newsdig::query {

SyntaxError::SyntaxError(std::size_t column, const std::string& message)
    : SyntaxError(column, message, column, 1) {}

SyntaxError::SyntaxError(std::size_t column, const std::string& message, std::size_t span_column,
                         std::size_t span_width)
    : std::runtime_error("col " + std::to_string(column) + ": " + message),
      column_(column),
      detail_(message),
      span_column_(span_column),
      span_width_(span_width) {}

namespace {

using Xapian::Query;

// Recursion follows parentheses only, so this bounds the parser's stack on any input.
constexpr std::size_t kMaxDepth = 100;
// NEAR and ADJ alone; the largest n of NEAR/n.
constexpr Xapian::termcount kDefaultDistance = 10;
constexpr Xapian::termcount kMaxDistance = 1000;

// What one piece of the query parsed to.
struct Part {
  Query query;  // empty when the piece held no words (punctuation only)
  std::vector<std::string> highlights;
  bool match_all = false;  // the piece was `*`
  // The field this piece only filters by (`lang:en`, `lang:(en OR de)`), if it is nothing else.
  std::optional<std::string_view> filter;
  // As an operand of NEAR/ADJ: alternatives, each a run of adjacent positional terms; empty when the
  // piece is not made of words (a filter, `*`, an AND group).
  std::vector<std::vector<std::string>> positional;
  std::optional<std::string> wildcard_term;  // a lone `word*`: its prefix term, expanded inside NEAR/ADJ
  std::size_t begin = 0;                     // bytes of the query text it was written in
  std::size_t end = 0;
};

enum class Occur { Must, Should, MustNot };
enum class Connector { Juxtaposed, And, Not };

struct Clause {
  Occur occur;
  Part part;
  bool explicit_and = false;  // a side of an explicit AND: never merged into a group of alternative filters
};

// The field in force for an atom, and its `name:` token when it was written on the atom itself.
struct FieldUse {
  std::optional<QueryField> field;
  const Token* written = nullptr;
};

Query combine(Query::op op, const std::vector<Query>& queries) {
  if (queries.size() == 1) return queries.front();
  return Query(op, queries.begin(), queries.end());
}

Query weightless(const Query& query) {
  return Query(Query::OP_SCALE_WEIGHT, query, 0.0);
}

bool starts_unit(TokenKind kind) {
  switch (kind) {
    case TokenKind::Word:
    case TokenKind::Phrase:
    case TokenKind::Value:
    case TokenKind::Field:
    case TokenKind::Star:
    case TokenKind::LParen: return true;
    default: return false;
  }
}

bool starts_clause(TokenKind kind) {
  return starts_unit(kind) || kind == TokenKind::Plus || kind == TokenKind::Minus;
}

std::vector<std::string> without_duplicates(std::vector<std::string> words) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  for (auto& word : words) {
    if (seen.insert(word).second) out.push_back(std::move(word));
  }
  return out;
}

std::string join(const std::vector<std::string>& words, std::string_view separator = " ") {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += separator;
    out += word;
  }
  return out;
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens, analysis::Analyzer& analyzer,
         const ParseOptions& options)
      : text_(text),
        tokens_(std::move(tokens)),
        analyzer_(analyzer),
        options_(options),
        today_(options.today ? *options.today : local_today()) {}

  ParsedQuery parse() {
    if (peek().kind == TokenKind::End) throw SyntaxError(1, "nothing to search for", 1, 0);
    Part part = parse_or(0, {});
    if (peek().kind != TokenKind::End) {
      throw SyntaxError(peek().column, "unexpected " + operator_name(peek()), peek().column, peek().width);
    }
    if (part.query.empty()) throw SyntaxError(1, "nothing to search for", 1, 0);
    ParsedQuery parsed;
    parsed.query = part.query;
    parsed.highlight_words = without_duplicates(std::move(part.highlights));
    parsed.match_all = part.match_all;
    apply_date_options(parsed);
    parsed.text = std::string(text_);
    parsed.pieces = std::move(pieces_);
    parsed.notices = std::move(notices_);
    parsed.default_op = options_.default_op;
    parsed.language = options_.language;
    return parsed;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }

  const Token& take() {
    const Token& token = tokens_[pos_];
    if (token.kind != TokenKind::End) ++pos_;
    return token;
  }

  Occur default_occur() const { return options_.default_op == DefaultOp::And ? Occur::Must : Occur::Should; }

  static std::string operator_name(const Token& token) { return std::string(token_kind_name(token.kind)); }

  static SyntaxError error_at(const Token& token, const std::string& message) {
    return SyntaxError(token.column, message, token.column, token.width);
  }

  void require_term_after(const Token& op) const {
    if (!starts_clause(peek().kind)) throw error_at(op, operator_name(op) + " needs a term after it");
  }

  // --since and --until restrict the whole query, as a `date:` filter ANDed to it would.
  void apply_date_options(ParsedQuery& parsed) {
    if (options_.since.empty() && options_.until.empty()) return;
    auto resolve = [&](std::string_view flag, const std::string& value) {
      try {
        return parse_date_expression(value, today_);
      } catch (const DateError& error) {
        throw DateError(std::string(flag) + ": " + error.what());
      }
    };
    DayRange range;
    std::vector<std::string> written;
    if (!options_.since.empty()) {
      range.first = resolve("--since", options_.since).first;
      written.push_back("--since " + options_.since);
    }
    if (!options_.until.empty()) {
      range.last = resolve("--until", options_.until).last;
      written.push_back("--until " + options_.until);
    }
    if (range.first && range.last && *range.last < *range.first) {
      throw DateError("--until " + options_.until + " ends before --since " + options_.since + " starts");
    }
    DateQuery date = publication_date_query(range);
    Piece piece;
    piece.kind = PieceKind::Date;
    piece.field = "date";
    piece.text = join(written);
    piece.terms = date.terms;
    piece.detail = describe_publication(range, date);
    piece.query = date.query;
    pieces_.push_back(std::move(piece));
    parsed.query = Query(Query::OP_AND, parsed.query, date.query);
    parsed.match_all = false;
  }

  // or_expr := and_expr (OR and_expr)*
  Part parse_or(std::size_t depth, const FieldUse& field) {
    std::vector<Part> parts;
    parts.push_back(parse_and(depth, field));
    while (peek().kind == TokenKind::Or) {
      const Token& op = take();
      if (peek().kind != TokenKind::Not) require_term_after(op);
      parts.push_back(parse_and(depth, field));
    }
    if (parts.size() == 1) return std::move(parts.front());

    Part out;
    out.begin = parts.front().begin;
    out.end = parts.back().end;
    std::vector<Query> alternatives;
    bool same_filter = true;
    bool positional = true;
    for (auto& part : parts) {
      if (part.query.empty()) continue;
      alternatives.push_back(part.query);
      same_filter = same_filter && part.filter && (!out.filter || *out.filter == *part.filter);
      if (same_filter) out.filter = part.filter;
      out.highlights.insert(out.highlights.end(), part.highlights.begin(), part.highlights.end());
      positional = positional && !part.positional.empty();
      out.positional.insert(out.positional.end(), part.positional.begin(), part.positional.end());
    }
    if (!same_filter || alternatives.empty()) out.filter.reset();
    if (!positional) out.positional.clear();
    if (!alternatives.empty()) out.query = combine(Query::OP_OR, alternatives);
    return out;
  }

  // and_expr := [NOT] clause ((AND | NOT | AND NOT)? clause)*
  // Every clause is required, optional (OR mode) or excluded; explicit AND makes both its sides required.
  Part parse_and(std::size_t depth, const FieldUse& field) {
    const Token& first = peek();
    if (first.kind == TokenKind::And || first.kind == TokenKind::Or || first.kind == TokenKind::Near ||
        first.kind == TokenKind::Adj) {
      throw error_at(first, operator_name(first) + " needs a term before it");
    }
    std::vector<Clause> clauses;
    while (true) {
      const Token& next = peek();
      Connector connector = Connector::Juxtaposed;
      if (next.kind == TokenKind::And && !clauses.empty()) {
        const Token* op = &take();
        connector = Connector::And;
        if (peek().kind == TokenKind::Not) {
          op = &take();
          connector = Connector::Not;
        }
        require_term_after(*op);
      } else if (next.kind == TokenKind::Not) {
        require_term_after(take());
        connector = Connector::Not;
      } else if (!starts_clause(next.kind)) {
        break;
      }
      if (connector == Connector::And) {
        if (clauses.back().occur == Occur::Should) clauses.back().occur = Occur::Must;
        clauses.back().explicit_and = true;
      }
      clauses.push_back(parse_clause(depth, field, connector));
      clauses.back().explicit_and = connector == Connector::And;
    }
    return combine_clauses(std::move(clauses));
  }

  // clause := (+|-)? near_expr
  Clause parse_clause(std::size_t depth, const FieldUse& field, Connector connector) {
    TokenKind sign = peek().kind;
    if (sign == TokenKind::Plus || sign == TokenKind::Minus) take();
    bool negated = connector == Connector::Not || sign == TokenKind::Minus;
    if (negated) ++negation_depth_;
    Part part = parse_near(depth, field);
    if (negated) --negation_depth_;
    Occur occur = default_occur();
    if (negated) {
      occur = Occur::MustNot;  // `NOT -x` excludes x too: the two say the same thing
    } else if (connector == Connector::And || sign == TokenKind::Plus) {
      occur = Occur::Must;
    }
    return Clause{occur, std::move(part), false};
  }

  // near_expr := unit ((NEAR | NEAR/n) unit)* | unit ((ADJ | ADJ/n) unit)*
  Part parse_near(std::size_t depth, const FieldUse& field) {
    std::size_t first_piece = pieces_.size();
    Part first = parse_unit(depth, field);
    TokenKind kind = peek().kind;
    if (kind != TokenKind::Near && kind != TokenKind::Adj) return first;

    std::vector<Part> operands;
    operands.push_back(std::move(first));
    std::vector<const Token*> ops;
    Xapian::termcount distance = 0;
    while (peek().kind == TokenKind::Near || peek().kind == TokenKind::Adj) {
      const Token& op = take();
      if (op.kind != kind) throw error_at(op, "NEAR and ADJ cannot be mixed in one chain");
      distance = std::max(distance, near_distance(op));
      if (!starts_unit(peek().kind)) throw error_at(op, operator_name(op) + " needs a term after it");
      ops.push_back(&op);
      operands.push_back(parse_unit(depth, field));
    }
    // The operands' own pieces give way to the one piece of the chain.
    pieces_.resize(first_piece);
    return near_part(kind, distance, operands, ops, field);
  }

  static Xapian::termcount near_distance(const Token& op) {
    if (op.text.empty()) return kDefaultDistance;
    unsigned value = kMaxDistance + 1;
    bool digits = std::all_of(op.text.begin(), op.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && op.text.size() <= 4)
      std::from_chars(op.text.data(), op.text.data() + op.text.size(), value);
    if (value > kMaxDistance) {
      throw error_at(op, operator_name(op) + "/" + op.text +
                             ": the distance must be a number of words from 0 to " +
                             std::to_string(kMaxDistance));
    }
    return value;
  }

  // Xapian takes only terms, or ORs of terms, inside OP_NEAR and OP_PHRASE: a phrase operand joins the
  // chain word by word and is also required as a phrase; a wildcard is expanded here.
  Part near_part(TokenKind kind, Xapian::termcount distance, std::vector<Part>& operands,
                 const std::vector<const Token*>& ops, const FieldUse& field) {
    std::vector<std::vector<std::string>> slots;
    std::vector<Query> phrases;
    Part out;
    out.begin = operands.front().begin;
    out.end = operands.back().end;
    bool matches_nothing = false;
    for (std::size_t i = 0; i < operands.size(); ++i) {
      Part& operand = operands[i];
      const Token& op = *ops[i == 0 ? 0 : i - 1];
      if (operand.wildcard_term) {
        std::vector<std::string> expanded = expand_wildcard(op, *operand.wildcard_term);
        if (expanded.empty()) {
          matches_nothing = true;
          expanded.push_back(*operand.wildcard_term);  // absent, as it has no expansion: matches nothing
        }
        slots.push_back(std::move(expanded));
      } else if (operand.positional.size() == 1) {
        for (const auto& term : operand.positional.front()) slots.push_back({term});
        if (operand.positional.front().size() > 1) phrases.push_back(operand.query);
      } else if (!operand.positional.empty() &&
                 std::all_of(operand.positional.begin(), operand.positional.end(),
                             [](const auto& run) { return run.size() == 1; })) {
        std::vector<std::string> alternatives;
        for (const auto& run : operand.positional) alternatives.push_back(run.front());
        slots.push_back(std::move(alternatives));
      } else {
        throw error_at(op, operator_name(op) +
                               " joins words, phrases, wildcards and (a OR b) groups of words; this side is "
                               "something else (a filter, '*', an AND group, or an OR of phrases)");
      }
      out.highlights.insert(out.highlights.end(), operand.highlights.begin(), operand.highlights.end());
    }

    auto window = static_cast<Xapian::termcount>(distance + slots.size());
    std::vector<Query> subqueries;
    std::vector<std::string> terms;
    for (const auto& slot : slots) {
      std::vector<Query> alternatives(slot.begin(), slot.end());
      subqueries.push_back(combine(Query::OP_OR, alternatives));
      terms.insert(terms.end(), slot.begin(), slot.end());
    }
    Query::op op = kind == TokenKind::Near ? Query::OP_NEAR : Query::OP_PHRASE;
    out.query = Query(op, subqueries.begin(), subqueries.end(), window);
    if (!phrases.empty()) {
      phrases.insert(phrases.begin(), out.query);
      out.query = combine(Query::OP_AND, phrases);
    }

    Piece piece = make_piece(PieceKind::Near, out.begin, out.end, field);
    piece.words = out.highlights;
    piece.terms = std::move(terms);
    piece.detail = std::string(kind == TokenKind::Near ? "in any order" : "in this order") + ", at most " +
                   std::to_string(distance) + (distance == 1 ? " word" : " words") + " apart (a window of " +
                   std::to_string(window) + " positions)";
    if (matches_nothing) piece.detail += "; a wildcard here matches no word";
    piece.query = out.query;
    pieces_.push_back(std::move(piece));
    return out;
  }

  // The most frequent terms starting with `prefix_term`, at most wildcard_limit of them.
  std::vector<std::string> expand_wildcard(const Token& op, const std::string& prefix_term) {
    if (options_.database == nullptr) {
      throw error_at(op, operator_name(op) + " can take a wildcard only when searching a database");
    }
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    const Xapian::Database& db = *options_.database;
    for (auto it = db.allterms_begin(prefix_term); it != db.allterms_end(prefix_term); ++it) {
      found.emplace_back(it.get_termfreq(), *it);
    }
    if (found.size() > options_.wildcard_limit) {
      std::stable_sort(found.begin(), found.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      found.resize(options_.wildcard_limit);
      notices_.push_back({op.column, wildcard_notice(prefix_term)});
    }
    std::vector<std::string> terms;
    for (auto& entry : found) terms.push_back(std::move(entry.second));
    std::sort(terms.begin(), terms.end());
    return terms;
  }

  std::string wildcard_notice(const std::string& prefix_term) const {
    return "'" + prefix_term + "*' matches more than " + std::to_string(options_.wildcard_limit) +
           " words; only the " + std::to_string(options_.wildcard_limit) +
           " most frequent are searched (a longer prefix narrows it)";
  }

  // unit := field? atom
  Part parse_unit(std::size_t depth, const FieldUse& field) {
    const Token& token = peek();
    if (token.kind != TokenKind::Field) return parse_atom(depth, field);
    take();
    auto named = find_query_field(token.text);
    if (!named) {
      throw error_at(token, "unknown field '" + token.text + "' (known fields: " + known_field_names() + ")");
    }
    Part part = parse_atom(depth, FieldUse{named, &token});
    part.begin = token.offset;
    return part;
  }

  // atom := word | "phrase" | value | * | ( or_expr )
  Part parse_atom(std::size_t depth, const FieldUse& field) {
    const Token& token = take();
    Part part;
    switch (token.kind) {
      case TokenKind::Word:
      case TokenKind::Value: part = word(token, field); break;
      case TokenKind::Phrase: part = phrase(token, field); break;
      case TokenKind::Star:
        if (field.field) {
          std::size_t from = field.written != nullptr ? field.written->column : token.column;
          throw SyntaxError(token.column, "'*' (every document) cannot be limited to a field", from,
                            token.column + token.width - from);
        }
        part.query = Query::MatchAll;
        part.match_all = true;
        add_piece(PieceKind::All, token, {}, {}, {}, "every article", part.query);
        break;
      case TokenKind::LParen: return group(token, depth, field);
      default: throw error_at(token, "unexpected " + operator_name(token));
    }
    part.begin = token.offset;
    part.end = token.offset + token.length;
    return part;
  }

  Part group(const Token& open, std::size_t depth, const FieldUse& field) {
    if (depth + 1 > kMaxDepth) {
      throw error_at(open, "too deeply nested (more than " + std::to_string(kMaxDepth) + " parentheses)");
    }
    if (peek().kind == TokenKind::RParen) throw error_at(open, "empty parentheses");
    if (peek().kind == TokenKind::End) throw error_at(open, "unclosed parenthesis");
    // Inside the parentheses the field is in force but no longer written on each atom.
    Part inner = parse_or(depth + 1, FieldUse{field.field, nullptr});
    if (peek().kind != TokenKind::RParen) throw error_at(open, "unclosed parenthesis");
    const Token& close = take();
    inner.begin = open.offset;
    inner.end = close.offset + close.length;
    return inner;
  }

  static std::string_view text_prefix(const FieldUse& field) {
    return field.field ? field.field->prefix : std::string_view();
  }

  static std::string field_name(const FieldUse& field) {
    return field.field ? std::string(field.field->name) : std::string();
  }

  Piece make_piece(PieceKind kind, std::size_t begin, std::size_t end, const FieldUse& field) const {
    Piece piece;
    piece.kind = kind;
    piece.offset = std::min(begin, text_.size());
    piece.length = std::min(end, text_.size()) - piece.offset;
    piece.text = std::string(text_.substr(piece.offset, piece.length));
    piece.column = column_at(piece.offset);
    piece.field = field_name(field);
    piece.negated = negation_depth_ > 0;
    return piece;
  }

  void add_piece(PieceKind kind, const Token& token, const FieldUse& field, std::vector<std::string> words,
                 std::vector<std::string> terms, std::string detail, const Query& query) {
    Piece piece = make_piece(kind, token.offset, token.offset + token.length, field);
    piece.words = std::move(words);
    piece.terms = std::move(terms);
    piece.detail = std::move(detail);
    piece.query = query;
    pieces_.push_back(std::move(piece));
  }

  // The 1-based code point column of the token starting at byte `offset` (tokens are in text order).
  std::size_t column_at(std::size_t offset) const {
    auto it = std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                               [](const Token& token, std::size_t value) { return token.offset < value; });
    return it != tokens_.end() && it->offset == offset ? it->column : 0;
  }

  Part word(const Token& token, const FieldUse& field) {
    if (field.field) {
      switch (field.field->kind) {
        case QueryFieldKind::Boolean:
          return boolean_term(token, field, token.wildcard ? token.text + "*" : token.text);
        case QueryFieldKind::PublicationDate:
        case QueryFieldKind::Mentions: return date_filter(token, field, token.text);
        case QueryFieldKind::FreeText: break;
      }
    }
    std::string_view prefix = text_prefix(field);
    std::vector<analysis::Token> tokens = analyzer_.tokenize(token.text);
    if (tokens.empty()) return Part{};

    if (token.wildcard) {
      // Xapian phrases take only terms, so `post-wor*` is the phrase of the leading parts AND the wildcard.
      std::string prefix_term = schema::make_term(prefix, wildcard_start(tokens.back()));
      Query wildcard(Query::OP_WILDCARD, prefix_term, options_.wildcard_limit,
                     Query::WILDCARD_LIMIT_MOST_FREQUENT);
      check_wildcard_breadth(token, prefix_term);
      std::vector<std::string> words;
      for (const auto& t : tokens) words.push_back(t.term);
      tokens.pop_back();
      Part part;
      std::string detail = "stems starting with '" + prefix_term.substr(prefix.size()) + "' (the " +
                           std::to_string(options_.wildcard_limit) + " most frequent at most)";
      if (tokens.empty()) {
        part.query = wildcard;
        part.wildcard_term = prefix_term;
      } else {
        part = exact(tokens, prefix);
        part.query = Query(Query::OP_AND, part.query, wildcard);
        detail += ", after the phrase '" + join(part.highlights) + "'";
      }
      std::vector<std::string> terms =
          part.positional.empty() ? std::vector<std::string>{} : part.positional.front();
      terms.push_back(prefix_term + "*");
      part.positional.clear();
      add_piece(PieceKind::Wildcard, token, field, std::move(words), std::move(terms), std::move(detail),
                part.query);
      return part;
    }
    if (tokens.size() > 1) {
      Part part = exact(tokens, prefix);
      add_piece(PieceKind::Phrase, token, field, part.highlights, part.positional.front(),
                "adjacent words (the analyzer splits this word)", part.query);
      return part;
    }

    const analysis::Token& only = tokens.front();
    Part part;
    const std::string form = analyzer_.index_form(only, options_.language);
    std::string term = schema::make_term(prefix, form);
    part.query = Query(term);
    part.highlights.push_back(only.term);
    part.positional.push_back({term});
    add_piece(PieceKind::Word, token, field, {only.term}, {term},
              only.stemmable ? "stem '" + form + "' (" + options_.language + ")" : "exact word (not stemmed)",
              part.query);
    return part;
  }

  // What a trailing wildcard's word must start: the longest start the word shares with its stem, as the
  // index holds stems ("company*" searches the stems starting "compan", "compani" among them).
  std::string wildcard_start(const analysis::Token& token) {
    if (!token.stemmable) return token.term;
    const std::string stem = analyzer_.stem(token.term, options_.language);
    std::size_t shared = 0;
    while (shared < stem.size() && shared < token.term.size() && stem[shared] == token.term[shared]) ++shared;
    // Keep whole UTF-8 characters.
    while (shared > 0 && shared < token.term.size() &&
           (static_cast<unsigned char>(token.term[shared]) & 0xC0) == 0x80) {
      --shared;
    }
    return shared == 0 ? token.term : token.term.substr(0, shared);
  }

  // With a database, says when a wildcard will be cut to the most frequent wildcard_limit words.
  void check_wildcard_breadth(const Token& token, const std::string& prefix_term) {
    if (options_.database == nullptr) return;
    const Xapian::Database& db = *options_.database;
    std::size_t count = 0;
    for (auto it = db.allterms_begin(prefix_term); it != db.allterms_end(prefix_term); ++it) {
      if (++count > options_.wildcard_limit) {
        notices_.push_back({token.column, wildcard_notice(prefix_term)});
        return;
      }
    }
  }

  Part phrase(const Token& token, const FieldUse& field) {
    if (field.field) {
      switch (field.field->kind) {
        case QueryFieldKind::Boolean: return boolean_term(token, field, token.text);
        case QueryFieldKind::PublicationDate:
        case QueryFieldKind::Mentions: return date_filter(token, field, token.text);
        case QueryFieldKind::FreeText: break;
      }
    }
    std::vector<analysis::Token> tokens = analyzer_.tokenize(token.text);
    if (tokens.empty()) return Part{};
    Part part = exact(tokens, text_prefix(field));
    add_piece(
        PieceKind::Phrase, token, field, part.highlights, part.positional.front(),
        part.highlights.size() == 1 ? "one word (its stem)" : "adjacent words in this order (their stems)",
        part.query);
    return part;
  }

  // The terms of `tokens` as one term or a phrase (of their index forms, as every positional term is).
  Part exact(const std::vector<analysis::Token>& tokens, std::string_view prefix) {
    Part part;
    std::vector<Query> terms;
    std::vector<std::string> names;
    for (const auto& token : tokens) {
      names.push_back(schema::make_term(prefix, analyzer_.index_form(token, options_.language)));
      terms.emplace_back(names.back());
      part.highlights.push_back(token.term);
    }
    if (terms.size() == 1) {
      part.query = terms.front();
    } else {
      // The span of the positions: the number of words, unless the analyzer skipped one (an over-long word).
      auto window = static_cast<Xapian::termcount>(terms.size());
      if (tokens.back().position >= tokens.front().position) {
        window = std::max(
            window, static_cast<Xapian::termcount>(tokens.back().position - tokens.front().position + 1));
      }
      part.query = Query(Query::OP_PHRASE, terms.begin(), terms.end(), window);
    }
    part.positional.push_back(std::move(names));
    return part;
  }

  // The code points an error about a value lies in: with its `name:` when written on it.
  static SyntaxError value_error(const Token& token, const FieldUse& field, const std::string& message) {
    std::size_t from = field.written != nullptr ? field.written->column : token.column;
    return SyntaxError(token.column, message, from, token.column + token.width - from);
  }

  // Boolean terms filter without weight; their values are made exactly as the document builder makes them.
  // Values of folded fields (tags, entities) may end in '*': every value starting so. entity: has no terms of
  // its own: its key is looked up under each entity kind's prefix (schema::kEntityPrefixes), OR-ed.
  Part boolean_term(const Token& token, const FieldUse& field, const std::string& value) {
    if (value.empty()) return Part{};
    const QueryField& f = *field.field;
    std::vector<std::string> terms;
    std::string key;
    bool wildcard = false;
    schema::ArticlePart part_kind = f.part.value_or(schema::ArticlePart::Tag);
    switch (part_kind) {
      case schema::ArticlePart::Id: terms.push_back(store::id_term(value)); break;
      case schema::ArticlePart::Lang:
        terms.push_back(schema::make_term(f.prefix, util::ascii_lower(value)));
        break;
      default: {
        std::string_view written = value;
        wildcard = written.size() > 1 && written.back() == '*';
        if (wildcard) written.remove_suffix(1);
        key = analysis::fold_key(written);
        if (key.empty()) return Part{};
        if (part_kind == schema::ArticlePart::Entities && f.prefix.empty()) {
          for (std::string_view prefix : schema::kEntityPrefixes)
            terms.push_back(schema::make_term(prefix, key));
        } else {
          terms.push_back(schema::make_term(f.prefix, key));
        }
        break;
      }
    }
    std::vector<Query> queries;
    std::vector<std::string> shown;
    for (const std::string& term : terms) {
      queries.push_back(wildcard ? Query(Query::OP_WILDCARD, term, options_.wildcard_limit,
                                         Query::WILDCARD_LIMIT_MOST_FREQUENT)
                                 : Query(term));
      shown.push_back(wildcard ? term + "*" : term);
      if (wildcard) check_wildcard_breadth(token, term);
    }
    Part part;
    part.query = weightless(queries.size() == 1 ? queries.front()
                                                : Query(Query::OP_OR, queries.begin(), queries.end()));
    part.filter = f.name;
    add_piece(PieceKind::Filter, token, field, {}, std::move(shown),
              wildcard ? "values starting with '" + key + "'" : "exact value (filter)", part.query);
    return part;
  }

  static std::string describe_publication(const DayRange& range, const DateQuery& date) {
    std::string detail = "published " + format_range(range) + " (the article's own calendar date)";
    if (!date.slot_condition.empty()) detail += "; far from the bounds: " + date.slot_condition + " (UTC)";
    return detail;
  }

  Part date_filter(const Token& token, const FieldUse& field, const std::string& value) {
    const QueryField& f = *field.field;
    DayRange range;
    DateQuery date;
    try {
      range = parse_date_expression(value, today_);
      date = f.kind == QueryFieldKind::PublicationDate
                 ? publication_date_query(range)
                 : mentions_query(range, options_.database, options_.mention_term_limit);
    } catch (const DateError& error) {
      throw value_error(token, field, std::string(f.name) + ": " + error.what());
    }
    Part part;
    part.query = date.query;
    part.filter = f.name;
    bool publication = f.kind == QueryFieldKind::PublicationDate;
    add_piece(publication ? PieceKind::Date : PieceKind::Mentions, token, field, {}, date.terms,
              publication ? describe_publication(range, date) : "mentions a date in " + format_range(range),
              part.query);
    return part;
  }

  // Required clauses AND-ed, optional ones OR-ed (AND_MAYBE when both), excluded ones AND_NOT-ed.
  // Juxtaposed filters restrict that whatever the default operator; filters on the same single-valued
  // field are alternatives (a document has one language, one id, one date), so they are OR-ed together.
  Part combine_clauses(std::vector<Clause> clauses) {
    if (clauses.size() == 1 && clauses.front().occur != Occur::MustNot)
      return std::move(clauses.front().part);
    Part out;
    if (!clauses.empty()) {
      out.begin = clauses.front().part.begin;
      out.end = clauses.back().part.end;
    }
    std::vector<const Part*> musts;
    std::vector<Query> shoulds;
    std::vector<Query> nots;
    std::vector<std::pair<std::string_view, std::vector<Query>>> filters;
    std::size_t non_empty = 0;
    bool only_filters = true;
    for (auto& clause : clauses) {
      Part& part = clause.part;
      if (part.query.empty()) continue;
      ++non_empty;
      if (clause.occur == Occur::MustNot) {
        nots.push_back(part.query);
        only_filters = false;
        continue;
      }
      out.highlights.insert(out.highlights.end(), part.highlights.begin(), part.highlights.end());
      if (part.filter && !clause.explicit_and) {
        // Only single-valued fields make alternatives; an article names many people, so
        // person:abe person:putin wants both.
        auto field = find_query_field(*part.filter);
        bool single_valued = field && is_single_valued(*field);
        auto group = !single_valued ? filters.end()
                                    : std::find_if(filters.begin(), filters.end(), [&](const auto& entry) {
                                        return entry.first == *part.filter;
                                      });
        if (group == filters.end()) {
          filters.emplace_back(*part.filter, std::vector<Query>{part.query});
        } else {
          group->second.push_back(part.query);
        }
        continue;
      }
      only_filters = false;
      if (clause.occur == Occur::Must) {
        musts.push_back(&part);
      } else {
        shoulds.push_back(part.query);
      }
    }
    if (non_empty == 0) return out;

    std::vector<Query> required;
    bool narrower_required =
        !filters.empty() ||
        std::any_of(musts.begin(), musts.end(), [](const Part* part) { return !part->match_all; });
    bool kept_all = false;
    for (const Part* part : musts) {
      if (part->match_all && (narrower_required || kept_all)) continue;  // `* putin` is `putin`
      kept_all = kept_all || part->match_all;
      required.push_back(part->query);
    }
    if (!shoulds.empty()) {
      Query optional = combine(Query::OP_OR, shoulds);
      if (required.empty()) {
        required.push_back(optional);
      } else {
        Query ranked(Query::OP_AND_MAYBE, combine(Query::OP_AND, required), optional);
        required.assign(1, ranked);
      }
    }
    for (const auto& group : filters) required.push_back(combine(Query::OP_OR, group.second));
    if (!required.empty()) out.query = combine(Query::OP_AND, required);
    if (!nots.empty()) {
      out.query = Query(Query::OP_AND_NOT, out.query.empty() ? Query::MatchAll : out.query,
                        combine(Query::OP_OR, nots));
    }
    if (non_empty == 1 && nots.empty()) {
      for (const auto& clause : clauses) {
        if (!clause.part.query.empty()) {
          out.match_all = clause.part.match_all;
          out.positional = clause.part.positional;
          out.wildcard_term = clause.part.wildcard_term;
        }
      }
    }
    if (only_filters && filters.size() == 1) out.filter = filters.front().first;
    return out;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  analysis::Analyzer& analyzer_;
  const ParseOptions& options_;
  Day today_;
  std::vector<Piece> pieces_;
  std::vector<Notice> notices_;
  std::size_t negation_depth_ = 0;
};

}  // namespace

ParsedQuery parse_query(std::string_view text, analysis::Analyzer& analyzer, const ParseOptions& options) {
  // Repaired first, so every word handed to the analyzer and every id value is valid UTF-8.
  analysis::RepairedText repaired = analysis::repair_utf8(text);
  return Parser(repaired.text, lex(repaired.text), analyzer, options).parse();
}

std::string date_option_error(std::string_view value) {
  try {
    parse_date_expression(value, local_today());
    return {};
  } catch (const DateError& error) {
    return error.what();
  }
}

}  // namespace newsdig::query
