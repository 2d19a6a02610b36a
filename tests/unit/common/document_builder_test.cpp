#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include <xapian.h>
#include <xxhash.h>
#include <boost/test/unit_test.hpp>

#include "common/analysis/sentences.hpp"
#include "common/schema.hpp"
#include "common/store/document_builder.hpp"
#include "common/store/record.hpp"

using newsdig::Article;
namespace schema = newsdig::schema;
namespace store = newsdig::store;

namespace {

Article sample() {
  Article article;
  article.id = "corpus/seeds/002.txt";
  article.title = "Japan, Russia leaders to meet";
  article.body = "Abe’s talks with Putin on the sidelines.";
  article.source = "Kyodo, JIJI";
  article.dateline = "TOKYO";
  article.date = "2014-09-23T01:30:00+09:00";
  return article;
}

bool has_term(const Xapian::Document& document, const std::string& term) {
  auto it = document.termlist_begin();
  it.skip_to(term);
  return it != document.termlist_end() && *it == term;
}

std::vector<Xapian::termpos> positions(const Xapian::Document& document, const std::string& term) {
  auto it = document.termlist_begin();
  it.skip_to(term);
  if (it == document.termlist_end() || *it != term) return {};
  return {it.positionlist_begin(), it.positionlist_end()};
}

struct Built {
  newsdig::analysis::Analyzer analyzer;
  Xapian::Document document = store::build_document(sample(), analyzer, {});
};

}  // namespace

BOOST_AUTO_TEST_SUITE(document_builder)

BOOST_FIXTURE_TEST_CASE(indexes_title_stems_unprefixed_and_in_the_title_field, Built) {
  BOOST_TEST(has_term(document, "japan"));
  BOOST_TEST(has_term(document, schema::make_term(schema::prefix::kTitle, "japan")));
  BOOST_TEST(has_term(document, schema::make_term(schema::prefix::kTitle, "leader")));
  BOOST_TEST(!has_term(document, schema::make_term(schema::prefix::kTitle, "leaders")));
  BOOST_TEST(has_term(document, "leader"));
  BOOST_TEST(!has_term(document, "leaders"));  // one term per word: its stem
}

BOOST_FIXTURE_TEST_CASE(indexes_body_stems_with_positions_and_possessive_stripped, Built) {
  BOOST_TEST(has_term(document, "abe"));
  BOOST_TEST(has_term(document, "talk"));
  BOOST_TEST(!has_term(document, "talks"));
  BOOST_TEST(!positions(document, "talk").empty());                                    // phrases search stems
  BOOST_TEST(!has_term(document, schema::make_term(schema::prefix::kTitle, "talk")));  // not a title word
}

BOOST_FIXTURE_TEST_CASE(keeps_source_words_out_of_the_all_text_terms, Built) {
  BOOST_TEST(has_term(document, schema::make_term(schema::prefix::kSource, "kyodo")));
  BOOST_TEST(!has_term(document, "kyodo"));
}

BOOST_FIXTURE_TEST_CASE(separates_fields_by_the_position_gap, Built) {
  auto title_end = positions(document, "meet");
  auto dateline = positions(document, "tokyo");
  auto body_start = positions(document, "abe");
  BOOST_REQUIRE(!title_end.empty());
  BOOST_REQUIRE(!dateline.empty());
  BOOST_REQUIRE(!body_start.empty());
  BOOST_TEST(dateline.front() >= title_end.back() + schema::kFieldPositionGap);
  BOOST_TEST(body_start.front() >= dateline.back() + schema::kFieldPositionGap);
}

BOOST_FIXTURE_TEST_CASE(adds_id_language_and_local_calendar_date_terms, Built) {
  BOOST_TEST(has_term(document, store::id_term("corpus/seeds/002.txt")));
  BOOST_TEST(has_term(document, schema::make_term(schema::prefix::kLang, "en")));
  BOOST_TEST(has_term(document, schema::make_term(schema::prefix::kDay, "20140923")));
  BOOST_TEST(has_term(document, schema::make_term(schema::prefix::kMonth, "201409")));
  BOOST_TEST(has_term(document, schema::make_term(schema::prefix::kYear, "2014")));
}

BOOST_FIXTURE_TEST_CASE(sorts_by_the_utc_instant_in_the_date_slot, Built) {
  BOOST_TEST(document.get_value(schema::slot_number(schema::Slot::PubDate)) == "20140922163000");
  BOOST_TEST(document.get_value(schema::slot_number(schema::Slot::Source)) == "Kyodo, JIJI");
}

