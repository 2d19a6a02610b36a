#include "indexer/formats/trec_reader.hpp"

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

test::RecordingSink read_sample() {
  const std::string bytes = read_file(test::test_data_dir() / "trec" / "sample.trec");
  test::RecordingSink sink;
  read_trec(Input{bytes, "sample.trec", "trec/sample.trec"}, sink);
  return sink;
}

test::RecordingSink read(std::string_view bytes) {
  test::RecordingSink sink;
  read_trec(Input{bytes, "t", "t"}, sink);
  return sink;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(trec_reader)

BOOST_AUTO_TEST_CASE(each_doc_is_an_article_with_its_docno_as_id) {
  const auto sink = read_sample();
  BOOST_TEST_REQUIRE(sink.articles.size() == 5U, sink.diagnostics());
  const char* ids[] = {"WIRE880212-0001", "FTX940101-0002", "LAX010189-0003", "WSX870226-0004",
                       "WIRE880212-0006"};
  for (std::size_t i = 0; i < sink.articles.size(); ++i) BOOST_TEST(sink.articles[i].id == ids[i]);
  BOOST_TEST(sink.articles[0].origin == "sample.trec:1");
  BOOST_TEST(sink.articles.size() + sink.skips.size() == 6U);
}

BOOST_AUTO_TEST_CASE(wire_style_docs_give_headline_byline_dateline_and_indented_paragraphs) {
  const auto sink = read_sample();
  BOOST_TEST_REQUIRE(!sink.articles.empty());
  const Article& wire = sink.articles[0];
  BOOST_TEST(wire.title == "Lighthouse Keepers Vote to End Strike");
  BOOST_TEST(wire.byline == "JANE ORWELL");
  BOOST_TEST(wire.dateline == "GULL HARBOR, Maine");
  BOOST_TEST(wire.date.empty());  // no DATE element: the DOCNO's digits are not taken for one
  BOOST_TEST(
      wire.body ==
      "Lighthouse keepers along the northern coast voted Friday to end a two-week strike over night-shift "
      "pay, their union said.\n\nThe union said 212 of its 260 members took part in the vote.\n\n"
      "``We are glad to be back at the lamps,'' a keeper said.");
}

BOOST_AUTO_TEST_CASE(dates_of_each_collection_style_are_read) {
  const auto sink = read_sample();
  BOOST_TEST_REQUIRE(sink.articles.size() == 5U);
  BOOST_TEST(sink.articles[1].date == "1994-01-01");  // 940101
  BOOST_TEST(sink.articles[2].date == "1989-01-01");  // <P>January 1, 1989, Sunday, Home Edition</P>
  BOOST_TEST(sink.articles[3].date == "1987-02-26");  // <DD> 02/26/87 </DD>
}

BOOST_AUTO_TEST_CASE(paragraph_elements_and_blank_lines_make_paragraphs) {
  const auto sink = read_sample();
  BOOST_TEST_REQUIRE(sink.articles.size() == 5U);
  BOOST_TEST(sink.articles[1].title == "FTX 01 JAN 94 / Canal tolls to rise in spring");
  BOOST_TEST(
      sink.articles[1].body ==
      "Tolls on the Brindle canal will rise by 4 per cent in April, the canal trust said yesterday.\n\n"
      "The trust said the increase would pay for new lock gates & pumps.");
  BOOST_TEST(sink.articles[2].title == "ORCHARD GROWERS EXPECT A LATE HARVEST");
  BOOST_TEST(sink.articles[2].body ==
             "Orchard growers in the valley said a cold spring would push the harvest back by two weeks.\n\n"
             "Prices for early apples are expected to rise.");
}

BOOST_AUTO_TEST_CASE(a_lead_paragraph_comes_before_the_text_and_the_source_is_kept) {
  const auto sink = read_sample();
  BOOST_TEST_REQUIRE(sink.articles.size() == 5U);
  const Article& journal = sink.articles[3];
  BOOST_TEST(journal.title == "Quarry Firm Posts Record Profit");
  BOOST_TEST(journal.source == "WALL STREET EXAMPLE (J)");
  BOOST_TEST(journal.body ==
             "Quarry Holdings said fourth-quarter profit rose to a record.\n\n"
             "The company said demand for crushed stone grew 9%.");
}

BOOST_AUTO_TEST_CASE(a_doc_without_docno_is_skipped_and_a_bad_date_warned_about) {
  const auto sink = read_sample();
  BOOST_TEST_REQUIRE(sink.skips.size() == 1U, sink.diagnostics());
  BOOST_TEST(format_diagnostic(sink.skips[0], "error") == "sample.trec:64: error: DOC without DOCNO");
  BOOST_TEST_REQUIRE(sink.warnings.size() == 1U, sink.diagnostics());
  BOOST_TEST(format_diagnostic(sink.warnings[0], "warning") ==
             "sample.trec:70: warning: date \"sometime in spring\" not understood; indexed without a date");
  BOOST_TEST(sink.articles.back().date.empty());
}

BOOST_AUTO_TEST_CASE(a_doc_without_end_tag_is_skipped_and_the_next_read) {
  const auto sink = read(
      "<DOC>\n<DOCNO> A-1 </DOCNO>\n<TEXT>cut off\n<DOC>\n<DOCNO> A-2 </DOCNO>\n"
      "<TEXT>Whole.</TEXT>\n</DOC>\n");
  BOOST_TEST_REQUIRE(sink.skips.size() == 1U);
  BOOST_TEST(format_diagnostic(sink.skips[0], "") == "t:1: DOC element has no end tag </DOC>");
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  BOOST_TEST(sink.articles[0].id == "A-2");
  BOOST_TEST(sink.articles[0].origin == "t:4");
}

BOOST_AUTO_TEST_CASE(empty_docs_and_inputs_without_docs_are_skipped) {
  const auto empty_doc = read("<DOC><DOCNO>E-1</DOCNO><TEXT>  </TEXT></DOC>");
  BOOST_TEST_REQUIRE(empty_doc.skips.size() == 1U);
  BOOST_TEST(empty_doc.skips[0].message == "empty article");
  const auto no_doc = read("<DOCUMENT>not trec</DOCUMENT>");
  BOOST_TEST_REQUIRE(no_doc.skips.size() == 1U);
  BOOST_TEST(no_doc.skips[0].message == "no <DOC> element (not TREC SGML)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::formats
