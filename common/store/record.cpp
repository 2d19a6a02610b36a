#include "common/store/record.hpp"

#include <cstdint>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "common/analysis/fold.hpp"
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

// Entity types in the record: one letter each (the record is stored for every article).
const char* type_letter(EntityType type) {
  switch (type) {
    case EntityType::Person: return "p";
    case EntityType::Org: return "o";
    case EntityType::Place: return "l";
    case EntityType::Misc: return "m";
  }
  return "m";
}

EntityType type_from_letter(std::string_view letter) {
  if (letter == "p") return EntityType::Person;
  if (letter == "o") return EntityType::Org;
  if (letter == "l") return EntityType::Place;
  return EntityType::Misc;
}

std::string string_at(const nlohmann::json& array, std::size_t index) {
  const auto& item = array[index];
  return item.is_string() ? item.get<std::string>() : std::string();
}

std::uint32_t number_at(const nlohmann::json& array, std::size_t index) {
  const auto& item = array[index];
  return item.is_number_unsigned() ? item.get<std::uint32_t>() : 0U;
}

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
      auto item = nlohmann::json::array({type_letter(entity.type), entity.name, entity.count});
      if (entity.key != analysis::fold_key(entity.name)) item.push_back(entity.key);
      entities.push_back(std::move(item));
    }
  }
  if (!article.mentions.empty()) {
    auto& mentions = record["mentions"] = nlohmann::json::array();
    for (const auto& mention : article.mentions) {
      // The text is the field's own bytes between the offsets: not stored twice.
      mentions.push_back({mention.value, mention.field == "title" ? "t" : "b", mention.start, mention.end});
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
  if (auto tags = record.find("tags"); tags != record.end() && tags->is_array()) {
    for (const auto& tag : *tags) article.tags.push_back({text(tag, "field"), text(tag, "value")});
  }
  if (auto entities = record.find("entities"); entities != record.end() && entities->is_array()) {
    for (const auto& item : *entities) {
      if (!item.is_array() || item.size() < 3) continue;
      Entity entity;
      entity.type = type_from_letter(string_at(item, 0));
      entity.name = string_at(item, 1);
      entity.count = number_at(item, 2);
      entity.key = item.size() > 3 ? string_at(item, 3) : analysis::fold_key(entity.name);
      article.entities.push_back(std::move(entity));
    }
  }
  if (auto mentions = record.find("mentions"); mentions != record.end() && mentions->is_array()) {
    for (const auto& item : *mentions) {
      if (!item.is_array() || item.size() < 4) continue;
      DateMention mention;
      mention.value = string_at(item, 0);
      const bool title = string_at(item, 1) == "t";
      mention.field = title ? "title" : "body";
      mention.start = number_at(item, 2);
      mention.end = number_at(item, 3);
      const std::string& field = title ? article.title : article.body;
      if (mention.start <= mention.end && mention.end <= field.size()) {
        mention.text = field.substr(mention.start, mention.end - mention.start);
      }
      article.mentions.push_back(std::move(mention));
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
