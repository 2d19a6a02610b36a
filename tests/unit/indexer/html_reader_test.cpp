#include "indexer/formats/html_reader.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

#include "tests/support/paths.hpp"
#include "tests/unit/indexer/recording_sink.hpp"

namespace newsdig::formats {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_TEST_REQUIRE(in.good(), "cannot open " << path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

test::RecordingSink read(std::string_view bytes) {
  test::RecordingSink sink;
  read_html(Input{bytes, "page.html", "site/page.html"}, sink);
  return sink;
}

Article read_one(std::string_view bytes) {
  auto sink = read(bytes);
  BOOST_TEST_REQUIRE(sink.skips.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  return sink.articles.front();
}

Article read_sample(std::string_view name) {
  return read_one(read_file(test::test_data_dir() / "html" / name));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(html_reader)

BOOST_AUTO_TEST_CASE(a_news_page_gives_headline_date_and_metadata) {
  const Article article = read_sample("story.html");
  BOOST_TEST(article.id == "site/page.html");
  BOOST_TEST(article.origin == "page.html");
  BOOST_TEST(article.title == "Harbor cranes back in service after repairs");  // og:title
  BOOST_TEST(article.date == "2023-03-06T09:30:00+01:00");  // article:published_time beats JSON-LD and <time>
  BOOST_TEST(article.source == "Coastal Wire");
  BOOST_TEST(article.byline == "Jane Orwell");
  BOOST_TEST(article.url == "https://coastal-wire.example/2023/03/06/harbor-cranes");
  BOOST_TEST(article.lang == "en");
}

BOOST_AUTO_TEST_CASE(the_body_is_the_story_without_navigation_scripts_asides_and_footers) {
  const Article article = read_sample("story.html");
  BOOST_TEST(
      article.body ==
      "PORT ALDER \xE2\x80\x94 Two container cranes returned to service on Monday after a month of repairs, "
      "the harbor board said.\n\n"
      "The board said the cranes would handle night shifts from next week, and that shippers\xE2\x80\x99 "
      "waiting times should fall.\n\n"
      "Repair costs\n\n"
      "The repairs cost 2.4 million euros.\n\n"
      "Insurance paid half.");
  for (std::string_view left_out : {"Home", "tracking", "font-family", "Share on", "Related", "Great news",
                                    "Copyright", "Photo", "By Jane", "JSON-LD"}) {
    BOOST_TEST_CONTEXT(left_out) {
      BOOST_TEST(article.body.find(left_out) == std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_article_with_most_paragraph_text_is_the_story) {
  const Article article = read_sample("teasers.html");
  BOOST_TEST(article.title == "Canal trust buys two dredgers - River News");  // <title>: no site name known
  BOOST_TEST(article.date == "2003-06-10T04:00:00Z");                         // dcterms.date, RFC 2822
  BOOST_TEST(article.body ==
             "The canal trust bought two dredgers to keep the Brindle canal open all year.\n\n"
             "The trust said the dredgers would arrive in May and work through the winter.");
}

BOOST_AUTO_TEST_CASE(the_headline_falls_back_from_og_title_to_h1_to_title) {
  BOOST_TEST(read_one("<html><head><title>Tab | Site</title><meta property=\"og:site_name\" content=\"Site\">"
                      "</head><body><p>Text.</p></body></html>")
                 .title == "Tab");
  const Article with_h1 = read_one(
      "<html><head><title>Tab</title></head><body><main><h1>Main  headline</h1>"
      "<p>Text.</p></main></body></html>");
  BOOST_TEST(with_h1.title == "Main headline");
  BOOST_TEST(with_h1.body == "Text.");  // the headline is not repeated in the body
}

BOOST_AUTO_TEST_CASE(the_date_comes_from_the_best_source_the_page_has) {
  struct Case {
    std::string_view head;
    std::string_view body;
    std::string_view date;
  };
  const Case cases[] = {
      {"<meta itemprop=\"datePublished\" content=\"2020-05-01\">", "", "2020-05-01"},
      {"<script type=\"application/ld+json\">{\"@graph\": [{\"@type\": \"NewsArticle\", \"datePublished\": "
       "\"2021-02-03T04:05:06Z\"}]}</script>",
       "", "2021-02-03T04:05:06Z"},
      {"<meta name=\"pubdate\" content=\"Sat Oct 21, 2006 8:11pm EDT\">", "", "2006-10-21T20:11:00-04:00"},
      {"", "<p>Posted <time datetime=\"2019-07-08T10:00\">July 8</time>.</p>", "2019-07-08T10:00:00"},
      {"<meta property=\"article:published_time\" content=\"garbage\">",
       "<time datetime=\"2018-01-02\">then</time>", "2018-01-02"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.head << c.body) {
      const Article article = read_one("<html><head>" + std::string(c.head) + "</head><body><p>Story.</p>" +
                                       std::string(c.body) + "</body></html>");
      BOOST_TEST(article.date == c.date);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_date_that_does_not_parse_is_warned_about_and_none_is_made_up) {
  const auto sink = read(
      "<html><head><meta name=\"date\" content=\"last week\"></head><body><p>Story.</p></body>"
      "</html>");
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  BOOST_TEST(sink.articles[0].date.empty());
  BOOST_TEST_REQUIRE(sink.warnings.size() == 1U);
  BOOST_TEST(sink.warnings[0].message == "date \"last week\" not understood; indexed without a date");
}

BOOST_AUTO_TEST_CASE(hidden_and_furniture_elements_are_left_out) {
  const Article article = read_one(
      "<body><div role=\"navigation\">Menu</div><p hidden>Hidden</p><div aria-hidden=\"true\">Icon</div>"
      "<div class=\"cookie-banner\">Cookies</div><div id=\"site-footer\">Footer</div><div "
      "class=\"navy-blue\">"
      "Kept, navy is not nav</div><p>Story text.</p></body>");
  BOOST_TEST(article.body == "Kept, navy is not nav\n\nStory text.");
}

BOOST_AUTO_TEST_CASE(the_declared_charset_decodes_the_page) {
  const std::string bytes = read_file(test::test_data_dir() / "encodings" / "latin1.html");
  BOOST_TEST(declared_html_charset(bytes) == "iso-8859-1");
  const Article article = read_one(bytes);
  BOOST_TEST(article.title == "Caf\xC3\xA9 owners expect a busy summer");
  BOOST_TEST(article.body == "Bookings from Z\xC3\xBCrich doubled \xE2\x80\x93 the association said.");
}

BOOST_AUTO_TEST_CASE(charset_declarations_are_found_in_their_usual_forms) {
  BOOST_TEST(declared_html_charset("<meta charset=\"Shift_JIS\">") == "Shift_JIS");
  BOOST_TEST(declared_html_charset("<META CHARSET=utf-8>") == "utf-8");
  BOOST_TEST(declared_html_charset("<meta content='text/html; charset=windows-1251' http-equiv=x>") ==
             "windows-1251");
  BOOST_TEST(declared_html_charset("<p>no charset here</p>").empty());
  BOOST_TEST(declared_html_charset(std::string(5000, ' ') + "<meta charset=\"koi8-r\">").empty());
}

BOOST_AUTO_TEST_CASE(pages_without_words_are_skipped) {
  const std::string bytes = read_file(test::test_data_dir() / "html" / "empty.html");
  const auto sink = read(bytes);
  BOOST_TEST(sink.articles.empty());
  BOOST_TEST_REQUIRE(sink.skips.size() == 1U);
  BOOST_TEST(format_diagnostic(sink.skips[0], "error") == "page.html: error: empty article");
}

BOOST_AUTO_TEST_CASE(deeply_nested_markup_does_not_overflow_the_stack) {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<div>";
  deep += "Deep text.";
  const Article article = read_one(deep);
  BOOST_TEST(article.body == "Deep text.");
}

BOOST_AUTO_TEST_CASE(html_documents_are_recognised_by_their_start) {
  BOOST_TEST(looks_like_html("<!DOCTYPE html>\n<html>"));
  BOOST_TEST(looks_like_html("\xEF\xBB\xBF  <!-- generated --><HTML lang=en>"));
  BOOST_TEST(looks_like_html("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"));
  BOOST_TEST(looks_like_html("<head><title>x</title>"));
  BOOST_TEST(!looks_like_html("<htmlx>"));
  BOOST_TEST(!looks_like_html("<DOC>"));
  BOOST_TEST(!looks_like_html("Headline\n\n<html> in text"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::formats
