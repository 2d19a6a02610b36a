#include "indexer/formats/reuters21578_reader.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/support/paths.hpp"
#include "tests/unit/indexer/recording_sink.hpp"

namespace newsdig::formats {
namespace {

using test::extra_field;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_TEST_REQUIRE(in.good(), "cannot open " << path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

test::RecordingSink read_sample(std::string_view name) {
  const std::string bytes = read_file(test::test_data_dir() / "reuters21578" / name);
  test::RecordingSink sink;
  read_reuters21578(Input{bytes, std::string(name), std::string(name)}, sink);
  return sink;
}

std::vector<std::string> tags_of(const Article& article) {
  std::vector<std::string> tags;
  for (const Tag& tag : article.tags) tags.push_back(tag.field + ":" + tag.value);
  return tags;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reuters21578_reader)

BOOST_AUTO_TEST_CASE(reads_every_field_of_a_full_story) {
  const auto sink = read_sample("sample.sgm");
  BOOST_TEST_REQUIRE(!sink.articles.empty());
  const Article& story = sink.articles[0];
  BOOST_TEST(story.id == "reuters21578:101");
  BOOST_TEST(story.origin == "sample.sgm:2");
  BOOST_TEST(story.title == "MARLOW GRAIN BARGES <MGB> RESUME SAILINGS");
  BOOST_TEST(story.date == "1987-03-02T10:15:30");
  BOOST_TEST(story.byline == "Hal Tenbury");
  BOOST_TEST(story.dateline == "MARLOW FALLS, Ind.");
  BOOST_TEST(story.source == "Reuters");
  BOOST_TEST(tags_of(story) ==
                 (std::vector<std::string>{"topic:grain", "topic:wheat", "place:usa", "place:west-germany",
                                           "person:hal-tenbury", "org:ec", "exchange:cbt"}),
             boost::test_tools::per_element());
  BOOST_TEST(extra_field(story, "lewissplit") == "TRAIN");
  BOOST_TEST(extra_field(story, "cgisplit") == "TRAINING-SET");
  BOOST_TEST(extra_field(story, "oldid") == "9001");
}

BOOST_AUTO_TEST_CASE(the_body_keeps_paragraphs_joins_wrapped_lines_and_drops_the_sign_off) {
  const auto sink = read_sample("sample.sgm");
  BOOST_TEST_REQUIRE(!sink.articles.empty());
  BOOST_TEST(sink.articles[0].body ==
             "Grain barges on the Marlow river resumed sailings after the ice broke up, the river authority "
             "said.\n\nShippers said about forty barges of wheat & corn were waiting at the upper locks.\n\n"
             "The authority said traffic should be normal by the end of the week.");
}

BOOST_AUTO_TEST_CASE(brief_stories_are_their_title_and_unprocessed_ones_their_raw_text) {
  const auto sink = read_sample("sample.sgm");
  BOOST_TEST_REQUIRE(sink.articles.size() == 4U, sink.diagnostics());
  const Article& brief = sink.articles[1];
  BOOST_TEST(brief.id == "reuters21578:102");
  BOOST_TEST(brief.title == "QUILLON BANK RAISES BASE RATE TO 11 PCT");
  BOOST_TEST(brief.body.empty());
  BOOST_TEST(brief.date == "1987-03-02T10:20:01");  // the wire codes after the time are cut off
  const Article& unprocessed = sink.articles[2];
  BOOST_TEST(unprocessed.id == "reuters21578:103");
  BOOST_TEST(unprocessed.title == "HARBOUR TONNAGE REPORT - MARCH 2");
  BOOST_TEST(unprocessed.body ==
             "Week ended Feb 27 tonnes\n\nGrain loaded........12,400 vs.....9,800\n\n"
             "Coal loaded..........3,100 vs.....4,250");
}

BOOST_AUTO_TEST_CASE(bad_records_are_skipped_with_their_line_and_the_rest_is_read) {
  const auto sink = read_sample("sample.sgm");
  BOOST_TEST_REQUIRE(sink.skips.size() == 2U, sink.diagnostics());
  BOOST_TEST(format_diagnostic(sink.skips[0], "error") ==
             "sample.sgm:61: error: REUTERS element without NEWID");
  BOOST_TEST(format_diagnostic(sink.skips[1], "error") == "sample.sgm:68: error: empty article");
  BOOST_TEST_REQUIRE(sink.articles.size() == 4U);
  BOOST_TEST(sink.articles[3].id == "reuters21578:106");
  BOOST_TEST(sink.articles.size() + sink.skips.size() == 6U);  // six <REUTERS> elements, all accounted for
}

BOOST_AUTO_TEST_CASE(a_date_with_an_unreadable_time_keeps_its_day_with_a_warning) {
  const auto sink = read_sample("sample.sgm");
  BOOST_TEST_REQUIRE(sink.articles.size() == 4U);
  BOOST_TEST(sink.articles[3].date == "1987-03-31");
  BOOST_TEST(sink.articles[3].body == "Coffee talks adjourned without an accord on quotas, delegates said.");
  BOOST_TEST_REQUIRE(sink.warnings.size() == 1U, sink.diagnostics());
  BOOST_TEST(format_diagnostic(sink.warnings[0], "warning") ==
             "sample.sgm:75: warning: date \"31-MAR-1987 605:12:19.12\" has an unreadable time; only the day "
             "is kept");
}

BOOST_AUTO_TEST_CASE(a_record_without_end_tag_is_skipped_and_the_next_one_read) {
  const auto sink = read_sample("unclosed.sgm");
  BOOST_TEST_REQUIRE(sink.skips.size() == 1U, sink.diagnostics());
  BOOST_TEST(format_diagnostic(sink.skips[0], "error") ==
             "unclosed.sgm:2: error: REUTERS element has no end tag </REUTERS>");
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  BOOST_TEST(sink.articles[0].id == "reuters21578:202");
  BOOST_TEST(sink.articles[0].body == "This record is complete and is still read.");
}

BOOST_AUTO_TEST_CASE(latin1_bytes_are_decoded) {
  const std::string bytes = read_file(test::test_data_dir() / "encodings" / "latin1.sgm");
  test::RecordingSink sink;
  read_reuters21578(Input{bytes, "latin1.sgm", "latin1.sgm"}, sink);
  BOOST_TEST(sink.warnings.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  BOOST_TEST(sink.articles[0].title == "Z\xC3\x9CRICH BANK CUTS RATES");
  BOOST_TEST(sink.articles[0].body == "A Z\xC3\xBCrich bank cut its lending rates.");
}

BOOST_AUTO_TEST_CASE(input_without_reuters_elements_is_skipped_as_a_whole) {
  for (std::string_view bytes : {"", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n", "just text\n", "<REUTERS"}) {
    BOOST_TEST_CONTEXT("\"" << bytes << "\"") {
      test::RecordingSink sink;
      read_reuters21578(Input{bytes, "x.sgm", "x.sgm"}, sink);
      BOOST_TEST(sink.articles.empty());
      BOOST_TEST_REQUIRE(sink.skips.size() == 1U);
      BOOST_TEST(sink.skips[0].line == 0U);
      BOOST_TEST(sink.skips[0].message == "no <REUTERS> element (not Reuters-21578 SGML)");
    }
  }
}

BOOST_AUTO_TEST_CASE(line_numbers_count_from_the_first_line_of_a_piece) {
  const std::string_view bytes =
      "<REUTERS NEWID=\"9\">\n<TEXT><TITLE>PIECE</TITLE><BODY>Text.</BODY></TEXT>\n</REUTERS>\n";
  Input input{bytes, "big.sgm", "big.sgm"};
  input.first_line = 500;
  test::RecordingSink sink;
  read_reuters21578(input, sink);
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  BOOST_TEST(sink.articles[0].origin == "big.sgm:500");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::formats
