#include "searcher/results/query_terms.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "common/schema.hpp"

namespace newsdig::results {
namespace {

using Xapian::Query;

struct Classified {
  TextArea area;
  std::string value;  // the index form: a stem, or a word that has none
};

bool is_upper_ascii(char c) {
  return c >= 'A' && c <= 'Z';
}

std::optional<TextArea> area_of_field(std::string_view field_name) {
  if (field_name == "title") return TextArea::Title;
  if (field_name == "source") return TextArea::Source;
  if (field_name == "byline") return TextArea::Byline;
  if (field_name == "dateline") return TextArea::Dateline;
  return std::nullopt;
}

// A term of a free-text field (or of the all-text words), split into area, value and whether it is a
// stem; nothing for boolean and unknown terms.
std::optional<Classified> classify(std::string_view term) {
  if (term.empty()) return std::nullopt;
  if (!is_upper_ascii(term.front())) return Classified{TextArea::AllText, std::string(term)};
  const schema::Field* best = nullptr;
  for (const auto& field : schema::kFields) {
    if (field.kind != schema::FieldKind::FreeText || field.prefix.empty()) continue;
    if (term.substr(0, field.prefix.size()) != field.prefix) continue;
    if (best == nullptr || field.prefix.size() > best->prefix.size()) best = &field;
  }
  if (best == nullptr) return std::nullopt;
  auto area = area_of_field(best->name);
  if (!area) return std::nullopt;
  std::string_view value = term.substr(best->prefix.size());
  if (best->prefix.size() > 1 && !value.empty() && value.front() == ':') value.remove_prefix(1);
  if (value.empty() || is_upper_ascii(value.front())) return std::nullopt;
  return Classified{*area, std::string(value)};
}

std::string leaf_term(const Query& query) {
  auto it = query.get_terms_begin();
  return it == query.get_terms_end() ? std::string() : *it;
}

// Xapian 1.4 has no accessor for a wildcard's pattern or a phrase's window; both are in the description:
// "Query(WILDCARD SYNONYM pattern)", "Query((a PHRASE 2 b))".
std::string wildcard_pattern(const Query& query) {
  std::string description = query.get_description();
  auto at = description.find("WILDCARD ");
  if (at == std::string::npos) return {};
  auto combiner_end = description.find(' ', at + 9);
  if (combiner_end == std::string::npos) return {};
  std::string pattern = description.substr(combiner_end + 1);
  while (!pattern.empty() && pattern.back() == ')') pattern.pop_back();
  return pattern;
}

std::optional<unsigned> phrase_window(const Query& query) {
  std::string description = query.get_description();
  auto at = description.find(" PHRASE ");
  if (at == std::string::npos) return std::nullopt;
  unsigned window = 0;
  for (std::size_t i = at + 8; i < description.size() && description[i] >= '0' && description[i] <= '9';
       ++i) {
    window = window * 10 + static_cast<unsigned>(description[i] - '0');
  }
  return window;
}

class Collector {
 public:
  void walk(const Query& query) {
    switch (query.get_type()) {
      case Query::LEAF_TERM: add_word(leaf_term(query)); return;
      case Query::OP_AND_NOT:
        if (query.get_num_subqueries() > 0) walk(query.get_subquery(0));
        return;
      case Query::OP_PHRASE: add_phrase(query); return;
      case Query::OP_WILDCARD: add_wildcard(wildcard_pattern(query)); return;
      case Query::LEAF_POSTING_SOURCE:
      case Query::LEAF_MATCH_ALL:
      case Query::LEAF_MATCH_NOTHING:
      case Query::OP_VALUE_RANGE:
      case Query::OP_VALUE_GE:
      case Query::OP_VALUE_LE: return;
      default: break;
    }
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) walk(query.get_subquery(i));
  }

  QueryTerms result() { return std::move(terms_); }

 private:
  void add_word(const std::string& term) {
    auto classified = classify(term);
    if (!classified) return;
    QueryWord word{classified->area, std::move(classified->value), term};
    auto same = [&](const QueryWord& other) { return other.area == word.area && other.term == word.term; };
    if (std::none_of(terms_.words.begin(), terms_.words.end(), same)) terms_.words.push_back(std::move(word));
  }

  void add_wildcard(const std::string& pattern) {
    auto classified = classify(pattern);
    if (!classified) return;
    terms_.wildcards.push_back({classified->area, std::move(classified->value)});
  }

  void add_phrase(const Query& query) {
    QueryPhrase phrase;
    std::vector<std::string> raw;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
      Query sub = query.get_subquery(i);
      if (sub.get_type() != Query::LEAF_TERM) {
        walk(sub);
        continue;
      }
      raw.push_back(leaf_term(sub));
    }
    auto window = phrase_window(query);
    bool exact = !window || *window <= raw.size();
    for (const auto& term : raw) {
      auto classified = classify(term);
      if (!classified || (!phrase.terms.empty() && classified->area != phrase.area)) {
        exact = false;
        break;
      }
      phrase.area = classified->area;
      phrase.terms.push_back(std::move(classified->value));
      phrase.index_terms.push_back(term);
    }
    if (exact && phrase.terms.size() >= 2 && phrase.terms.size() == raw.size()) {
      terms_.phrases.push_back(std::move(phrase));
      return;
    }
    // A sloppy phrase (words within a window) marks its words one by one.
    for (const auto& term : raw) add_word(term);
  }

  QueryTerms terms_;
};

}  // namespace

QueryTerms query_terms(const Query& query) {
  Collector collector;
  collector.walk(query);
  return collector.result();
}

}  // namespace newsdig::results
