#include "indexer/formats/text_reader.hpp"

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

test::RecordingSink read(std::string_view bytes, std::string origin = "a.txt") {
  test::RecordingSink sink;
  read_text(Input{bytes, origin, origin}, sink);
  return sink;
}

// Reads `bytes`, requiring exactly one article and no skip.
Article read_one(std::string_view bytes) {
  auto sink = read(bytes);
  BOOST_TEST_REQUIRE(sink.skips.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  return sink.articles.front();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(text_reader)

BOOST_AUTO_TEST_CASE(seed_002_loses_its_repeated_headline_dateline_and_browser_notice) {
  const auto path = test::corpus_dir() / "seeds" / "002_e0ec6849fc1fbacb.txt";
  const std::string bytes = read_file(path);
  test::RecordingSink sink;
  read_text(Input{bytes, "corpus/seeds/002_e0ec6849fc1fbacb.txt", "corpus/seeds/002_e0ec6849fc1fbacb.txt"},
            sink);
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  BOOST_TEST(sink.skips.empty());
  BOOST_TEST(sink.warnings.empty(), sink.diagnostics());
  const Article& article = sink.articles.front();

  BOOST_TEST(article.title == "Japan, Russia leaders to meet on APEC sidelines in November");
  BOOST_TEST(article.dateline == "TOKYO");
  BOOST_TEST(article.source.empty());
  BOOST_TEST(article.body.starts_with("Japanese Prime Minister Shinzo Abe will meet Russian President"));
  BOOST_TEST(article.body.find("sidelines in November\n") == std::string::npos);  // no repeated headline
  BOOST_TEST(article.body.find("TOKYO -") == std::string::npos);
  BOOST_TEST(article.body.find("best viewed") == std::string::npos);
  BOOST_TEST(article.body.ends_with("Abe's approach to Japan's wartime past."));
  BOOST_TEST(article.id == "corpus/seeds/002_e0ec6849fc1fbacb.txt");
  BOOST_TEST(article.origin == "corpus/seeds/002_e0ec6849fc1fbacb.txt");
}

BOOST_AUTO_TEST_CASE(seed_000_takes_its_agency_line_as_source_and_keeps_the_unterminated_last_line) {
  const std::string bytes = read_file(test::corpus_dir() / "seeds" / "000_56ec079a7a28b595.txt");
  BOOST_TEST_REQUIRE(!bytes.ends_with("\n"));  // the point of this case
  const Article article = read_one(bytes);

  BOOST_TEST(article.title ==
             "With fall visit unlikely, Abe proposes meeting Putin on sidelines of November APEC summit");
  BOOST_TEST(article.source == "Kyodo, JIJI");
  BOOST_TEST(article.dateline.empty());
  BOOST_TEST(article.body.starts_with("Prime Minister Shinzo Abe has proposed holding direct talks"));
  BOOST_TEST(article.body.find("Kyodo, JIJI") == std::string::npos);
  BOOST_TEST(
      article.body.ends_with("but Russia has yet to give a clear response, according to the sources."));
  // 19 non-blank lines: headline, agency line, then 17 paragraphs, each its own blank-line separated block.
  std::size_t separators = 0;
  for (std::size_t at = article.body.find("\n\n"); at != std::string::npos;
       at = article.body.find("\n\n", at + 2)) {
    ++separators;
  }
  BOOST_TEST(separators == 16U);
}

BOOST_AUTO_TEST_CASE(sets_id_and_origin_from_the_input_and_leaves_date_and_lang_empty) {
  test::RecordingSink sink;
  read_text(Input{"Headline\n\nBody text.\n", "archive.tar:news/a.txt", "archive.tar/news/a.txt"}, sink);
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  const Article& article = sink.articles.front();
  BOOST_TEST(article.id == "archive.tar/news/a.txt");
  BOOST_TEST(article.origin == "archive.tar:news/a.txt");
  BOOST_TEST(article.title == "Headline");
  BOOST_TEST(article.body == "Body text.");
  BOOST_TEST(article.lang.empty());
  BOOST_TEST(article.date.empty());
  BOOST_TEST(article.url.empty());
  BOOST_TEST(article.extra.empty());
}

BOOST_AUTO_TEST_CASE(reads_the_same_article_whatever_the_line_ends_and_byte_order_mark) {
  struct Case {
    std::string_view name;
    std::string_view bytes;
  };
  const Case cases[] = {
      {"LF", "Headline\n\nAgency One\n\nTOKYO - First.\n\nSecond.\n"},
      {"CRLF", "Headline\r\n\r\nAgency One\r\n\r\nTOKYO - First.\r\n\r\nSecond.\r\n"},
      {"CR", "Headline\r\rAgency One\r\rTOKYO - First.\r\rSecond.\r"},
      {"BOM and CRLF", "\xEF\xBB\xBFHeadline\r\n\r\nAgency One\r\n\r\nTOKYO - First.\r\n\r\nSecond."},
      {"trailing spaces and tabs", "  Headline \t\n \n\tAgency One\n\nTOKYO - First.  \n\nSecond.\n\n\n"},
      {"no-break spaces", "\xC2\xA0Headline\xC2\xA0\n\xE3\x80\x80\nAgency One\n\nTOKYO - First.\n\nSecond."},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      const Article article = read_one(c.bytes);
      BOOST_TEST(article.title == "Headline");
      BOOST_TEST(article.source == "Agency One");
      BOOST_TEST(article.dateline == "TOKYO");
      BOOST_TEST(article.body == "First.\n\nSecond.");
    }
  }
}

BOOST_AUTO_TEST_CASE(repairs_invalid_utf8_and_warns_with_the_count) {
  auto sink = read("Caf\xC3\xA9 opens\n\nThe caf\xC3\xA9 opened on \xFF\xFEMonday.\n");
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  BOOST_TEST_REQUIRE(sink.warnings.size() == 1U);
  BOOST_TEST(sink.warnings[0].origin == "a.txt");
  BOOST_TEST(sink.warnings[0].line == 0U);
  BOOST_TEST(sink.warnings[0].message == "replaced 2 invalid UTF-8 sequences (first on line 3)");
  BOOST_TEST(sink.articles[0].title == "Caf\xC3\xA9 opens");
  BOOST_TEST(sink.articles[0].body == "The caf\xC3\xA9 opened on \xEF\xBF\xBD\xEF\xBF\xBDMonday.");
}

BOOST_AUTO_TEST_CASE(text_in_legacy_encodings_is_decoded_without_warnings) {
  struct Case {
    std::string_view file;
    std::string_view title;
    std::string_view body;
  };
  const Case cases[] = {
      {"latin1.txt", "Caf\xC3\xA9 owners in S\xC3\xA3o Paulo expect a busy summer",
       "The caf\xC3\xA9 association said on Monday that bookings from Z\xC3\xBCrich and Besan\xC3\xA7on had "
       "doubled."},
      {"windows1252.txt", "Harbor board \xE2\x80\x9Cpleased\xE2\x80\x9D with crane repairs",
       "The repairs cost \xE2\x82\xAC"
       "2.4 million \xE2\x80\x93 half of it paid by insurance, the board said."},
      {"utf16le.txt", "Ferry news", "Ferries resumed."},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.file) {
      const std::string bytes = read_file(test::test_data_dir() / "encodings" / c.file);
      auto sink = read(bytes, std::string(c.file));
      BOOST_TEST(sink.warnings.empty(), sink.diagnostics());
      BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
      BOOST_TEST(sink.articles[0].title == c.title);
      BOOST_TEST(sink.articles[0].body == c.body);
    }
  }
}

