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
  BOOST_TEST(encoded.find("\"v\":1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rejects_data_that_is_not_a_record) {
  BOOST_CHECK_THROW(store::decode_record("not json"), std::runtime_error);
  BOOST_CHECK_THROW(store::decode_record("[1,2]"), std::runtime_error);
  BOOST_CHECK_THROW(store::decode_record(R"({"v":99,"id":"x"})"), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
