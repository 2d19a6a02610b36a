#include "searcher/query/fields.hpp"

namespace newsdig::query {
namespace {

QueryFieldKind kind_of(const schema::Field& field) {
  if (field.part == schema::ArticlePart::Mentions) return QueryFieldKind::Mentions;
  return field.kind == schema::FieldKind::Boolean ? QueryFieldKind::Boolean : QueryFieldKind::FreeText;
}

// Query-only fields: names the schema does not have. A schema field of the same name wins, so a body
// prefix added to schema::kFields takes over `body:` without a change here.
constexpr std::string_view kBody = "body";
constexpr std::string_view kDate = "date";

}  // namespace

std::optional<QueryField> find_query_field(std::string_view name) {
  if (auto field = schema::find_field(name))
    return QueryField{field->name, kind_of(*field), field->prefix, field->part};
  if (name == kBody) return QueryField{kBody, QueryFieldKind::FreeText, {}, std::nullopt};
  if (name == kDate) return QueryField{kDate, QueryFieldKind::PublicationDate, {}, std::nullopt};
  return std::nullopt;
}

std::string known_field_names() {
  std::string names;
  for (const auto& field : schema::kFields) {
    if (!names.empty()) names += ", ";
    names += field.name;
  }
  for (std::string_view extra : {kBody, kDate}) {
    if (schema::find_field(extra)) continue;
    names += ", ";
    names += extra;
  }
  return names;
}

bool is_single_valued(const QueryField& field) {
  return field.kind == QueryFieldKind::PublicationDate ||
         (field.part && (*field.part == schema::ArticlePart::Lang || *field.part == schema::ArticlePart::Id));
}

}  // namespace newsdig::query
