#pragma once
// The fields a query may name: every field of schema::kFields, plus the query-only fields `date:` (the
// publication date, resolved by searcher/query/dates) and `body:` while the schema has no body field of
// its own (the body is indexed only in the unprefixed all-text terms, so `body:` searches those).
#include <optional>
#include <string>
#include <string_view>

#include "common/schema.hpp"

namespace newsdig::query {

enum class QueryFieldKind {
  FreeText,         // analysed words: the field's prefix (empty = all text) and its stems
  Boolean,          // exact values, filtering without weight
  PublicationDate,  // date: the D/M/Y terms and the PubDate slot
  Mentions,         // mentions: dates the article talks about (XMENT terms)
};

struct QueryField {
  std::string_view name;
  QueryFieldKind kind = QueryFieldKind::FreeText;
  std::string_view prefix;                  // term prefix; empty for all text and for date:
  std::optional<schema::ArticlePart> part;  // nullopt for date: and for a body: without its own terms
};

// The field called `name` (case-sensitive, as typed before the colon), if any.
std::optional<QueryField> find_query_field(std::string_view name);

// "title, source, ..., body, date": the names find_query_field knows, for error messages.
std::string known_field_names();

// True for fields an article has at most one value of (lang:, id:, date:): juxtaposed filters on such a
// field are alternatives rather than all required.
bool is_single_valued(const QueryField& field);

}  // namespace newsdig::query
