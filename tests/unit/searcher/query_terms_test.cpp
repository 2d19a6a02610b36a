#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "searcher/query/query_parser.hpp"
#include "searcher/results/query_terms.hpp"

using newsdig::results::QueryTerms;
using newsdig::results::TextArea;

namespace {

QueryTerms terms_of(const std::string& text) {
  newsdig::analysis::Analyzer analyzer;
  return newsdig::results::query_terms(newsdig::query::parse_query(text, analyzer, {}).query);
}

// "form" (a stem, or a word without one), "title:form", "[a b]" phrases and "pre*" wildcards, in that order.
std::vector<std::string> described(const QueryTerms& terms) {
  auto area = [](TextArea a) -> std::string {
    switch (a) {
      case TextArea::AllText: return "";
      case TextArea::Title: return "title:";
      case TextArea::Source: return "source:";
      case TextArea::Byline: return "byline:";
      case TextArea::Dateline: return "dateline:";
    }
    return "?";
  };
  std::vector<std::string> out;
  for (const auto& word : terms.words) out.push_back(area(word.area) + word.term);
  for (const auto& phrase : terms.phrases) {
    std::string text = area(phrase.area) + "[";
    for (const auto& term : phrase.terms) text += (text.back() == '[' ? "" : " ") + term;
    out.push_back(text + "]");
  }
  for (const auto& wildcard : terms.wildcards) out.push_back(area(wildcard.area) + wildcard.prefix + "*");
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(query_terms)

BOOST_AUTO_TEST_CASE(reads_back_what_each_kind_of_query_piece_matches_in_text) {
  struct Case {
    std::string query;
    std::vector<std::string> terms;
  };
  const std::vector<Case> cases = {
      {"sanctions", {"sanction"}},
      {"Putin APEC", {"putin", "apec"}},
      {"3rd", {"3rd"}},
      {"\"peace treaty\"", {"[peac treati]"}},
      {"\"interest rates\"", {"[interest rate]"}},
      {"post-World", {"[post world]"}},
      {"title:apec", {"title:apec"}},
      {"title:\"peace treaty\"", {"title:[peac treati]"}},
      {"source:kyodo", {"source:kyodo"}},
      {"sanct*", {"sanct*"}},
      {"company*", {"compan*"}},
      {"putin NOT kishida", {"putin"}},
      {"putin -kishida", {"putin"}},
      {"lang:en putin", {"putin"}},
      {"putin OR abe", {"putin", "abe"}},
      {"putin putin", {"putin"}},
      {"*", {}},
  };
  for (const auto& c : cases) BOOST_TEST(described(terms_of(c.query)) == c.terms, c.query);
}

BOOST_AUTO_TEST_CASE(a_near_query_marks_its_words_one_by_one) {
  auto terms = terms_of("putin NEAR/5 abe");
  BOOST_TEST(terms.phrases.empty());
  BOOST_TEST(terms.words.size() == 2U);
}

BOOST_AUTO_TEST_CASE(keeps_the_index_terms_for_weighting) {
  auto terms = terms_of("sanctions \"peace treaty\"");
  BOOST_REQUIRE(terms.words.size() == 1U);
  BOOST_TEST(terms.words[0].index_term == "sanction");
  BOOST_REQUIRE(terms.phrases.size() == 1U);
  BOOST_TEST(terms.phrases[0].index_terms == (std::vector<std::string>{"peac", "treati"}));
}

BOOST_AUTO_TEST_SUITE_END()
