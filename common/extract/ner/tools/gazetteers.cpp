#include "common/extract/ner/tools/gazetteers.hpp"

#include <fstream>
#include <memory>
#include <stdexcept>

#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>
#include <nlohmann/json.hpp>

#include "common/extract/ner/tokenizer.hpp"

namespace newsdig::extract::ner::tools {
namespace {

std::uint16_t bit(GazetteerList list) {
  return static_cast<std::uint16_t>(1U << static_cast<unsigned>(list));
}

std::size_t add_name(Gazetteer& gazetteer, std::string_view name, GazetteerList list) {
  auto words = phrase_words(name);
  if (words.empty() || words.size() > Gazetteer::kMaxWords) return 0;
  gazetteer.add(words, bit(list));
  return 1;
}

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot open");
  return nlohmann::json::parse(in);
}

}  // namespace

std::vector<std::string> phrase_words(std::string_view name) {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  tokenize(name, tokens, sentences);
  std::vector<std::string> words;
  for (const Token& token : tokens) words.push_back(lower_case(token.form));
  return words;
}

std::size_t add_iso_codes(Gazetteer& gazetteer, const std::filesystem::path& json_dir) {
  std::size_t added = 0;
  auto countries = read_json(json_dir / "iso_3166-1.json");
  for (const auto& country : countries.at("3166-1")) {
    for (const char* field : {"name", "common_name", "official_name"}) {
      if (country.contains(field))
        added += add_name(gazetteer, country.at(field).get<std::string>(), GazetteerList::Country);
    }
  }
  auto subdivisions = read_json(json_dir / "iso_3166-2.json");
  for (const auto& subdivision : subdivisions.at("3166-2")) {
    added += add_name(gazetteer, subdivision.at("name").get<std::string>(), GazetteerList::Subdivision);
  }
  auto currencies = read_json(json_dir / "iso_4217.json");
  for (const auto& currency : currencies.at("4217")) {
    added += add_name(gazetteer, currency.at("name").get<std::string>(), GazetteerList::Currency);
  }
  auto languages = read_json(json_dir / "iso_639-2.json");
  for (const auto& language : languages.at("639-2")) {
    // "Spanish; Castilian": each alternative is a name.
    std::string names = language.at("name").get<std::string>();
    std::size_t from = 0;
    while (from <= names.size()) {
      std::size_t to = names.find(';', from);
      if (to == std::string::npos) to = names.size();
      added += add_name(gazetteer, names.substr(from, to - from), GazetteerList::Language);
      from = to + 1;
    }
  }
  return added;
}

std::size_t add_icu_places(Gazetteer& gazetteer) {
  std::size_t added = 0;
  UErrorCode status = U_ZERO_ERROR;
  const char* const* regions = icu::Locale::getISOCountries();
  icu::Locale english("en");
  for (; *regions != nullptr; ++regions) {
    icu::UnicodeString name;
    icu::Locale("", *regions).getDisplayCountry(english, name);
    std::string utf8;
    name.toUTF8String(utf8);
    added += add_name(gazetteer, utf8, GazetteerList::Country);
  }
  std::unique_ptr<icu::TimeZoneNames> names(icu::TimeZoneNames::createInstance(english, status));
  std::unique_ptr<icu::StringEnumeration> zones(icu::TimeZone::createTimeZoneIDEnumeration(
      UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU time zone names are missing");
  while (const icu::UnicodeString* zone = zones->snext(status)) {
    if (U_FAILURE(status)) break;
    icu::UnicodeString city;
    names->getExemplarLocationName(*zone, city);
    std::string utf8;
    city.toUTF8String(utf8);
    if (!utf8.empty()) added += add_name(gazetteer, utf8, GazetteerList::Subdivision);
  }
  return added;
}

std::size_t add_reuters_lists(Gazetteer& gazetteer, const std::filesystem::path& dir) {
  std::size_t added = 0;
  auto read_list = [&](const char* file, GazetteerList list) {
    std::ifstream in(dir / file);
    if (!in) throw std::runtime_error((dir / file).string() + ": cannot open");
    std::string line;
    while (std::getline(in, line)) {
      // "el-salvador", "ico-coffee": hyphens join words; a suffix after the name says which body.
      for (char& c : line) {
        if (c == '-') c = ' ';
      }
      added += add_name(gazetteer, line, list);
    }
  };
  read_list("all-people-strings.lc.txt", GazetteerList::ReutersPerson);
  read_list("all-places-strings.lc.txt", GazetteerList::ReutersPlace);
  read_list("all-orgs-strings.lc.txt", GazetteerList::ReutersOrg);
  read_list("all-exchanges-strings.lc.txt", GazetteerList::ReutersOrg);
  return added;
}

std::size_t add_training_entities(Gazetteer& gazetteer, std::span<const LabelledDocument> documents,
                                  const std::function<bool(std::size_t)>& take) {
  std::size_t added = 0;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    if (!take(d)) continue;
    const LabelledDocument& document = documents[d];
    for (const TokenSpan& span : document.gold) {
      std::vector<std::string> words;
      for (auto i = span.first; i < span.last; ++i) words.push_back(lower_case(document.words[i]));
      if (words.size() > Gazetteer::kMaxWords) continue;
      gazetteer.add(words, static_cast<std::uint16_t>(1U << static_cast<unsigned>(span.type)));
      ++added;
    }
  }
  return added;
}

}  // namespace newsdig::extract::ner::tools
