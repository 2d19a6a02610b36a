#include "common/store/record.hpp"

#include <cstdint>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "common/schema.hpp"

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
  if (!article.tags.empty()) {
    auto& tags = record["tags"] = nlohmann::json::array();
    for (const auto& tag : article.tags) tags.push_back({{"field", tag.field}, {"value", tag.value}});
  }
  if (!article.entities.empty()) {
    auto& entities = record["entities"] = nlohmann::json::array();
    for (const auto& entity : article.entities) {
      entities.push_back({{"type", schema::entity_type_name(entity.type)},
                          {"name", entity.name},
                          {"key", entity.key},
                          {"count", entity.count}});
    }
  }
  if (!article.mentions.empty()) {
    auto& mentions = record["mentions"] = nlohmann::json::array();
    for (const auto& mention : article.mentions) {
      mentions.push_back({{"value", mention.value},
                          {"text", mention.text},
                          {"field", mention.field},
                          {"start", mention.start},
                          {"end", mention.end}});
    }
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
  auto text = [](const nlohmann::json& object, const char* key) {
    auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  auto number = [](const nlohmann::json& object, const char* key) {
    auto found = object.find(key);
    return found != object.end() && found->is_number_unsigned() ? found->get<std::uint32_t>() : 0U;
  };
  if (auto tags = record.find("tags"); tags != record.end() && tags->is_array()) {
    for (const auto& tag : *tags) article.tags.push_back({text(tag, "field"), text(tag, "value")});
  }
  if (auto entities = record.find("entities"); entities != record.end() && entities->is_array()) {
    for (const auto& item : *entities) {
      Entity entity;
      entity.type = schema::entity_type_from_name(text(item, "type")).value_or(EntityType::Misc);
      entity.name = text(item, "name");
      entity.key = text(item, "key");
      entity.count = number(item, "count");
      article.entities.push_back(std::move(entity));
    }
  }
  if (auto mentions = record.find("mentions"); mentions != record.end() && mentions->is_array()) {
    for (const auto& item : *mentions) {
      article.mentions.push_back({text(item, "value"), text(item, "text"), text(item, "field"),
                                  number(item, "start"), number(item, "end")});
    }
  }
  if (auto extra = record.find("extra"); extra != record.end() && extra->is_object()) {
    for (const auto& [key, value] : extra->items()) {
      article.extra.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
    }
  }
  return article;
}

}  // namespace newsdig::store
