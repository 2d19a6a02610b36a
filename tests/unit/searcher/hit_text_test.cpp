#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "common/store/record.hpp"
#include "searcher/query/query_parser.hpp"
#include "searcher/results/hit_text.hpp"
#include "searcher/results/query_terms.hpp"
#include "searcher/results/snippet.hpp"
#include "tests/support/paths.hpp"

using newsdig::results::Hit;
using newsdig::results::HitTextMaker;
using newsdig::results::SnippetMaker;

namespace {

// The articles of corpus/jsonl/wire.jsonl as hits, and the seed articles (title line, then the body).
std::vector<Hit> corpus_hits() {
  std::vector<Hit> hits;
  std::ifstream lines(newsdig::test::corpus_dir() / "jsonl" / "wire.jsonl");
  for (std::string line; std::getline(lines, line);) {
    const auto object = nlohmann::json::parse(line);
    Hit hit;
    hit.record.id = object.at("id").get<std::string>();
    hit.record.title = object.at("title").get<std::string>();
    hit.record.body = object.at("body").get<std::string>();
    hit.record.lang = "en";
    hits.push_back(std::move(hit));
  }
  BOOST_REQUIRE(hits.size() >= 5U);
  return hits;
}

newsdig::results::QueryTerms terms_of(const std::string& text) {
  newsdig::analysis::Analyzer analyzer;
  newsdig::query::ParseOptions options;
  options.default_op = newsdig::query::DefaultOp::Or;
  return newsdig::results::query_terms(newsdig::query::parse_query(text, analyzer, options).query);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hit_text)

BOOST_AUTO_TEST_CASE(gives_each_hit_the_text_one_snippet_maker_gives_it_whatever_the_threads) {
  std::vector<Hit> hits = corpus_hits();
  for (const std::string query : {"ferry boats", "\"fish auction\" online", "port*", "company said monday"}) {
    SnippetMaker alone(terms_of(query), "en");
    for (unsigned threads : {1U, 2U, 3U, 4U}) {
      HitTextMaker maker(threads);
      maker.set_query(terms_of(query), "en", nullptr);
      const auto texts = maker.make(hits, {});
      BOOST_REQUIRE(texts.size() == hits.size());
      for (std::size_t i = 0; i < hits.size(); ++i) {
        const auto title = alone.highlight_title(hits[i].record);
        const auto snippets = alone.make(hits[i].record);
        BOOST_TEST(texts[i].title.size() == title.size(), query << " hit " << i << " threads " << threads);
        BOOST_REQUIRE(texts[i].snippets.size() == snippets.size());
        for (std::size_t k = 0; k < snippets.size(); ++k) {
          BOOST_TEST(texts[i].snippets[k].text == snippets[k].text);
          BOOST_REQUIRE(texts[i].snippets[k].highlights.size() == snippets[k].highlights.size());
          for (std::size_t h = 0; h < snippets[k].highlights.size(); ++h) {
            BOOST_TEST(texts[i].snippets[k].highlights[h].begin == snippets[k].highlights[h].begin);
            BOOST_TEST(texts[i].snippets[k].highlights[h].end == snippets[k].highlights[h].end);
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(marks_the_query_words_of_every_hit) {
  HitTextMaker maker(2);
  maker.set_query(terms_of("ferry"), "en", nullptr);
  auto hits = corpus_hits();
  const auto texts = maker.make(hits, {});
  std::size_t marked = 0;
  for (const auto& text : texts) {
    for (const auto& snippet : text.snippets) marked += snippet.highlights.size();
    marked += text.title.size();
  }
  BOOST_TEST(marked > 0U);
  std::vector<Hit> none;
  BOOST_TEST(maker.make(none, {}).empty());
}

BOOST_AUTO_TEST_CASE(decodes_the_records_that_come_encoded_and_gives_them_the_same_text) {
  std::vector<Hit> decoded = corpus_hits();
  std::vector<Hit> encoded = decoded;
  for (auto& hit : encoded) {
    hit.data = newsdig::store::encode_record(hit.record);
    hit.record = {};
  }
  HitTextMaker maker(2);
  maker.set_query(terms_of("ferry boats auction"), "en", nullptr);
  const auto from_decoded = maker.make(decoded, {});
  const auto from_encoded = maker.make(encoded, {});
  BOOST_REQUIRE(from_encoded.size() == from_decoded.size());
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    BOOST_TEST(encoded[i].data.empty());
    BOOST_TEST(encoded[i].record.id == decoded[i].record.id);
    BOOST_TEST(encoded[i].record.body == decoded[i].record.body);
    BOOST_REQUIRE(from_encoded[i].snippets.size() == from_decoded[i].snippets.size());
    for (std::size_t k = 0; k < from_decoded[i].snippets.size(); ++k) {
      BOOST_TEST(from_encoded[i].snippets[k].text == from_decoded[i].snippets[k].text);
    }
  }
}

BOOST_AUTO_TEST_CASE(reads_each_record_through_the_caller_before_its_text_is_made) {
  const std::vector<Hit> originals = corpus_hits();
  std::vector<Hit> unread(originals.size());
  for (std::size_t i = 0; i < originals.size(); ++i) unread[i].docid = static_cast<Xapian::docid>(i + 1);
  HitTextMaker maker(2);
  maker.set_query(terms_of("ferry boats auction"), "en", nullptr);
  std::vector<Hit> decoded = originals;
  const auto expected = maker.make(decoded, {});
  std::vector<Xapian::docid> read_order;
  bool alongside_after_reads = false;
  const auto texts = maker.make(
      unread, {}, [&] { alongside_after_reads = read_order.size() == originals.size(); },
      [&](Hit& hit) {
        read_order.push_back(hit.docid);
        hit.data = newsdig::store::encode_record(originals[hit.docid - 1].record);
      });
  BOOST_TEST(alongside_after_reads);
  BOOST_REQUIRE(read_order.size() == originals.size());
  for (std::size_t i = 0; i < read_order.size(); ++i) BOOST_TEST(read_order[i] == i + 1);
  BOOST_REQUIRE(texts.size() == expected.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    BOOST_TEST(unread[i].record.body == originals[i].record.body);
    BOOST_REQUIRE(texts[i].snippets.size() == expected[i].snippets.size());
    for (std::size_t k = 0; k < texts[i].snippets.size(); ++k) {
      BOOST_TEST(texts[i].snippets[k].text == expected[i].snippets[k].text);
    }
  }
}

BOOST_AUTO_TEST_CASE(passes_on_a_read_that_fails_after_the_other_threads_stop) {
  std::vector<Hit> hits = corpus_hits();
  for (auto& hit : hits) hit.record = {};
  HitTextMaker maker(2);
  maker.set_query(terms_of("ferry"), "en", nullptr);
  std::size_t reads = 0;
  BOOST_CHECK_THROW(maker.make(hits, {}, {},
                               [&](Hit&) {
                                 if (++reads == 3)
                                   throw std::runtime_error("search failed: the disk went away");
                               }),
                    std::runtime_error);
  BOOST_TEST(reads == 3U);
}

BOOST_AUTO_TEST_SUITE_END()
