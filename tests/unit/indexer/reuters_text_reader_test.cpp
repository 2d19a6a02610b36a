#include "indexer/formats/reuters_text_reader.hpp"

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
  read_reuters_text(Input{bytes, "news.tar.xz!d/20061020/story", "news.tar.xz!d/20061020/story"}, sink);
  return sink;
}

Article read_one(std::string_view bytes) {
  auto sink = read(bytes);
  BOOST_TEST_REQUIRE(sink.skips.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  return sink.articles.front();
}

std::string sample(std::string_view name) {
  return read_file(test::test_data_dir() / "reuters-text" / "20061020" / name);
}

constexpr std::string_view kHeader =
    "-- Canal trust raises tolls\n-- By  Ann Brindle\n-- Sat Oct 21, 2006 8:11pm EDT\n"
    "-- http://www.example.invalid/a\n\n \n\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(reuters_text_reader)

BOOST_AUTO_TEST_CASE(the_header_gives_title_byline_date_and_url) {
  const Article article = read_one(sample("us-harbor-cranes-idUSX0000000120061020"));
  BOOST_TEST(article.id == "news.tar.xz!d/20061020/story");
  BOOST_TEST(article.origin == "news.tar.xz!d/20061020/story");
  BOOST_TEST(article.title == "Harbor cranes back in service after repairs");
  BOOST_TEST(article.byline == "Jane Orwell and Tom Reddle");
  BOOST_TEST(article.date == "2006-10-20T18:15:00-04:00");
  BOOST_TEST(article.url ==
             "http://www.example.invalid/article/2006/10/20/us-harbor-cranes-idUSX0000000120061020");
}

BOOST_AUTO_TEST_CASE(the_dateline_gives_place_and_agency_and_leaves_the_body) {
  const Article article = read_one(sample("us-harbor-cranes-idUSX0000000120061020"));
  BOOST_TEST(article.dateline == "PORT ALDER, Maine");
  BOOST_TEST(article.source == "Reuters");
  BOOST_TEST(article.body.starts_with("Two container cranes at the port of Alder returned"));
}

BOOST_AUTO_TEST_CASE(paragraphs_joined_by_the_crawler_are_split_again) {
  const Article article = read_one(sample("us-harbor-cranes-idUSX0000000120061020"));
  BOOST_TEST(
      article.body ==
      "Two container cranes at the port of Alder returned to service on Friday after a month of repairs, "
      "the harbor board said.\n\n"
      "The board said the cranes ( PAH.N ) would handle night shifts from next week.\n\n"
      "Shippers welcomed the news.\n\n"
      "\"We lost a lot of time,\" one agent said.\n\n"
      "REPAIR COSTS\n\n"
      "The repairs cost $2.4 million, the board said.");
}

BOOST_AUTO_TEST_CASE(notes_and_a_byline_before_the_dateline_are_told_apart) {
  const Article article = read_one(sample("us-canal-notes-idUSX0000000220061020"));
  BOOST_TEST(article.byline == "Ann Brindle");  // the header's byline line is empty
  BOOST_TEST(article.dateline == "BRINDLE");    // ", Oct 21" is the date
  BOOST_TEST(article.date == "2006-10-21T08:11:00-05:00");
  BOOST_TEST(article.body ==
             "(Adds trust comment)\n\nThe canal trust raised tolls by 4 percent on Saturday.\n\n"
             "The trust said the money would pay for new lock gates.");
}

BOOST_AUTO_TEST_CASE(datelines_of_other_shapes_are_found) {
  struct Case {
    std::string_view first_line;
    std::string_view dateline;
    std::string_view source;
    std::string_view body;
  };
  const Case cases[] = {
      {" WASHINGTON (Reuters) -U.S. costs rose.", "WASHINGTON", "Reuters", "U.S. costs rose."},
      {" (Reuters) - Shares rose.", "", "Reuters", "Shares rose."},
      {" Nov 16 (Reuters) - A court ruled.", "", "Reuters", "A court ruled."},
      {" TOKYO  Nov 6 (Reuters Life!) - Tea sales grew.", "TOKYO", "Reuters Life!", "Tea sales grew."},
      {" LOS ANGELES (Hollywood Reporter) - A studio opened.", "LOS ANGELES", "Hollywood Reporter",
       "A studio opened."},
      {" SANTIAGO, Jan 2 - Copper rose.", "SANTIAGO", "", "Copper rose."},
      {"  By  Jo Lee WASHINGTON  Oct 27 (Reuters) - Growth slowed.", "WASHINGTON", "Reuters",
       "Growth slowed."},
      {" (Corrects U.S. figure)  NEW YORK  (Reuters) - Stocks fell.", "NEW YORK", "Reuters",
       "(Corrects U.S. figure)\n\nStocks fell."},
      {" Stocks fell on Monday (in heavy trade) - a rout.", "", "",
       "Stocks fell on Monday (in heavy trade) - a rout."},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.first_line) {
      const Article article = read_one(std::string(kHeader) + std::string(c.first_line) + "\n");
      BOOST_TEST(article.dateline == c.dateline);
      BOOST_TEST(article.source == c.source);
      BOOST_TEST(article.body == c.body);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_title_without_body_is_an_article_and_nothing_at_all_is_skipped) {
  const Article title_only = read_one(
      "-- Markets closed for holiday\n-- \n-- Mon Dec 25, 2006 9:00am EST\n"
      "-- http://www.example.invalid/b\n\n \n\n");
  BOOST_TEST(title_only.title == "Markets closed for holiday");
  BOOST_TEST(title_only.body.empty());
  BOOST_TEST(title_only.byline.empty());

  for (std::string_view bytes : {"", "-- \n-- \n-- \n-- \n", "\n \n"}) {
    BOOST_TEST_CONTEXT("\"" << bytes << "\"") {
      const auto sink = read(bytes);
      BOOST_TEST(sink.articles.empty());
      BOOST_TEST_REQUIRE(sink.skips.size() == 1U);
      BOOST_TEST(sink.skips[0].message == "empty article");
    }
  }
}

BOOST_AUTO_TEST_CASE(an_unreadable_date_is_warned_about_and_none_is_made_up) {
  const auto sink = read("-- Title\n-- \n-- sometime on Friday\n-- http://www.example.invalid/c\n\n Body.\n");
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  BOOST_TEST(sink.articles[0].date.empty());
  BOOST_TEST_REQUIRE(sink.warnings.size() == 1U);
  BOOST_TEST(format_diagnostic(sink.warnings[0], "warning") ==
             "news.tar.xz!d/20061020/story:3: warning: date \"sometime on Friday\" not understood; indexed "
             "without a date");
}

BOOST_AUTO_TEST_CASE(text_without_the_header_is_read_as_body_with_a_warning) {
  const auto sink = read("Just a paragraph of text.\n");
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  BOOST_TEST(sink.articles[0].title.empty());
  BOOST_TEST(sink.articles[0].body == "Just a paragraph of text.");
  BOOST_TEST_REQUIRE(sink.warnings.size() == 1U);
  BOOST_TEST(sink.warnings[0].message.starts_with("no \"-- \" header lines"));
}

BOOST_AUTO_TEST_CASE(the_header_shape_is_recognised) {
  BOOST_TEST(looks_like_reuters_text(sample("us-harbor-cranes-idUSX0000000120061020")));
  BOOST_TEST(looks_like_reuters_text(kHeader));
  BOOST_TEST(!looks_like_reuters_text("-- Title\n-- By\n-- date\n"));
  BOOST_TEST(!looks_like_reuters_text("-- \n-- \n-- \n-- http://x\n"));
  BOOST_TEST(!looks_like_reuters_text("-- Title\n-- By\n-- date\n-- not a url\n"));
  BOOST_TEST(!looks_like_reuters_text("Title\n\nBody\n"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::formats
