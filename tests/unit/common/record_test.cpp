#include <cstdint>
#include <stdexcept>
#include <string>

#include <boost/test/unit_test.hpp>

#include "common/store/record.hpp"

using newsdig::Article;
namespace store = newsdig::store;

BOOST_AUTO_TEST_SUITE(record)

BOOST_AUTO_TEST_CASE(round_trips_every_member_and_extra_fields) {
  Article article;
  article.id = "wire/2014/abe-putin";
  article.title = "Japan, Russia leaders to meet on APEC sidelines";
  article.body = "Abe’s proposal.\n\nSecond paragraph — with “quotes”.";
  article.source = "Kyodo, JIJI";
  article.dateline = "TOKYO";
  article.date = "2014-09-22T10:00:00+09:00";
  article.url = "https://example.org/a";
  article.lang = "en";
  article.byline = "A. Reporter";
  article.origin = "feed.jsonl:3";
  article.extra = {{"section", "world"}, {"tags", "[\"a\",\"b\"]"}};

  Article back = store::decode_record(store::encode_record(article));
  BOOST_TEST(back.id == article.id);
  BOOST_TEST(back.title == article.title);
  BOOST_TEST(back.body == article.body);
  BOOST_TEST(back.source == article.source);
  BOOST_TEST(back.dateline == article.dateline);
  BOOST_TEST(back.date == article.date);
  BOOST_TEST(back.url == article.url);
  BOOST_TEST(back.lang == article.lang);
  BOOST_TEST(back.byline == article.byline);
  BOOST_TEST(back.origin == article.origin);
  BOOST_REQUIRE(back.extra.size() == 2U);
  BOOST_TEST(back.extra[0].first == "section");
  BOOST_TEST(back.extra[0].second == "world");
}

BOOST_AUTO_TEST_CASE(leaves_out_empty_members) {
  Article article;
  article.id = "x";
  article.title = "Only a title";
  std::string encoded = store::encode_record(article);
  BOOST_TEST(encoded.find("\"body\"") == std::string::npos);
  BOOST_TEST(encoded.find("\"v\":2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(round_trips_entities_and_date_mentions_with_the_mention_text_read_from_the_field) {
  Article article;
  article.id = "seed";
  article.title = "Abe proposes meeting Putin at APEC in November";
  article.body = "TOKYO — Prime Minister Shinzo Abe said on Sept. 21, 2014 that he would meet Putin.";
  article.entities = {
      {newsdig::EntityType::Person, "Shinzo Abe", "shinzo abe", 2},
      {newsdig::EntityType::Org, "Asia-Pacific Economic Cooperation", "apec", 0},  // a search alias
      {newsdig::EntityType::Place, "Tokyo", "tokyo", 1},
  };
  const auto body_date = article.body.find("Sept. 21, 2014");
  article.mentions = {
      {"2014-11", "November", "title", 38, 46},
      {"2014-09-21", "Sept. 21, 2014", "body", static_cast<std::uint32_t>(body_date),
       static_cast<std::uint32_t>(body_date + 14)},
  };

  const std::string encoded = store::encode_record(article);
  Article back = store::decode_record(encoded);
  BOOST_REQUIRE(back.entities.size() == 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST((back.entities[i].type == article.entities[i].type));
    BOOST_TEST(back.entities[i].name == article.entities[i].name);
    BOOST_TEST(back.entities[i].key == article.entities[i].key);
    BOOST_TEST(back.entities[i].count == article.entities[i].count);
  }
  BOOST_REQUIRE(back.mentions.size() == 2U);
  BOOST_TEST(back.mentions[0].text == "November");
  BOOST_TEST(back.mentions[0].field == "title");
  BOOST_TEST(back.mentions[1].text == "Sept. 21, 2014");
  BOOST_TEST(back.mentions[1].value == "2014-09-21");
  BOOST_TEST(back.mentions[1].start == body_date);
  // Stored once: the mention's text is not repeated in the record.
  BOOST_TEST(encoded.find("Sept. 21, 2014") == encoded.rfind("Sept. 21, 2014"));
}

BOOST_AUTO_TEST_CASE(rejects_data_that_is_not_a_record) {
  BOOST_CHECK_THROW(store::decode_record("not json"), std::runtime_error);
  BOOST_CHECK_THROW(store::decode_record("[1,2]"), std::runtime_error);
  BOOST_CHECK_THROW(store::decode_record(R"({"v":99,"id":"x"})"), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
