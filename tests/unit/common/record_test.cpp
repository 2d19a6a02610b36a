#include <cstdint>
#include <stdexcept>
#include <string>

#include <zstd.h>
#include <boost/test/unit_test.hpp>

#include "common/analysis/sentences.hpp"
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

BOOST_AUTO_TEST_CASE(round_trips_an_article_with_only_an_id_and_a_title) {
  Article article;
  article.id = "x";
  article.title = "Only a title";
  Article back = store::decode_record(store::encode_record(article));
  BOOST_TEST(back.id == "x");
  BOOST_TEST(back.title == "Only a title");
  BOOST_TEST(back.body.empty());
  BOOST_TEST(back.entities.empty());
  BOOST_TEST(back.mentions.empty());
}

BOOST_AUTO_TEST_CASE(stores_a_news_article_in_fewer_bytes_than_its_text) {
  Article article;
  article.id = "reuters/2014/apec";
  article.title = "Japan's Abe, Russia's Putin to meet on sidelines of APEC summit";
  for (int paragraph = 0; paragraph < 6; ++paragraph) {
    article.body +=
        "Japanese Prime Minister Shinzo Abe will meet Russian President Vladimir Putin on the sidelines of "
        "the Asia-Pacific Economic Cooperation summit in Beijing next month, a government spokesman said "
        "on Monday, as the two leaders seek to improve ties strained by the crisis in Ukraine. ";
    article.body += std::to_string(paragraph) + " of the talks.\n\n";
  }
  const std::string encoded = store::encode_record(article);
  BOOST_TEST(encoded.size() < article.body.size() / 2);
  BOOST_TEST(store::decode_record(encoded).body == article.body);
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

BOOST_AUTO_TEST_CASE(rejects_data_that_is_not_a_record_of_this_version) {
  BOOST_CHECK_THROW(store::decode_record(""), std::runtime_error);
  BOOST_CHECK_THROW(store::decode_record("not a record"), std::runtime_error);
  // A JSON record of version 2: the message asks for a reindex.
  BOOST_CHECK_EXCEPTION(
      store::decode_record(R"({"v":2,"id":"x"})"), std::runtime_error,
      [](const std::runtime_error& e) { return std::string(e.what()).find("reindex") != std::string::npos; });
}

BOOST_AUTO_TEST_CASE(rejects_a_record_cut_short_or_with_damaged_bytes) {
  Article article;
  article.id = "seed";
  article.title = "Abe proposes meeting Putin at APEC in November";
  article.body = "TOKYO — Prime Minister Shinzo Abe said on Sept. 21, 2014 that he would meet Putin.";
  const std::string encoded = store::encode_record(article);
  for (std::size_t cut : {std::size_t{1}, std::size_t{5}, encoded.size() / 2, encoded.size() - 1}) {
    BOOST_CHECK_THROW(store::decode_record(std::string_view(encoded).substr(0, cut)), std::runtime_error);
  }
  // The frame's checksum catches a changed byte anywhere in the payload.
  for (std::size_t at = 6; at < encoded.size(); at += 7) {
    std::string changed = encoded;
    changed[at] = static_cast<char>(changed[at] ^ 0x5a);
    BOOST_CHECK_THROW(store::decode_record(changed), std::runtime_error);
  }
}

namespace {

// The seed article's opening, in two paragraphs, with the sentences the indexer finds in it.
Article article_with_sentences() {
  Article article;
  article.id = "seed";
  article.lang = "en";
  article.title = "Abe proposes meeting Putin at APEC in November";
  article.body =
      "TOKYO — Prime Minister Shinzo Abe said on Sept. 21 that he would meet Putin. Mr. Abe gave no date.\n\n"
      "The two countries never signed a peace treaty.";
  article.sentences = newsdig::analysis::BodySentences().split(article.body, "en");
  return article;
}

std::string decompressed(std::string_view frame) {
  std::string out(ZSTD_getFrameContentSize(frame.data(), frame.size()), '\0');
  BOOST_REQUIRE(ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size()) == out.size());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(round_trips_the_sentences_of_the_body) {
  const Article article = article_with_sentences();
  BOOST_REQUIRE(article.sentences.size() == 3U);
  Article back = store::decode_record(store::encode_record(article));
  BOOST_REQUIRE(back.sentences.size() == 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST(back.sentences[i].begin == article.sentences[i].begin);
    BOOST_TEST(back.sentences[i].end == article.sentences[i].end);
  }
  BOOST_TEST(back.body.substr(back.sentences[1].begin, back.sentences[1].end - back.sentences[1].begin) ==
             "Mr. Abe gave no date.");
  // Spans given apart from the article are stored in their place.
  Article bare = article;
  bare.sentences.clear();
  BOOST_TEST(store::decode_record(store::encode_record(bare, article.sentences)).sentences.size() == 3U);
  BOOST_TEST(store::decode_record(store::encode_record(bare)).sentences.empty());
}

BOOST_AUTO_TEST_CASE(refuses_sentences_out_of_order_or_past_the_body) {
  Article article = article_with_sentences();
  std::swap(article.sentences[0], article.sentences[1]);
  BOOST_CHECK_THROW(store::encode_record(article), std::invalid_argument);
  article = article_with_sentences();
  article.sentences.back().end = static_cast<std::uint32_t>(article.body.size() + 1);
  BOOST_CHECK_THROW(store::encode_record(article), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(reads_a_record_of_version_3_which_holds_no_sentences) {
  // Version 3's payload is version 4's without the sentences (for none: one count byte, 0, at the end).
  Article article = article_with_sentences();
  article.sentences.clear();
  const std::string current = store::encode_record(article);
  BOOST_REQUIRE(static_cast<unsigned char>(current.front()) == store::kRecordVersion);
  std::string payload = decompressed(std::string_view(current).substr(1));
  BOOST_REQUIRE(payload.back() == '\0');
  payload.pop_back();
  std::string old(1 + ZSTD_compressBound(payload.size()), '\0');
  old[0] = static_cast<char>(3);
  old.resize(1 + ZSTD_compress(old.data() + 1, old.size() - 1, payload.data(), payload.size(), 3));
  const Article back = store::decode_record(old);
  BOOST_TEST(back.body == article.body);
  BOOST_TEST(back.title == article.title);
  BOOST_TEST(back.sentences.empty());
  // The same bytes marked as version 4 lack the sentence count: damaged.
  old[0] = static_cast<char>(store::kRecordVersion);
  BOOST_CHECK_THROW(store::decode_record(old), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