BOOST_FIXTURE_TEST_CASE(stores_the_record_with_the_default_language_filled_in, Built) {
  Article back = store::decode_record(document.get_data());
  BOOST_TEST(back.title == "Japan, Russia leaders to meet");
  BOOST_TEST(back.lang == "en");
}

BOOST_AUTO_TEST_CASE(stems_by_the_article_language) {
  newsdig::analysis::Analyzer analyzer;
  Article article;
  article.id = "de-1";
  article.lang = "de";
  article.body = "Die Häuser der Stadt";
  auto document = store::build_document(article, analyzer, {});
  BOOST_TEST(has_term(document, analyzer.stem("häuser", "de")));
  BOOST_TEST(!has_term(document, "häuser"));
  BOOST_TEST(analyzer.stem("häuser", "de") != "häuser");
}

BOOST_AUTO_TEST_CASE(hashes_ids_too_long_for_a_term_stably) {
  std::string long_id(400, 'a');
  std::string other = long_id;
  other.back() = 'b';
  auto term = store::id_term(long_id);
  BOOST_TEST(term.size() <= schema::kMaxTermBytes);
  BOOST_TEST(term == store::id_term(long_id));
  BOOST_TEST(term != store::id_term(other));
}

BOOST_AUTO_TEST_CASE(indexes_tags_entities_and_mentions_as_folded_boolean_terms) {
  newsdig::analysis::Analyzer analyzer;
  Article article = sample();
  article.tags = {{"topic", "Grain"}, {"exchange", "NYSE"}, {"nosuchfield", "x"}};
  article.entities = {{newsdig::EntityType::Person, "Shinzo Abe", "shinzo abe", 3},
                      {newsdig::EntityType::Org, "APEC", "apec", 2}};
  article.mentions = {{"2014-11-10", "Nov. 10", "body", 0, 7}, {"2014-W38", "this week", "body", 8, 17}};
  auto document = store::build_document(article, analyzer, {});
  BOOST_TEST(has_term(document, schema::make_term(schema::prefix::kTopic, "grain")));
  BOOST_TEST(has_term(document, schema::make_term(schema::prefix::kExchange, "nyse")));
  BOOST_TEST(has_term(document, schema::make_term(schema::prefix::kPerson, "shinzo abe")));
  BOOST_TEST(has_term(document, schema::make_term(schema::prefix::kOrg, "apec")));
  // entity: searches these; a key is not written a second time under a prefix of its own (schema 4).
  std::vector<std::string> with_key;
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    if ((*it).ends_with("apec")) with_key.push_back(*it);
  }
  BOOST_TEST(with_key == std::vector<std::string>{schema::make_term(schema::prefix::kOrg, "apec")},
             boost::test_tools::per_element());
  for (const char* value : {"2014-11-10", "2014-11", "2014", "2014-W38"}) {
    BOOST_TEST(has_term(document, schema::make_term(schema::prefix::kMentions, value)), value);
  }
  auto back = store::decode_record(document.get_data());
  BOOST_REQUIRE(back.entities.size() == 2U);
  BOOST_TEST(back.entities[0].name == "Shinzo Abe");
  BOOST_TEST(back.entities[0].count == 3U);
  BOOST_TEST((back.entities[1].type == newsdig::EntityType::Org));
  BOOST_REQUIRE(back.mentions.size() == 2U);
  BOOST_TEST(back.mentions[1].value == "2014-W38");
  BOOST_TEST(back.mentions[1].end == 17U);
  BOOST_REQUIRE(back.tags.size() == 3U);
}

BOOST_FIXTURE_TEST_CASE(counts_headline_words_title_wdf_times_in_the_all_text_terms, Built) {
  auto wdf = [&](const std::string& term) {
    auto it = document.termlist_begin();
    it.skip_to(term);
    return it != document.termlist_end() && *it == term ? it.get_wdf() : 0U;
  };
  BOOST_TEST(wdf("leader") == schema::kTitleWdf);  // title
  BOOST_TEST(wdf("talk") == 1U);                   // body
  BOOST_TEST(wdf(schema::make_term(schema::prefix::kTitle, "leader")) == 1U);
}

