#include "common/schema.hpp"

#include "common/util/hash.hpp"
#include "common/util/text.hpp"

namespace newsdig::schema {

namespace {

std::string join_term(std::string_view prefix, std::string_view value) {
  std::string term;
  term.reserve(prefix.size() + value.size() + 1);
  term.append(prefix);
  if (prefix.size() > 1 && !value.empty() && value.front() >= 'A' && value.front() <= 'Z') {
    term.push_back(':');
  }
  term.append(value);
  return term;
}

}  // namespace

std::string make_term(std::string_view prefix, std::string_view value) {
  std::string term = join_term(prefix, value);
  if (term.size() <= kMaxTermBytes) return term;
  // Too long for Xapian: a readable head made unique by a stable hash of the whole value. The query
  // side calls this too, so a long value typed in a query finds the same term.
  std::string head = util::utf8_prefix(value, kMaxTermBytes - 24);
  return join_term(prefix, head + "#" + util::hex64(util::stable_hash64(value)));
}

std::optional<EntityType> entity_type_from_name(std::string_view name) {
  for (auto type : {EntityType::Person, EntityType::Org, EntityType::Place, EntityType::Misc}) {
    if (entity_type_name(type) == name) return type;
  }
  return std::nullopt;
}

std::vector<std::string> mention_values(std::string_view value) {
  auto digits = [&](std::size_t from, std::size_t count) {
    if (value.size() < from + count) return false;
    for (std::size_t i = from; i < from + count; ++i) {
      if (value[i] < '0' || value[i] > '9') return false;
    }
    return true;
  };
  std::vector<std::string> values;
  if (!digits(0, 4)) return values;
  values.emplace_back(value);
  // YYYY-MM-DD -> YYYY-MM; YYYY-MM or YYYY-Www or YYYY-Qn... -> YYYY
  if (value.size() >= 10 && value[4] == '-' && digits(5, 2) && value[7] == '-')
    values.emplace_back(value.substr(0, 7));
  if (value.size() > 4) values.emplace_back(value.substr(0, 4));
  return values;
}

std::optional<std::string_view> all_text_stem(std::string_view term) {
  if (term.empty() || (term.front() >= 'A' && term.front() <= 'Z')) return std::nullopt;
  return term;
}

}  // namespace newsdig::schema
