#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "searcher/results/snippet.hpp"

using newsdig::Article;
using newsdig::results::Highlight;
using newsdig::results::SnippetMaker;

namespace {

Article article_with_body(std::string body) {
  Article article;
  article.id = "t";
  article.body = std::move(body);
  return article;
}

std::vector<std::string> marked(const std::string& text, const std::vector<Highlight>& marks) {
  std::vector<std::string> words;
  for (const auto& mark : marks) words.push_back(text.substr(mark.begin, mark.end - mark.begin));
  return words;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(snippet)

BOOST_AUTO_TEST_CASE(picks_the_sentence_with_most_query_words) {
  SnippetMaker maker({"peace", "treaty"}, "en");
  auto snippets = maker.make(article_with_body(
      "Abe spoke on Monday. The dispute has prevented a peace treaty. Talks on peace continue."));
  BOOST_REQUIRE(!snippets.empty());
  BOOST_TEST(snippets.front().text == "The dispute has prevented a peace treaty.");
  BOOST_TEST(marked(snippets.front().text, snippets.front().highlights) ==
             (std::vector<std::string>{"peace", "treaty"}));
}

BOOST_AUTO_TEST_CASE(keeps_chosen_sentences_in_article_order) {
  SnippetMaker maker({"putin", "abe"}, "en");
  auto snippets = maker.make(article_with_body("Putin met Abe. Nothing here. Abe and Putin agreed."));
  BOOST_REQUIRE(snippets.size() == 2U);
  BOOST_TEST(snippets[0].text == "Putin met Abe.");
  BOOST_TEST(snippets[1].text == "Abe and Putin agreed.");
}

BOOST_AUTO_TEST_CASE(highlights_inflected_forms_and_possessives_through_the_analyzer) {
  SnippetMaker maker({"sanction", "abe"}, "en");
  auto snippets = maker.make(article_with_body("Tokyo added sanctions despite Abe’s eagerness."));
  BOOST_REQUIRE(!snippets.empty());
  BOOST_TEST(marked(snippets[0].text, snippets[0].highlights) ==
             (std::vector<std::string>{"sanctions", "Abe’s"}));
}

BOOST_AUTO_TEST_CASE(shows_the_lead_when_no_body_word_matches) {
  SnippetMaker maker({"kremlin"}, "en");
  auto snippets = maker.make(article_with_body("First sentence here. Second one."));
  BOOST_REQUIRE(snippets.size() == 1U);
  BOOST_TEST(snippets[0].text == "First sentence here.");
  BOOST_TEST(snippets[0].highlights.empty());
}

BOOST_AUTO_TEST_CASE(cuts_a_long_sentence_to_a_window_around_the_match) {
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "word" + std::to_string(i) + " ";
  SnippetMaker maker({"needle"}, "en");
  newsdig::results::SnippetOptions options;
  options.max_bytes = 120;
  auto snippets = maker.make(article_with_body(filler + "needle " + filler + "end."), options);
  BOOST_REQUIRE(snippets.size() == 1U);
  const auto& snippet = snippets[0];
  BOOST_TEST(snippet.text.size() <= 120U + 10U);
  BOOST_TEST(snippet.text.rfind("… ", 0) == 0U);
  BOOST_TEST(snippet.text.find(" …") != std::string::npos);
  BOOST_TEST(marked(snippet.text, snippet.highlights) == (std::vector<std::string>{"needle"}));
}

BOOST_AUTO_TEST_CASE(highlights_title_words) {
  SnippetMaker maker({"apec"}, "en");
  std::string title = "Leaders to meet on APEC sidelines";
  BOOST_TEST(marked(title, maker.highlight(title)) == (std::vector<std::string>{"APEC"}));
}

BOOST_AUTO_TEST_CASE(merges_touching_marks_of_a_cjk_word_run) {
  newsdig::analysis::Analyzer analyzer;
  std::vector<std::string> words;
  for (const auto& token : analyzer.tokenize("植木市")) words.push_back(token.term);
  BOOST_REQUIRE(words.size() >= 2U);  // ICU splits it; the marks must not
  SnippetMaker maker(words, "en");
  std::string title = "春の植木市、開催";
  BOOST_TEST(marked(title, maker.highlight(title)) == (std::vector<std::string>{"植木市"}));
}

BOOST_AUTO_TEST_CASE(converts_byte_offsets_to_code_points) {
  std::string text = "日本 APEC";
  auto points = newsdig::results::to_code_points(text, {{7, 11}});
  BOOST_REQUIRE(points.size() == 1U);
  BOOST_TEST(points[0].begin == 3U);
  BOOST_TEST(points[0].end == 7U);
}

BOOST_AUTO_TEST_SUITE_END()