BOOST_AUTO_TEST_CASE(keeps_the_facet_terms_in_the_facets_slot) {
  newsdig::analysis::Analyzer analyzer;
  Article article = sample();
  article.tags = {{"topic", "Crude"}, {"place", "Japan"}};
  newsdig::Entity abe;
  abe.type = newsdig::EntityType::Person;
  abe.name = "Shinzo Abe";
  abe.key = "shinzo abe";
  abe.count = 2;
  // A search alias (count 0): it finds the article, but facets count the entity under its own key.
  newsdig::Entity alias;
  alias.type = newsdig::EntityType::Person;
  alias.name = "Shinzo Abe";
  alias.key = "abe";
  article.entities = {abe, alias};
  auto document = store::build_document(article, analyzer, {});
  BOOST_TEST(document.get_value(schema::slot_number(schema::Slot::Facets)) ==
             "D20140923\nLen\nXPERshinzo abe\nXPLACEjapan\nXTOPICcrude");
  auto it = document.termlist_begin();
  it.skip_to("XPERabe");
  BOOST_TEST((it != document.termlist_end() && *it == "XPERabe"));
}

// The hash databases already hold: an incremental run finds an article unchanged only if it is computed the
// same way, xxHash3-128 of each piece prefixed with its length, in this order.
BOOST_AUTO_TEST_CASE(content_hash_is_xxh3_128_of_the_length_prefixed_pieces) {
  Article article = sample();
  article.tags = {{"topic", "crude"}};
  article.extra = {{"section", "World"}};
  store::BuildOptions options;
  options.input = "/news/a.txt";
  options.annotation = "extract";
  std::string bytes;
  auto add = [&bytes](const std::string& piece) { bytes += std::to_string(piece.size()) + ":" + piece; };
  const std::vector<std::string> pieces = {std::to_string(schema::kSchemaVersion),
                                           std::to_string(store::kRecordVersion),
                                           options.annotation,
                                           options.input,
                                           options.default_language,
                                           article.id,
                                           article.title,
                                           article.body,
                                           article.source,
                                           article.dateline,
                                           article.date,
                                           article.url,
                                           article.byline,
                                           article.origin,
                                           "1",
                                           "topic",
                                           "crude",
                                           "1",
                                           "section",
                                           "World"};
  for (const std::string& piece : pieces) {
    add(piece);
  }
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits(bytes.data(), bytes.size()));
  BOOST_TEST(store::content_hash(article, options) ==
             std::string(std::begin(canonical.digest), std::end(canonical.digest)));
}

BOOST_AUTO_TEST_CASE(an_article_without_a_language_is_built_as_one_in_the_default_language) {
  newsdig::analysis::Analyzer analyzer;
  Article implicit = sample();
  Article explicit_language = sample();
  explicit_language.lang = "en";
  const auto a = store::build_document(implicit, analyzer, {});
  const auto b = store::build_document(explicit_language, analyzer, {});
  BOOST_TEST(a.get_data() == b.get_data());
  BOOST_TEST(a.get_value(schema::slot_number(schema::Slot::ContentHash)) ==
             b.get_value(schema::slot_number(schema::Slot::ContentHash)));
  BOOST_TEST(std::vector<std::string>(a.termlist_begin(), a.termlist_end()) ==
             std::vector<std::string>(b.termlist_begin(), b.termlist_end()));
  BOOST_TEST(store::decode_record(a.get_data()).lang == "en");
}

BOOST_AUTO_TEST_CASE(refuses_an_article_without_id) {
  newsdig::analysis::Analyzer analyzer;
  Article article;
  article.title = "No id";
  BOOST_CHECK_THROW(store::build_document(article, analyzer, {}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(stores_the_sentences_of_the_body_as_the_searcher_would_split_them) {
  Article article = sample();
  article.body =
      "TOKYO — Prime Minister Shinzo Abe will meet Russian President Vladimir Putin on the sidelines of the "
      "APEC summit. Mr. Abe told reporters on Sept. 22 he hoped for progress.\n\n"
      "Japan and Russia never signed a peace treaty after World War Two";
  newsdig::analysis::Analyzer analyzer;
  const Article back = store::decode_record(store::build_document(article, analyzer, {}).get_data());
  const auto expected = newsdig::analysis::BodySentences().split(article.body, "en");
  BOOST_REQUIRE(back.sentences.size() == 3U);
  BOOST_REQUIRE(expected.size() == 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST(back.sentences[i].begin == expected[i].begin);
    BOOST_TEST(back.sentences[i].end == expected[i].end);
  }
  BOOST_TEST(back.body.substr(back.sentences[2].begin) ==
             "Japan and Russia never signed a peace treaty after World War Two");
}

BOOST_AUTO_TEST_SUITE_END()
