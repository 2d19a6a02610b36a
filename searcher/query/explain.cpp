#include "searcher/query/explain.hpp"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "common/util/display_width.hpp"

namespace newsdig::query {
namespace {

using Json = nlohmann::ordered_json;

// Longer term lists (a long date range, an expanded wildcard) are cut in the text form.
constexpr std::size_t kShownTerms = 12;

std::string_view kind_name(PieceKind kind) {
  switch (kind) {
    case PieceKind::Word: return "word";
    case PieceKind::Phrase: return "phrase";
    case PieceKind::Wildcard: return "wildcard";
    case PieceKind::Filter: return "filter";
    case PieceKind::Date: return "date";
    case PieceKind::Mentions: return "mentions";
    case PieceKind::Near: return "near";
    case PieceKind::All: return "all";
  }
  return "piece";
}

std::optional<Xapian::doccount> matches(const Xapian::Database* database, const Piece& piece) {
  if (database == nullptr) return std::nullopt;
  Xapian::Enquire enquire(*database);
  enquire.set_query(piece.query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, database->get_doccount()).get_matches_estimated();
}

std::string operator_text(DefaultOp op) {
  return op == DefaultOp::And ? "AND (every word is required)"
                              : "OR (--any: articles with any word, more words rank higher)";
}

std::string written(const Piece& piece) {
  return piece.field.empty() || piece.column == 0 ? piece.text : piece.field + ":" + piece.text;
}

}  // namespace

std::string explain_text(const ParsedQuery& parsed, const Xapian::Database* database) {
  std::string out;
  out += "query:    " + parsed.text + "\n";
  out += "operator: " + operator_text(parsed.default_op) + "\n";
  out += "language: " + parsed.language + " (stems of query words)\n";
  out += "parts:\n";
  for (const auto& piece : parsed.pieces) {
    std::string head = piece.column == 0 ? "option" : "col " + std::to_string(piece.column);
    head.resize(std::max<std::size_t>(head.size() + 1, 8), ' ');
    std::string kind(kind_name(piece.kind));
    if (piece.negated) kind += ", excluded";
    out += "  " + head + kind + "  " + written(piece) + "\n";
    out += "          " + piece.detail + "\n";
    if (!piece.terms.empty()) {
      out += "          terms:";
      for (std::size_t i = 0; i < piece.terms.size() && i < kShownTerms; ++i) out += " " + piece.terms[i];
      if (piece.terms.size() > kShownTerms) {
        out += " … and " + std::to_string(piece.terms.size() - kShownTerms) + " more";
      }
      out += "\n";
    }
    if (auto count = matches(database, piece)) {
      out += "          matches " + std::to_string(*count) + (*count == 1 ? " article" : " articles") +
             " alone\n";
    }
  }
  for (const auto& notice : parsed.notices) {
    out += "notice:   col " + std::to_string(notice.column) + ": " + notice.message + "\n";
  }
  out += "xapian:   " + parsed.query.get_description() + "\n";
  return out;
}

std::string explain_json(const ParsedQuery& parsed, const Xapian::Database* database) {
  Json object;
  object["type"] = "explain";
  object["query"] = parsed.text;
  object["default_operator"] = parsed.default_op == DefaultOp::And ? "and" : "or";
  object["language"] = parsed.language;
  Json parts = Json::array();
  for (const auto& piece : parsed.pieces) {
    Json part;
    part["kind"] = kind_name(piece.kind);
    part["text"] = piece.text;
    part["field"] = piece.field.empty() ? Json(nullptr) : Json(piece.field);
    part["column"] = piece.column == 0 ? Json(nullptr) : Json(piece.column);
    part["negated"] = piece.negated;
    part["words"] = piece.words;
    part["terms"] = piece.terms;
    part["detail"] = piece.detail;
    part["xapian"] = piece.query.get_description();
    if (auto count = matches(database, piece)) part["matches"] = *count;
    parts.push_back(std::move(part));
  }
  object["parts"] = std::move(parts);
  Json notices = Json::array();
  for (const auto& notice : parsed.notices)
    notices.push_back(Json{{"column", notice.column}, {"message", notice.message}});
  object["notices"] = std::move(notices);
  object["xapian"] = parsed.query.get_description();
  return object.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string pointed_query(std::string_view text, std::size_t column) {
  std::string line, caret;
  std::size_t index = 0;
  for (std::size_t offset = 0; offset < text.size(); ++index) {
    const std::size_t start = offset;
    const char32_t c = util::next_code_point(text, offset);
    const bool control = c < 0x20 || c == 0x7F;
    if (control)
      line.push_back(' ');
    else
      line.append(text.substr(start, offset - start));
    if (index + 1 < column) caret.append(control ? 1 : std::max(1U, util::display_width(c)), ' ');
  }
  return "  " + line + "\n  " + caret + "^";
}

}  // namespace newsdig::query
