#include "common/schema.hpp"

namespace newsdig::schema {

std::string make_term(std::string_view prefix, std::string_view value) {
  std::string term;
  term.reserve(prefix.size() + value.size() + 1);
  term.append(prefix);
  if (prefix.size() > 1 && !value.empty() && value.front() >= 'A' && value.front() <= 'Z') {
    term.push_back(':');
  }
  term.append(value);
  return term;
}

std::string stem_prefix(std::string_view field_prefix) {
  std::string result(prefix::kStem);
  result.append(field_prefix);
  return result;
}

}  // namespace newsdig::schema
