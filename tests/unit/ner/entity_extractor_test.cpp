#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/extract/ner/entity_extractor.hpp"
#include "tests/support/paths.hpp"

using newsdig::Article;
using newsdig::Entity;
using newsdig::EntityType;
using newsdig::extract::EntityExtractor;
using newsdig::extract::EntitySpan;

namespace {

Article article(std::string title, std::string body) {
  Article out;
  out.title = std::move(title);
  out.body = std::move(body);
  return out;
}

// "PER Shinzo Abe|LOC Beijing": each span's type and text.
std::string describe(const std::vector<EntitySpan>& spans) {
  std::string out;
  for (const auto& span : spans) {
    if (!out.empty()) out += "|";
    switch (span.type) {
      case EntityType::Person: out += "PER "; break;
      case EntityType::Org: out += "ORG "; break;
      case EntityType::Place: out += "LOC "; break;
      case EntityType::Misc: out += "MISC "; break;
    }
    out += span.text;
  }
  return out;
}

bool has_key(const std::vector<Entity>& entities, EntityType type, const std::string& key) {
  return std::any_of(entities.begin(), entities.end(),
                     [&](const Entity& entity) { return entity.type == type && entity.key == key; });
}

// A seed article of corpus/seeds: the first paragraph is the title, the rest the body.
Article seed(const std::string& name) {
  std::ifstream in(newsdig::test::corpus_dir() / "seeds" / name);
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  auto cut = all.find("\n\n");
  return article(all.substr(0, cut), cut == std::string::npos ? "" : all.substr(cut + 2));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(entity_extractor)

BOOST_AUTO_TEST_CASE(finds_people_places_and_organisations_with_byte_offsets) {
  EntityExtractor extractor;
  auto input =
      article("Abe proposes meeting Putin",
              "Prime Minister Shinzo Abe met Russian President Vladimir Putin in Beijing on Monday.");
  auto spans = extractor.find(input);
  BOOST_TEST(describe(spans) ==
             "PER Abe|PER Putin|PER Shinzo Abe|MISC Russian|PER Vladimir Putin|LOC Beijing");
  for (const auto& span : spans) {
    const std::string& field = span.field == "title" ? input.title : input.body;
    BOOST_TEST(field.substr(span.start, span.end - span.start) == span.text);
  }
  BOOST_TEST(spans.front().field == "title");
  BOOST_TEST(spans.front().canonical == "Shinzo Abe", "the headline's surname joins the body's full name");
  BOOST_TEST(spans.back().field == "body");
}

BOOST_AUTO_TEST_CASE(counts_entities_and_adds_search_aliases) {
  EntityExtractor extractor;
  auto spans = extractor.find(article("", "Vladimir Putin met Shinzo Abe. Putin said Abe and Putin agreed."));
  auto entities = extractor.entities(spans);
  BOOST_TEST_REQUIRE(entities.size() >= 2U);
  BOOST_TEST(entities[0].name == "Vladimir Putin");
  BOOST_TEST(entities[0].key == "vladimir putin");
  BOOST_TEST(entities[0].count == 3U);
  BOOST_TEST(entities[1].name == "Shinzo Abe");
  BOOST_TEST(entities[1].count == 2U);
  // Aliases: count 0, the name of the entity they find.
  auto alias =
      std::find_if(entities.begin(), entities.end(), [](const Entity& e) { return e.key == "putin"; });
  BOOST_TEST_REQUIRE((alias != entities.end()));
  BOOST_TEST(alias->count == 0U);
  BOOST_TEST(alias->name == "Vladimir Putin");
  BOOST_TEST(has_key(entities, EntityType::Person, "abe"));
}

BOOST_AUTO_TEST_CASE(never_throws_on_empty_or_odd_text) {
  EntityExtractor extractor;
  BOOST_TEST(extractor.find(article("", "")).empty());
  BOOST_CHECK_NO_THROW(extractor.find(article("\xff\xfe", "((( ))) \xE2\x80 ... '' 's")));
  BOOST_TEST(extractor.entities({}).empty());
}

BOOST_AUTO_TEST_CASE(both_seed_articles_have_the_issues_keys) {
  EntityExtractor extractor;
  for (const char* name : {"000_56ec079a7a28b595.txt", "002_e0ec6849fc1fbacb.txt"}) {
    auto entities = extractor.entities(extractor.find(seed(name)));
    auto counted = [&](const std::string& key) {
      return std::any_of(entities.begin(), entities.end(), [&](const Entity& entity) {
        return entity.type == EntityType::Person && entity.key == key && entity.count > 0;
      });
    };
    // The second seed writes "Vladmir Putin": the well-known spelling wins.
    BOOST_TEST(counted("shinzo abe"), name);
    BOOST_TEST(counted("vladimir putin"), name);
    BOOST_TEST(has_key(entities, EntityType::Person, "shinzo abe"), name);
    BOOST_TEST(has_key(entities, EntityType::Person, "putin"), name);
    BOOST_TEST(has_key(entities, EntityType::Org, "apec"), name);
    BOOST_TEST(has_key(entities, EntityType::Place, "beijing"), name);
  }
}

BOOST_AUTO_TEST_SUITE_END()
