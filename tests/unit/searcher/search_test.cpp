#include <string>
#include <vector>

#include <xapian.h>
#include <boost/test/unit_test.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/store/document_builder.hpp"
#include "searcher/options.hpp"
#include "searcher/query/query_parser.hpp"
#include "searcher/results/search.hpp"

namespace results = newsdig::results;
using newsdig::Article;

namespace {

Article article(std::string id, std::string date, std::string title, std::string body) {
  Article a;
  a.id = std::move(id);
  a.date = std::move(date);
  a.title = std::move(title);
  a.body = std::move(body);
  a.source = "Wire";
  a.lang = "en";
  return a;
}

// A small in-memory database of hand-written articles, the way newsdig-index builds its documents.
struct Archive {
  newsdig::analysis::Analyzer analyzer;
  Xapian::WritableDatabase database{std::string(), Xapian::DB_BACKEND_INMEMORY};

  Archive() {
    std::vector<Article> articles = {
        article("a1", "2013-12-10", "Oil prices fall", "Oil fell as stocks rose. Traders sold oil."),
        article("a2", "2014-01-25", "Oil output rises", "Output of oil rose in the January cold."),
        article("a3", "2014-03-02", "Oil minister speaks", "The minister spoke about oil and gas."),
        article("a4", "2014-03-03", "Gas deal signed", "A gas deal was signed."),
        article("a5", "", "Undated oil note", "An oil note without a date."),
    };
    articles[0].tags = {{"topic", "crude"}, {"place", "Saudi Arabia"}};
    articles[1].tags = {{"topic", "crude"}};
    articles[2].tags = {{"topic", "crude"}, {"topic", "nat-gas"}};
    articles[3].source = "Other Wire";
    for (const auto& a : articles) {
      database.replace_document(newsdig::store::id_term(a.id),
                                newsdig::store::build_document(a, analyzer, {}));
    }
    database.commit();
  }

  results::SearchRequest request(const std::string& text, bool any = false) {
    newsdig::query::ParseOptions options;
    options.default_op = any ? newsdig::query::DefaultOp::Or : newsdig::query::DefaultOp::And;
    results::SearchRequest r;
    r.query = newsdig::query::parse_query(text, analyzer, options).query;
    return r;
  }

