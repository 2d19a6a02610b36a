#include "common/store/record.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace newsdig::store {
namespace {

using Member = std::string Article::*;

struct RecordKey {
  const char* key;
  Member member;
};

constexpr RecordKey kKeys[] = {
    {"id", &Article::id},         {"title", &Article::title},       {"body", &Article::body},
    {"source", &Article::source}, {"dateline", &Article::dateline}, {"date", &Article::date},
    {"url", &Article::url},       {"lang", &Article::lang},         {"byline", &Article::byline},
    {"origin", &Article::origin},
};

}  // namespace

std::string encode_record(const Article& article) {
  nlohmann::json record = nlohmann::json::object();
  record["v"] = kRecordVersion;
  for (const auto& [key, member] : kKeys) {
    if (!(article.*member).empty()) record[key] = article.*member;
  }
  if (!article.extra.empty()) {
    auto& extra = record["extra"] = nlohmann::json::object();
    for (const auto& [key, value] : article.extra) extra[key] = value;
  }
  // Strings are valid UTF-8 by the Article contract; replace rather than throw if one slips through.
  return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Article decode_record(std::string_view data) {
  auto record = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!record.is_object()) throw std::runtime_error("stored record is not a JSON object");
  auto version = record.find("v");
  if (version == record.end() || !version->is_number_integer() || version->get<int>() != kRecordVersion) {
    throw std::runtime_error("stored record has an unknown version (reindex with this newsdig)");
  }
  Article article;
  for (const auto& [key, member] : kKeys) {
    auto found = record.find(key);
    if (found != record.end() && found->is_string()) article.*member = found->get<std::string>();
  }
  if (auto extra = record.find("extra"); extra != record.end() && extra->is_object()) {
    for (const auto& [key, value] : extra->items()) {
      article.extra.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
    }
  }
  return article;
}

}  // namespace newsdig::store
