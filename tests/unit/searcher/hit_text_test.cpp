#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "common/analysis/sentences.hpp"
#include "common/schema.hpp"
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

BOOST_AUTO_TEST_CASE(makes_the_same_snippets_from_the_sentences_the_indexer_stored_as_from_splitting) {
  // Records of version 4 hold the body's sentences; older ones are split at search time.
  const std::vector<Hit> hits = corpus_hits();
  newsdig::analysis::BodySentences splitter;
  std::size_t compared = 0;
  for (const std::string query : {"ferry boats", "\"fish auction\" online", "port*", "company said monday",
                                  "council NEAR/5 vote", "the"}) {
    SnippetMaker maker(terms_of(query), "en");
    for (const Hit& hit : hits) {
      newsdig::Article stored = hit.record;
      stored.sentences = splitter.split(stored.body, "en");
      BOOST_REQUIRE(!stored.sentences.empty());
      for (unsigned k : {1U, 3U}) {
        const auto split = maker.make(hit.record, {k, 320});
        const auto read = maker.make(stored, {k, 320});
        BOOST_REQUIRE(read.size() == split.size());
        for (std::size_t i = 0; i < read.size(); ++i) {
          BOOST_TEST(read[i].text == split[i].text, query << " " << hit.record.id);
          BOOST_REQUIRE(read[i].highlights.size() == split[i].highlights.size());
          for (std::size_t h = 0; h < read[i].highlights.size(); ++h) {
            BOOST_TEST(read[i].highlights[h].begin == split[i].highlights[h].begin);
          }
          ++compared;
        }
      }
    }
  }
  BOOST_TEST(compared > 50U);
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

BOOST_AUTO_TEST_CASE(reads_unread_hits_records_and_stories_from_the_database_with_the_same_text) {
  const std::vector<Hit> originals = corpus_hits();
  // A database holding the articles' records; the first two share a story, the others have none.
  Xapian::WritableDatabase database(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const auto story_slot = newsdig::schema::slot_number(newsdig::schema::Slot::Story);
  std::vector<Hit> unread(originals.size());
  for (std::size_t i = 0; i < originals.size(); ++i) {
    Xapian::Document document;
    document.set_data(newsdig::store::encode_record(originals[i].record));
    if (i < 2) {
      document.add_value(story_slot, "0123456789abcdef");
      document.add_boolean_term(
          newsdig::schema::make_term(newsdig::schema::prefix::kStory, "0123456789abcdef"));
    }
    unread[i].docid = database.add_document(document);
    unread[i].collapsed = true;  // as search() leaves an unread hit of a collapsed result
  }
  HitTextMaker maker(2);
  maker.set_query(terms_of("ferry boats auction"), "en", nullptr);
  std::vector<Hit> decoded = originals;
  const auto expected = maker.make(decoded, {});
  const auto texts = maker.make(unread, {}, &database);
  BOOST_REQUIRE(texts.size() == expected.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    BOOST_TEST(unread[i].record.id == originals[i].record.id);
    BOOST_TEST(unread[i].record.body == originals[i].record.body);
    BOOST_REQUIRE(texts[i].snippets.size() == expected[i].snippets.size());
    for (std::size_t k = 0; k < texts[i].snippets.size(); ++k) {
      BOOST_TEST(texts[i].snippets[k].text == expected[i].snippets[k].text);
    }
    BOOST_TEST(unread[i].story.has_value() == (i < 2));
    BOOST_TEST(unread[i].collapsed == (i < 2));
  }
  BOOST_TEST(unread[0].story->size == 2U);
}

BOOST_AUTO_TEST_CASE(passes_on_a_record_that_cannot_be_read_after_the_other_threads_stop) {
  Xapian::WritableDatabase database(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::vector<Hit> hits = corpus_hits();
  for (std::size_t i = 0; i < hits.size(); ++i) {
    Xapian::Document document;
    document.set_data(newsdig::store::encode_record(hits[i].record));
    hits[i].docid = database.add_document(document);
    hits[i].record = {};
  }
  hits[2].docid = 1000;  // no such article
  HitTextMaker maker(2);
  maker.set_query(terms_of("ferry"), "en", nullptr);
  BOOST_CHECK_EXCEPTION(maker.make(hits, {}, &database), std::runtime_error, [](const std::runtime_error& e) {
    return std::string(e.what()).find("search failed") != std::string::npos;
  });
}

BOOST_AUTO_TEST_SUITE_END()
