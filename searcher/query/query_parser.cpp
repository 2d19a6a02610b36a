#include "searcher/query/query_parser.hpp"

#include <algorithm>
#include <optional>
#include <unordered_set>
#include <utility>

#include "common/analysis/fold.hpp"
#include "common/analysis/utf8.hpp"
#include "common/schema.hpp"
#include "common/store/document_builder.hpp"
#include "common/util/text.hpp"
#include "searcher/query/lexer.hpp"

namespace newsdig::query {

SyntaxError::SyntaxError(std::size_t column, const std::string& message)
    : std::runtime_error("col " + std::to_string(column) + ": " + message),
      column_(column),
      detail_(message) {}

namespace {

using Xapian::Query;

// Recursion follows parentheses only, so this bounds the parser's stack on any input.
constexpr std::size_t kMaxDepth = 100;

// What one piece of the query parsed to.
struct Part {
  Query query;  // empty when the piece held no words (punctuation only)
  std::vector<std::string> highlights;
  bool match_all = false;  // the piece was `*`
  // The boolean field this piece only filters by (`lang:en`, `lang:(en OR de)`), if it is nothing else.
  std::optional<std::string_view> filter;
};

enum class Occur { Must, Should, MustNot };
enum class Connector { Juxtaposed, And, Not };

struct Clause {
  Occur occur;
  Part part;
  bool explicit_and = false;  // a side of an explicit AND: never merged into a group of alternative filters
};

Query combine(Query::op op, const std::vector<Query>& queries) {
  if (queries.size() == 1) return queries.front();
  return Query(op, queries.begin(), queries.end());
}

const schema::Field* lookup_field(std::string_view name) {
  for (const auto& field : schema::kFields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

std::string known_fields() {
  std::string names;
  for (const auto& field : schema::kFields) {
    if (!names.empty()) names += ", ";
    names += field.name;
  }
  return names;
}

bool starts_clause(TokenKind kind) {
  switch (kind) {
    case TokenKind::Word:
    case TokenKind::Phrase:
    case TokenKind::Value:
    case TokenKind::Field:
    case TokenKind::Star:
    case TokenKind::LParen:
    case TokenKind::Plus:
    case TokenKind::Minus: return true;
    default: return false;
  }
}

std::vector<std::string> without_duplicates(std::vector<std::string> words) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  for (auto& word : words) {
    if (seen.insert(word).second) out.push_back(std::move(word));
  }
  return out;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, analysis::Analyzer& analyzer, const ParseOptions& options)
      : tokens_(std::move(tokens)), analyzer_(analyzer), options_(options) {}

  ParsedQuery parse() {
    if (peek().kind == TokenKind::End) throw SyntaxError(1, "nothing to search for");
    Part part = parse_or(0, nullptr);
    if (peek().kind == TokenKind::RParen) throw SyntaxError(peek().column, "unexpected ')'");
    if (part.query.empty()) throw SyntaxError(1, "nothing to search for");
    return ParsedQuery{part.query, without_duplicates(std::move(part.highlights)), part.match_all};
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

  void require_term_after(const Token& op) const {
    if (!starts_clause(peek().kind))
      throw SyntaxError(op.column, operator_name(op) + " needs a term after it");
  }

  // or_expr := and_expr (OR and_expr)*
  Part parse_or(std::size_t depth, const schema::Field* field) {
    std::vector<Part> parts;
    parts.push_back(parse_and(depth, field));
    while (peek().kind == TokenKind::Or) {
      const Token& op = take();
      if (peek().kind != TokenKind::Not) require_term_after(op);
      parts.push_back(parse_and(depth, field));
    }
    if (parts.size() == 1) return std::move(parts.front());

    Part out;
    std::vector<Query> alternatives;
    bool same_filter = true;
    for (auto& part : parts) {
      if (part.query.empty()) continue;
      alternatives.push_back(part.query);
      same_filter = same_filter && part.filter && (!out.filter || *out.filter == *part.filter);
      if (same_filter) out.filter = part.filter;
      out.highlights.insert(out.highlights.end(), part.highlights.begin(), part.highlights.end());
    }
    if (!same_filter || alternatives.empty()) out.filter.reset();
    if (!alternatives.empty()) out.query = combine(Query::OP_OR, alternatives);
    return out;
  }

  // and_expr := [NOT] clause ((AND | NOT | AND NOT)? clause)*
  // Every clause is required, optional (OR mode) or excluded; explicit AND makes both its sides required.
  Part parse_and(std::size_t depth, const schema::Field* field) {
    const Token& first = peek();
    if (first.kind == TokenKind::And || first.kind == TokenKind::Or) {
      throw SyntaxError(first.column, operator_name(first) + " needs a term before it");
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

  // clause := (+|-)? unit
  Clause parse_clause(std::size_t depth, const schema::Field* field, Connector connector) {
    TokenKind sign = peek().kind;
    if (sign == TokenKind::Plus || sign == TokenKind::Minus) take();
    Part part = parse_unit(depth, field);
    Occur occur = default_occur();
    if (connector == Connector::Not || sign == TokenKind::Minus) {
      occur = Occur::MustNot;  // `NOT -x` excludes x too: the two say the same thing
    } else if (connector == Connector::And || sign == TokenKind::Plus) {
      occur = Occur::Must;
    }
    return Clause{occur, std::move(part), false};
  }

  // unit := field? atom
  Part parse_unit(std::size_t depth, const schema::Field* field) {
    const Token& token = peek();
    if (token.kind != TokenKind::Field) return parse_atom(depth, field);
    take();
    const schema::Field* named = lookup_field(token.text);
    if (named == nullptr) {
      throw SyntaxError(token.column,
                        "unknown field '" + token.text + "' (known fields: " + known_fields() + ")");
    }
    return parse_atom(depth, named);
  }

  // atom := word | "phrase" | value | * | ( or_expr )
  Part parse_atom(std::size_t depth, const schema::Field* field) {
    const Token& token = take();
    switch (token.kind) {
      case TokenKind::Word: return word(token, field);
      case TokenKind::Phrase: return phrase(token, field);
      case TokenKind::Value: return word(token, field);
      case TokenKind::Star:
        if (field != nullptr) {
          throw SyntaxError(token.column, "'*' (every document) cannot be limited to a field");
        }
        return Part{Query::MatchAll, {}, true, std::nullopt};
      case TokenKind::LParen: return group(token, depth, field);
      default: throw SyntaxError(token.column, "unexpected " + operator_name(token));
    }
  }

  Part group(const Token& open, std::size_t depth, const schema::Field* field) {
    if (depth + 1 > kMaxDepth) {
      throw SyntaxError(open.column,
                        "too deeply nested (more than " + std::to_string(kMaxDepth) + " parentheses)");
    }
    if (peek().kind == TokenKind::RParen) throw SyntaxError(open.column, "empty parentheses");
    if (peek().kind == TokenKind::End) throw SyntaxError(open.column, "unclosed parenthesis");
    Part inner = parse_or(depth + 1, field);
    if (peek().kind != TokenKind::RParen) throw SyntaxError(open.column, "unclosed parenthesis");
    take();
    return inner;
  }

  static bool is_boolean(const schema::Field* field) {
    return field != nullptr && field->kind == schema::FieldKind::Boolean;
  }

  static std::string_view text_prefix(const schema::Field* field) {
    return field != nullptr ? field->prefix : std::string_view();
  }

  Part word(const Token& token, const schema::Field* field) {
    if (is_boolean(field)) return boolean_term(*field, token.wildcard ? token.text + "*" : token.text);
    std::string_view prefix = text_prefix(field);
    std::vector<analysis::Token> tokens = analyzer_.tokenize(token.text);
    if (tokens.empty()) return Part{};

    if (token.wildcard) {
      // Xapian phrases take only terms, so `post-wor*` is the phrase of the leading parts AND the wildcard.
      Query wildcard(Query::OP_WILDCARD, schema::make_term(prefix, tokens.back().term),
                     options_.wildcard_limit, Query::WILDCARD_LIMIT_MOST_FREQUENT);
      tokens.pop_back();
      if (tokens.empty()) return Part{wildcard, {}, false, std::nullopt};
      Part leading = exact(tokens, prefix);
      leading.query = Query(Query::OP_AND, leading.query, wildcard);
      return leading;
    }
    if (tokens.size() > 1) return exact(tokens, prefix);

    const analysis::Token& only = tokens.front();
    std::string stem = only.stemmable ? analyzer_.stem(only.term, options_.language) : std::string();
    Part part;
    part.query = stem.empty() ? Query(schema::make_term(prefix, only.term))
                              : Query(schema::make_term(schema::stem_prefix(prefix), stem));
    part.highlights.push_back(only.term);
    return part;
  }

  Part phrase(const Token& token, const schema::Field* field) {
    if (is_boolean(field)) return boolean_term(*field, token.text);
    std::vector<analysis::Token> tokens = analyzer_.tokenize(token.text);
    if (tokens.empty()) return Part{};
    return exact(tokens, text_prefix(field));
  }

  // The unstemmed terms of `tokens` as one term or a phrase.
  static Part exact(const std::vector<analysis::Token>& tokens, std::string_view prefix) {
    Part part;
    std::vector<Query> terms;
    for (const auto& token : tokens) {
      terms.emplace_back(schema::make_term(prefix, token.term));
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
    return part;
  }

  // Boolean terms filter without weight; their values are made exactly as the document builder makes them.
  static Part boolean_term(const schema::Field& field, const std::string& value) {
    if (value.empty()) return Part{};
    std::string term;
    switch (field.part) {
      case schema::ArticlePart::Id: term = store::id_term(value); break;
      case schema::ArticlePart::Lang: term = schema::make_term(field.prefix, util::ascii_lower(value)); break;
      default: term = schema::make_term(field.prefix, analysis::fold_key(value)); break;
    }
    return Part{Query(Query::OP_SCALE_WEIGHT, Query(term), 0.0), {}, false, field.name};
  }

  // Required clauses AND-ed, optional ones OR-ed (AND_MAYBE when both), excluded ones AND_NOT-ed.
  // Juxtaposed filters restrict that whatever the default operator; filters on the same boolean field are
  // alternatives (a document has one language, one id), so they are OR-ed together.
  Part combine_clauses(std::vector<Clause> clauses) {
    Part out;
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
        // Only single-valued fields (an article has one language, one id) make alternatives; an article
        // names many people, so person:abe person:putin wants both.
        auto field = schema::find_field(*part.filter);
        bool single_valued =
            field && (field->part == schema::ArticlePart::Lang || field->part == schema::ArticlePart::Id);
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
        if (!clause.part.query.empty()) out.match_all = clause.part.match_all;
      }
    }
    if (only_filters && filters.size() == 1) out.filter = filters.front().first;
    return out;
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  analysis::Analyzer& analyzer_;
  const ParseOptions& options_;
};

}  // namespace

ParsedQuery parse_query(std::string_view text, analysis::Analyzer& analyzer, const ParseOptions& options) {
  // Repaired first, so every word handed to the analyzer and every id value is valid UTF-8.
  analysis::RepairedText repaired = analysis::repair_utf8(text);
  return Parser(lex(repaired.text), analyzer, options).parse();
}

}  // namespace newsdig::query
