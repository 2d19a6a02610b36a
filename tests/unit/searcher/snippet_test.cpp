#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "searcher/query/query_parser.hpp"
#include "searcher/results/query_terms.hpp"
#include "searcher/results/snippet.hpp"

using newsdig::Article;
using newsdig::results::Highlight;
using newsdig::results::SnippetMaker;
using newsdig::results::SnippetOptions;

namespace {

newsdig::results::QueryTerms terms_of(const std::string& text, bool any = false,
                                      const std::string& language = "en") {
  newsdig::analysis::Analyzer analyzer;
  newsdig::query::ParseOptions options;
  options.default_op = any ? newsdig::query::DefaultOp::Or : newsdig::query::DefaultOp::And;
  options.language = language;
  return newsdig::results::query_terms(newsdig::query::parse_query(text, analyzer, options).query);
}

// A snippet maker for the query as newsdig-search would parse it.
SnippetMaker maker_for(const std::string& query, bool any = false) {
  return SnippetMaker(terms_of(query, any), "en");
}

Article article_with_body(std::string body) {
  Article article;
  article.id = "t";
  article.lang = "en";
  article.body = std::move(body);
  return article;
}

std::vector<std::string> marked(const std::string& text, const std::vector<Highlight>& marks) {
  std::vector<std::string> words;
  for (const auto& mark : marks) words.push_back(text.substr(mark.begin, mark.end - mark.begin));
  return words;
}

// Every fragment's marked text, fragment after fragment.
std::vector<std::string> all_marked(const std::vector<newsdig::results::Snippet>& snippets) {
  std::vector<std::string> words;
  for (const auto& snippet : snippets) {
    for (auto& word : marked(snippet.text, snippet.highlights)) words.push_back(word);
  }
  return words;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(snippet)

BOOST_AUTO_TEST_CASE(picks_the_sentence_with_most_query_words) {
  auto maker = maker_for("peace treaty");
  auto snippets = maker.make(
      article_with_body(
          "Abe spoke on Monday. The dispute has prevented a peace treaty. Talks on peace continue."),
      {1, 320});
  BOOST_REQUIRE(snippets.size() == 1U);
  BOOST_TEST(snippets.front().text == "The dispute has prevented a peace treaty.");
  BOOST_TEST(marked(snippets.front().text, snippets.front().highlights) ==
             (std::vector<std::string>{"peace", "treaty"}));
}

BOOST_AUTO_TEST_CASE(gives_up_to_k_fragments_in_article_order) {
  auto maker = maker_for("putin abe", true);
  Article article = article_with_body("Putin met Abe. Nothing here. Abe and Putin agreed. Then Abe left.");
  auto two = maker.make(article, {2, 320});
  BOOST_REQUIRE(two.size() == 2U);
  BOOST_TEST(two[0].text == "Putin met Abe.");
  BOOST_TEST(two[1].text == "Abe and Putin agreed.");
  BOOST_TEST(maker.make(article, {3, 320}).size() == 3U);
  BOOST_TEST(maker.make(article, {0, 320}).empty());
}

BOOST_AUTO_TEST_CASE(marks_inflected_forms_and_possessives_as_written) {
  auto maker = maker_for("sanction abe");
  auto snippets = maker.make(article_with_body("Tokyo added sanctions despite Abe’s eagerness."));
  BOOST_REQUIRE(!snippets.empty());
  BOOST_TEST(all_marked(snippets) == (std::vector<std::string>{"sanctions", "Abe’s"}));
}

BOOST_AUTO_TEST_CASE(marks_a_phrase_as_one_unit_and_only_where_its_words_stand_together) {
  auto maker = maker_for("\"peace treaty\"");
  auto snippets =
      maker.make(article_with_body("Peace came late; the treaty held. A peace treaty was signed."), {2, 320});
  BOOST_REQUIRE(snippets.size() == 1U);
  BOOST_TEST(snippets[0].text == "A peace treaty was signed.");
  BOOST_TEST(all_marked(snippets) == (std::vector<std::string>{"peace treaty"}));
}

BOOST_AUTO_TEST_CASE(marks_a_hyphenated_query_word_as_one_unit) {
  auto maker = maker_for("post-World");
  auto snippets = maker.make(article_with_body("It was a post-World War II order, a world apart."));
  BOOST_TEST(all_marked(snippets) == (std::vector<std::string>{"post-World"}));
}

BOOST_AUTO_TEST_CASE(never_marks_a_lone_stopword_while_the_query_has_other_words) {
  auto maker = maker_for("the treaty of peace", true);
  auto snippets = maker.make(article_with_body("The treaty of the year brought peace."));
  BOOST_TEST(all_marked(snippets) == (std::vector<std::string>{"treaty", "peace"}));
}

BOOST_AUTO_TEST_CASE(marks_stopwords_inside_a_phrase_and_a_query_of_only_stopwords) {
  auto phrase = maker_for("\"treaty of peace\"");
  BOOST_TEST(all_marked(phrase.make(article_with_body("A treaty of peace, of sorts."))) ==
             (std::vector<std::string>{"treaty of peace"}));
  auto only = maker_for("the");
  BOOST_TEST(all_marked(only.make(article_with_body("The end."))) == (std::vector<std::string>{"The"}));
}

BOOST_AUTO_TEST_CASE(never_marks_an_excluded_word) {
  auto maker = maker_for("treaty -peace");
  auto snippets = maker.make(article_with_body("The treaty is not about peace."));
  BOOST_TEST(all_marked(snippets) == (std::vector<std::string>{"treaty"}));
}

BOOST_AUTO_TEST_CASE(marks_a_field_word_only_in_its_field) {
  auto maker = maker_for("title:apec");
  Article article = article_with_body("Leaders meet at APEC in November.");
  article.title = "APEC summit";
  BOOST_TEST(marked(article.title, maker.highlight_title(article)) == (std::vector<std::string>{"APEC"}));
  BOOST_TEST(all_marked(maker.make(article)).empty());
}

BOOST_AUTO_TEST_CASE(marks_the_words_a_wildcard_expands_to) {
  auto maker = maker_for("sanct*");
  BOOST_TEST(all_marked(maker.make(article_with_body("New sanctions, sanctioned by Tokyo."))) ==
             (std::vector<std::string>{"sanctions", "sanctioned"}));
}

BOOST_AUTO_TEST_CASE(shows_the_lead_when_no_body_word_matches) {
  auto maker = maker_for("kremlin");
  auto snippets = maker.make(article_with_body("First sentence here. Second one."));
  BOOST_REQUIRE(snippets.size() == 1U);
  BOOST_TEST(snippets[0].text == "First sentence here.");
  BOOST_TEST(snippets[0].highlights.empty());
}

BOOST_AUTO_TEST_CASE(leaves_the_dateline_out_of_the_first_sentence) {
  auto maker = maker_for("exxon");
  auto snippets =
      maker.make(article_with_body("ANCHORAGE, Alaska  (Reuters) - Exxon Mobil offered to pay a fine."));
  BOOST_REQUIRE(snippets.size() == 1U);
  BOOST_TEST(snippets[0].text == "Exxon Mobil offered to pay a fine.");
  BOOST_TEST(all_marked(snippets) == (std::vector<std::string>{"Exxon"}));
}

BOOST_AUTO_TEST_CASE(never_shows_boilerplate_even_when_it_matches) {
  auto maker = maker_for("doe", true);
  auto snippets =
      maker.make(article_with_body("Prices rose. (Reporting by Jane Doe; Editing by Tom Roe)\n\nReuter"));
  BOOST_REQUIRE(snippets.size() == 1U);
  BOOST_TEST(snippets[0].text == "Prices rose.");
}

BOOST_AUTO_TEST_CASE(cuts_a_long_sentence_to_a_window_around_the_match) {
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "word" + std::to_string(i) + " ";
  auto maker = maker_for("needle");
  auto snippets = maker.make(article_with_body(filler + "needle " + filler + "end."), {1, 120});
  BOOST_REQUIRE(snippets.size() == 1U);
  const auto& snippet = snippets[0];
  BOOST_TEST(snippet.text.size() <= 120U + 10U);
  BOOST_TEST(snippet.text.rfind("… ", 0) == 0U);
  BOOST_TEST(snippet.text.find(" …") != std::string::npos);
  BOOST_TEST(marked(snippet.text, snippet.highlights) == (std::vector<std::string>{"needle"}));
}

BOOST_AUTO_TEST_CASE(highlights_title_words) {
  auto maker = maker_for("apec");
  Article article;
  article.title = "Leaders to meet on APEC sidelines";
  BOOST_TEST(marked(article.title, maker.highlight_title(article)) == (std::vector<std::string>{"APEC"}));
}

BOOST_AUTO_TEST_CASE(merges_touching_marks_of_a_cjk_word_run) {
  auto maker = maker_for("植木市");
  Article article;
  article.lang = "ja";
  article.title = "春の植木市、開催";
  BOOST_TEST(marked(article.title, maker.highlight_title(article)) == (std::vector<std::string>{"植木市"}));
}

BOOST_AUTO_TEST_CASE(splits_sentences_of_languages_icu_has_no_exceptions_for) {
  auto maker = maker_for("植木市");
  Article article = article_with_body("春の植木市が開かれた。多くの人が訪れた。");
  article.lang = "ja";
  auto snippets = maker.make(article);
  BOOST_REQUIRE(!snippets.empty());
  BOOST_TEST(snippets[0].text == "春の植木市が開かれた。");
}

BOOST_AUTO_TEST_CASE(finds_matches_in_any_paragraph_whatever_form_the_word_takes) {
  struct Case {
    std::string query;
    std::string body;
    std::vector<std::string> marks;
  };
  const std::vector<Case> cases = {
      {"treaty", "Nothing here.\n\nStill nothing.\n\nA treaty at last.", {"treaty"}},
      {"happiness", "Lead.\n\nThey were happy.", {"happy"}},
      {"die", "Lead.\n\nThe dying trees.", {"dying"}},
      {"tokyo", "Lead.\n\nＴｏｋｙｏ stocks fell.", {"Ｔｏｋｙｏ"}},
      {"\"peace treaty\"", "A peace\n\ntreaty? No.\n\nA peace treaty.", {"peace treaty"}},
      {"u.s", "Lead.\n\nThe U.S. economy.", {"U.S"}},
      {"don't", "Lead.\n\nI don’t know.", {"don’t"}},
      {"abe", "Lead.\n\n“Abe’s plan”, they said.", {"Abe’s"}},
      {"sanct*", "Lead.\n\nSanctions hit.", {"Sanctions"}},
      {"economy", "Lead.\n\nThe economies—all of them—grew.", {"economies"}},
  };
  for (const auto& c : cases) {
    auto maker = maker_for(c.query);
    BOOST_TEST(all_marked(maker.make(article_with_body(c.body), {3, 320})) == c.marks, c.query);
  }
}

BOOST_AUTO_TEST_CASE(stems_the_words_of_an_article_in_its_own_language) {
  auto maker = SnippetMaker(terms_of("häuser", false, "de"), "de");
  Article article = article_with_body("Kurz.\n\nDie Häuser der Stadt und ein Haus.");
  article.lang = "de";
  BOOST_TEST(all_marked(maker.make(article)) == (std::vector<std::string>{"Häuser", "Haus"}));  // one stem
}

BOOST_AUTO_TEST_CASE(finds_the_datelines_of_wire_stories) {
  struct Case {
    std::string sentence;
    std::string rest;  // what is left after the dateline
  };
  const std::vector<Case> cases = {
      {"TOKYO (Reuters) - Abe met Putin.", "Abe met Putin."},
      {"WASHINGTON, Sept 22 - The Fed held.", "The Fed held."},
      {"NEW YORK, N.Y. -- Stocks fell.", "Stocks fell."},
      {"BERLIN—Merkel spoke.", "Merkel spoke."},
      {"PORT ALDER - Buyers bid.", "Buyers bid."},
      {"ANCHORAGE, Alaska  (Reuters) - Exxon offered.", "Exxon offered."},
      {"SAN FRANCISCO/NEW YORK (Reuters) - Analysts raced.", "Analysts raced."},
      {"Tokyo - not a dateline.", "Tokyo - not a dateline."},
      {"TOKYO-based firms grew.", "TOKYO-based firms grew."},
      {"A - not a place.", "A - not a place."},
      {"The NATO summit opened.", "The NATO summit opened."},
  };
  for (const auto& c : cases) {
    BOOST_TEST(c.sentence.substr(newsdig::results::dateline_length(c.sentence)) == c.rest, c.sentence);
  }
}

BOOST_AUTO_TEST_CASE(tells_wire_boilerplate_from_news) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"Reuter", true},
      {"(Reporting by Jane Doe; Editing by Tom Roe)", true},
      {"(Additional reporting by Ann Lee)", true},
      {"Copyright 2014 Kyodo News. All rights reserved.", true},
      {"Click here to subscribe.", true},
      {"Reuters reported a loss.", false},
      {"The editing of the report took a week.", false},
  };
  for (const auto& [sentence, boilerplate] : cases) {
    BOOST_TEST(newsdig::results::is_boilerplate(sentence) == boilerplate, sentence);
  }
}

BOOST_AUTO_TEST_SUITE_END()