  std::vector<std::string> ids(const results::SearchRequest& r) {
    std::vector<std::string> out;
    for (const auto& hit : results::search(database, r).hits) out.push_back(hit.record.id);
    return out;
  }
};

std::vector<std::string> values_of(const results::FacetCounts& counts) {
  std::vector<std::string> out;
  for (const auto& value : counts.values) out.push_back(value.value + "=" + std::to_string(value.count));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(search)

BOOST_FIXTURE_TEST_CASE(counts_facets_over_the_whole_match_set_not_only_the_page, Archive) {
  auto r = request("oil");
  r.limit = 1;
  r.facets = {results::Facet::Topic, results::Facet::Place, results::Facet::Source, results::Facet::Month};
  auto result = results::search(database, r);
  BOOST_TEST(result.hits.size() == 1U);
  BOOST_TEST(result.matches_estimated == 4U);
  BOOST_REQUIRE(result.facets.size() == 4U);
  BOOST_TEST(values_of(result.facets[0]) == (std::vector<std::string>{"crude=3", "nat gas=1"}));
  BOOST_TEST(values_of(result.facets[1]) == (std::vector<std::string>{"saudi arabia=1"}));
  BOOST_TEST(values_of(result.facets[2]) == (std::vector<std::string>{"Wire=4"}));
  BOOST_TEST(values_of(result.facets[3]) ==
             (std::vector<std::string>{"2013-12=1", "2014-01=1", "2014-03=1"}));
}

BOOST_FIXTURE_TEST_CASE(keeps_the_most_frequent_facet_values_and_counts_the_rest, Archive) {
  auto r = request("oil OR gas");
  r.facets = {results::Facet::Topic};
  r.facet_values = 1;
  auto result = results::search(database, r);
  BOOST_REQUIRE(result.facets.size() == 1U);
  BOOST_TEST(values_of(result.facets[0]) == (std::vector<std::string>{"crude=3"}));
  BOOST_TEST(result.facets[0].distinct == 2U);
}

BOOST_FIXTURE_TEST_CASE(draws_the_timeline_per_day_over_short_spans_with_empty_days, Archive) {
  auto r = request("gas");
  r.timeline = true;
  auto result = results::search(database, r);
  BOOST_REQUIRE(result.timeline.has_value());
  BOOST_TEST((result.timeline->granularity == results::Granularity::Day));
  BOOST_REQUIRE(result.timeline->buckets.size() == 2U);
  BOOST_TEST(result.timeline->buckets[0].period == "2014-03-02");
  BOOST_TEST(result.timeline->buckets[1].period == "2014-03-03");
}

BOOST_FIXTURE_TEST_CASE(draws_the_timeline_per_month_over_long_spans_and_counts_undated_hits, Archive) {
  auto r = request("oil");
  r.timeline = true;
  auto result = results::search(database, r);
  BOOST_REQUIRE(result.timeline.has_value());
  BOOST_TEST((result.timeline->granularity == results::Granularity::Month));
  std::vector<std::string> buckets;
  for (const auto& b : result.timeline->buckets) buckets.push_back(b.period + "=" + std::to_string(b.count));
  BOOST_TEST(buckets == (std::vector<std::string>{"2013-12=1", "2014-01=1", "2014-02=0", "2014-03=1"}));
  BOOST_TEST(result.timeline->undated == 1U);
}

BOOST_FIXTURE_TEST_CASE(sorts_by_date_newest_or_oldest_first_undated_last_or_first, Archive) {
  auto r = request("oil");
  r.sort = results::SortOrder::Newest;
  BOOST_TEST(ids(r) == (std::vector<std::string>{"a3", "a2", "a1", "a5"}));
  r.sort = results::SortOrder::Oldest;
  BOOST_TEST(ids(r) == (std::vector<std::string>{"a5", "a1", "a2", "a3"}));
}

BOOST_FIXTURE_TEST_CASE(recency_lifts_a_newer_article_over_a_more_relevant_older_one, Archive) {
  auto r = request("oil");
  auto by_relevance = ids(r);
  BOOST_REQUIRE(by_relevance.front() == "a1");  // "oil" three times
  r.recent_half_life_days = 7;
  BOOST_TEST(ids(r).front() == "a3");
  BOOST_TEST(ids(r).size() == by_relevance.size());
}

BOOST_FIXTURE_TEST_CASE(feedback_reorders_the_hits_but_keeps_the_match_set, Archive) {
  auto r = request("oil");
  auto plain = results::search(database, r);
  r.expansion = results::Expansion{};
  r.expansion->feedback_docs = 2;
  auto expanded = results::search(database, r);
  BOOST_TEST(expanded.matches_estimated == plain.matches_estimated);
  BOOST_TEST(!expanded.expansion_terms.empty());
  for (const auto& term : expanded.expansion_terms) BOOST_TEST(term != "Zoil");
}

BOOST_FIXTURE_TEST_CASE(any_word_ranking_leaves_out_stopwords_while_other_words_remain, Archive) {
  auto r = request("the gas", true);
  BOOST_TEST(results::search(database, r).matches_estimated == 3U);  // "the" is in a3 only, besides gas
  r.stopwords_language = "en";
  BOOST_TEST(results::search(database, r).matches_estimated == 2U);
  auto only = request("the", true);
  only.stopwords_language = "en";
  BOOST_TEST(results::search(database, only).matches_estimated > 0U);
}

BOOST_AUTO_TEST_CASE(reads_days_of_date_slot_values) {
  BOOST_TEST(results::slot_day_number("19700101").value() == 0);
  BOOST_TEST(results::slot_day_number("19700102123000").value() == 1);
  BOOST_TEST(results::slot_day_number("20000301").value() - results::slot_day_number("20000228").value() ==
             2);
  BOOST_TEST(!results::slot_day_number("2014").has_value());
  BOOST_TEST(!results::slot_day_number("20141301").has_value());
}

BOOST_AUTO_TEST_CASE(reads_half_lives_in_days) {
  const std::vector<std::pair<std::string, double>> good = {{"30", 30},   {"30d", 30},    {"2w", 14},
                                                            {"12h", 0.5}, {"1y", 365.25}, {"6m", 182.625}};
  for (const auto& [text, days] : good) {
    BOOST_TEST(newsdig::searcher::parse_half_life(text).value_or(-1) == days, text);
  }
  for (std::string bad : {"", "0", "-3d", "3 weeks", "d", "1x"}) {
    BOOST_TEST(!newsdig::searcher::parse_half_life(bad).has_value(), bad);
  }
}

BOOST_AUTO_TEST_CASE(names_facets_both_ways) {
  for (auto facet :
       {results::Facet::Person, results::Facet::Topic, results::Facet::Month, results::Facet::Source}) {
    BOOST_TEST((results::facet_from_name(results::facet_name(facet)) == facet));
  }
  BOOST_TEST(!results::facet_from_name("colour").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