BOOST_AUTO_TEST_CASE(valid_utf8_gives_no_warning) {
  auto sink = read("Caf\xC3\xA9 opens\n\n\xE6\x9D\xB1\xE4\xBA\xAC - \xE2\x80\x9CQuoted\xE2\x80\x9D text.\n");
  BOOST_TEST(sink.warnings.empty(), sink.diagnostics());
  BOOST_TEST(sink.articles.size() == 1U);
}

BOOST_AUTO_TEST_CASE(skips_input_without_words_as_empty_article) {
  const std::string_view cases[] = {
      "",
      "\n\n\n",
      "  \r\n\t\r\n",
      "\xEF\xBB\xBF",
      "---\n\n***\n\n...",
      "\xE2\x80\x94 \xE2\x80\x94\n",
      "\xE2\x80\x94 \xFF\n",  // a dash and a replaced byte
      "Advertisement\n\nShare this article\n",
  };
  for (const auto& bytes : cases) {
    BOOST_TEST_CONTEXT("input of " << bytes.size() << " bytes") {
      auto sink = read(bytes);
      BOOST_TEST(sink.articles.empty());
      BOOST_TEST_REQUIRE(sink.skips.size() == 1U);
      BOOST_TEST(sink.skips[0].origin == "a.txt");
      BOOST_TEST(sink.skips[0].line == 0U);
      BOOST_TEST(sink.skips[0].message == "empty article");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_headline_alone_is_an_article) {
  const Article article = read_one("Ferry timetable changes on Monday");
  BOOST_TEST(article.title == "Ferry timetable changes on Monday");
  BOOST_TEST(article.body.empty());
}

BOOST_AUTO_TEST_CASE(non_latin_text_is_an_article) {
  const Article article =
      read_one("\xE6\xA1\x9C\xE3\x83\xB6\xE4\xB8\x98\n\n\xE6\xA4\x8D\xE6\x9C\xA8\xE5\xB8\x82\xE3\x80\x82\n");
  BOOST_TEST(article.title == "\xE6\xA1\x9C\xE3\x83\xB6\xE4\xB8\x98");
  BOOST_TEST(article.source.empty());  // a short line in another script is not an agency line
  BOOST_TEST(article.body == "\xE6\xA4\x8D\xE6\x9C\xA8\xE5\xB8\x82\xE3\x80\x82");
}

BOOST_AUTO_TEST_CASE(wire_story_from_test_data_keeps_the_agency_line_over_the_dateline_agency) {
  const Article article = read_one(read_file(test::test_data_dir() / "text" / "wire_story.txt"));
  BOOST_TEST(article.title == "Ferry service to Gull Island resumes after storm repairs");
  BOOST_TEST(article.source == "Harbor Bulletin");
  BOOST_TEST(article.dateline == "PORT ALDER");
  BOOST_TEST(
      article.body ==
      "Ferries to Gull Island resumed on Monday after a three-week halt while storm damage to the pier was "
      "repaired, the island council said.\n\n"
      "The council said the first boat carried 41 passengers and a van of mail.\n\n"
      "Timetables return to the summer schedule in May.");
}

BOOST_AUTO_TEST_CASE(hard_wrapped_paragraphs_are_joined_and_the_byline_taken) {
  const Article article = read_one(read_file(test::test_data_dir() / "text" / "hard_wrapped.txt"));
  BOOST_TEST(article.title == "Council votes to light the old lighthouse again");
  BOOST_TEST(article.byline == "Mara Quill");
  BOOST_TEST(article.source.empty());
  BOOST_TEST(
      article.body ==
      "The town council of Wrenfield voted on Tuesday to relight the old lighthouse on Cape Sorrel, dark "
      "since 1987, as a beacon for the summer sailing season.\n\n"
      "Councillor Ada Bright said the lamp would run on solar power.");
}

BOOST_AUTO_TEST_CASE(every_text_file_of_the_corpus_reads_cleanly) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::corpus_dir())) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    BOOST_TEST_CONTEXT(entry.path()) {
      const std::string bytes = read_file(entry.path());
      auto sink = read(bytes, entry.path().string());
      BOOST_TEST(sink.skips.empty(), sink.diagnostics());
      BOOST_TEST(sink.warnings.empty(), sink.diagnostics());
      BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
      const Article& article = sink.articles.front();
      BOOST_TEST(!article.title.empty());
      BOOST_TEST(!article.body.empty());
      BOOST_TEST(article.body.find("best viewed") == std::string::npos);
      BOOST_TEST(article.body.find("ights reserved") == std::string::npos);
    }
  }
  BOOST_TEST(files >= 4U);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::formats
