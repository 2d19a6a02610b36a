#include "indexer/formats/csv_reader.hpp"

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

test::RecordingSink read(std::string_view bytes, const ReaderSettings& settings = {}, char delimiter = '\0') {
  test::RecordingSink sink;
  read_csv(Input{bytes, "a.csv", "exports/a.csv"}, sink, settings, delimiter);
  return sink;
}

test::RecordingSink read_sample(std::string_view name, const ReaderSettings& settings = {},
                                char delimiter = '\0') {
  const std::string bytes = read_file(test::test_data_dir() / "csv" / name);
  test::RecordingSink sink;
  read_csv(Input{bytes, std::string(name), "csv/" + std::string(name)}, sink, settings, delimiter);
  return sink;
}

ReaderSettings columns(std::vector<std::string> names) {
  ReaderSettings settings;
  settings.csv_columns = std::move(names);
  return settings;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_reader)

BOOST_AUTO_TEST_CASE(header_names_and_synonyms_map_to_article_fields) {
  struct Case {
    std::string_view name;
    ColumnRole::Kind kind;
    std::string_view canonical;
  };
  const Case cases[] = {
      {"title", ColumnRole::Kind::Field, "title"},
      {"Headline", ColumnRole::Kind::Field, "title"},
      {" TEXT ", ColumnRole::Kind::Field, "body"},
      {"description", ColumnRole::Kind::Field, "body"},
      {"published", ColumnRole::Kind::Field, "date"},
      {"Author", ColumnRole::Kind::Field, "byline"},
      {"link", ColumnRole::Kind::Field, "url"},
      {"id", ColumnRole::Kind::Field, "id"},
      {"category", ColumnRole::Kind::Tag, "topic"},
      {"place", ColumnRole::Kind::Tag, "place"},
      {"-", ColumnRole::Kind::Ignore, ""},
      {"", ColumnRole::Kind::Ignore, ""},
      {"Section", ColumnRole::Kind::Extra, "Section"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("\"" << c.name << "\"") {
      const ColumnRole role = column_role(c.name);
      BOOST_TEST((role.kind == c.kind));
      BOOST_TEST(role.name == c.canonical);
    }
  }
}

BOOST_AUTO_TEST_CASE(reads_the_sample_export_with_every_good_row_indexed_and_every_bad_one_reported) {
  const auto sink = read_sample("articles.csv");
  BOOST_TEST_REQUIRE(sink.articles.size() == 5U, sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.skips.size() == 3U, sink.diagnostics());
  BOOST_TEST(sink.articles.size() + sink.skips.size() == 8U);  // eight data rows

  const Article& first = sink.articles[0];
  BOOST_TEST(first.id == "c-1");
  BOOST_TEST(first.origin == "articles.csv:2");
  BOOST_TEST(first.title == "Bridge reopens after repairs");
  BOOST_TEST(first.body == "The bridge reopened on Monday.");
  BOOST_TEST(first.date == "2014-09-22T10:00:00+09:00");
  BOOST_TEST_REQUIRE(first.tags.size() == 1U);
  BOOST_TEST(first.tags[0].field == "topic");
  BOOST_TEST(first.tags[0].value == "transport");
  BOOST_TEST(extra_field(first, "section") == "local");

  BOOST_TEST(format_diagnostic(sink.skips[0], "error") ==
             "articles.csv:6: error: record has 7 fields; the header has 6");
  BOOST_TEST(format_diagnostic(sink.skips[1], "error") == "articles.csv:8: error: empty article");
  BOOST_TEST(format_diagnostic(sink.skips[2], "error") ==
             "articles.csv:10: error: quoted field not closed before the end of the input");
}

BOOST_AUTO_TEST_CASE(quoted_fields_hold_delimiters_line_ends_and_doubled_quotes) {
  const auto sink = read_sample("articles.csv");
  BOOST_TEST_REQUIRE(sink.articles.size() == 5U);
  const Article& second = sink.articles[1];
  BOOST_TEST(second.id == "c-2");
  BOOST_TEST(second.body ==
             "Stalls sold out by noon, traders said.\n\nA second paragraph, with \"quoted\" words.");
  BOOST_TEST(second.date == "2003-06-10T04:00:00Z");
  BOOST_TEST_REQUIRE(second.tags.size() == 2U);
  BOOST_TEST(second.tags[0].value == "markets");
  BOOST_TEST(second.tags[1].value == "food");
  BOOST_TEST(extra_field(second, "section") == "<absent>");
}

BOOST_AUTO_TEST_CASE(rows_without_id_get_one_from_their_row_number) {
  const auto sink = read_sample("articles.csv");
  BOOST_TEST_REQUIRE(sink.articles.size() == 5U);
  BOOST_TEST(sink.articles[2].id == "csv/articles.csv#4");
  BOOST_TEST(sink.articles[2].origin == "articles.csv:7");
}

BOOST_AUTO_TEST_CASE(a_bad_date_is_warned_about_and_a_broken_quote_does_not_lose_the_rows_after_it) {
  const auto sink = read_sample("articles.csv");
  BOOST_TEST_REQUIRE(sink.articles.size() == 5U);
  BOOST_TEST(sink.articles[3].id == "c-6");
  BOOST_TEST(sink.articles[3].date.empty());
  BOOST_TEST_REQUIRE(sink.warnings.size() == 1U, sink.diagnostics());
  BOOST_TEST(format_diagnostic(sink.warnings[0], "warning") ==
             "articles.csv:9: warning: date \"next week\" not understood; indexed without a date");
  BOOST_TEST(sink.articles[4].id == "c-8");
  BOOST_TEST(sink.articles[4].origin == "articles.csv:11");
}

BOOST_AUTO_TEST_CASE(a_file_without_header_needs_columns) {
  const auto without = read_sample("headerless.csv");
  BOOST_TEST(without.articles.empty());
  BOOST_TEST_REQUIRE(without.skips.size() == 1U);
  BOOST_TEST(without.skips[0].line == 1U);
  BOOST_TEST(without.skips[0].message.find("--columns") != std::string::npos);

  const auto with = read_sample("headerless.csv", columns({"topic", "title", "body"}));
  BOOST_TEST(with.skips.empty(), with.diagnostics());
  BOOST_TEST_REQUIRE(with.articles.size() == 3U);
  BOOST_TEST(with.articles[0].id == "csv/headerless.csv#1");
  BOOST_TEST(with.articles[0].title == "Ferry fares frozen for the winter");
  BOOST_TEST(with.articles[0].body == "The island council froze ferry fares until March.");
  BOOST_TEST_REQUIRE(with.articles[0].tags.size() == 1U);
  BOOST_TEST(with.articles[0].tags[0].value == "2");
  BOOST_TEST(with.articles[2].id == "csv/headerless.csv#3");
}

BOOST_AUTO_TEST_CASE(columns_that_repeat_the_header_skip_it_and_columns_without_text_are_refused) {
  const auto repeated = read("Title,Body\nOne,First body.\n", columns({"title", "body"}));
  BOOST_TEST_REQUIRE(repeated.articles.size() == 1U);
  BOOST_TEST(repeated.articles[0].id == "exports/a.csv#1");
  BOOST_TEST(repeated.articles[0].title == "One");

  const auto ignored = read("x,One,First body.\n", columns({"-", "title", "body"}));
  BOOST_TEST_REQUIRE(ignored.articles.size() == 1U);
  BOOST_TEST(ignored.articles[0].extra.empty());

  const auto no_text = read("a,b\n", columns({"id", "date"}));
  BOOST_TEST(no_text.articles.empty());
  BOOST_TEST_REQUIRE(no_text.skips.size() == 1U);
  BOOST_TEST(no_text.skips[0].message == "--columns names no title or body column");
}

BOOST_AUTO_TEST_CASE(tsv_and_other_delimiters_are_read) {
  const auto tsv = read_sample("articles.tsv", {}, '\t');
  BOOST_TEST(tsv.skips.empty(), tsv.diagnostics());
  BOOST_TEST_REQUIRE(tsv.articles.size() == 2U);
  BOOST_TEST(tsv.articles[1].title == "Gull Island ferries resume");
  BOOST_TEST(tsv.articles[1].body == "Ferries to Gull Island resumed on Monday, the council said.");
  BOOST_TEST(tsv.articles[1].date == "2023-03-03");
  BOOST_TEST_REQUIRE(tsv.articles[1].tags.size() == 2U);
  BOOST_TEST(tsv.articles[1].tags[1].field == "place");
  BOOST_TEST(tsv.articles[1].tags[1].value == "port-alder");

  // Sniffed: more semicolons than commas on the first line.
  const auto semicolons = read("title;body\nA, b and c;Body, with commas.\n");
  BOOST_TEST_REQUIRE(semicolons.articles.size() == 1U);
  BOOST_TEST(semicolons.articles[0].title == "A, b and c");

  ReaderSettings pipes;
  pipes.csv_delimiter = '|';
  const auto piped = read("title|body\nT|B\n", pipes);
  BOOST_TEST_REQUIRE(piped.articles.size() == 1U);
  BOOST_TEST(piped.articles[0].body == "B");
}

BOOST_AUTO_TEST_CASE(line_ends_blank_lines_and_a_missing_final_line_end_are_handled) {
  const auto sink = read("\xEF\xBB\xBFtitle,body\r\n\r\nOne,Body one.\r\n\nTwo,\"Body\r\ntwo\"");
  BOOST_TEST(sink.skips.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 2U);
  BOOST_TEST(sink.articles[0].origin == "a.csv:3");
  BOOST_TEST(sink.articles[0].id == "exports/a.csv#1");
  BOOST_TEST(sink.articles[1].body == "Body\n\ntwo");
  BOOST_TEST(sink.articles[1].origin == "a.csv:5");
}

BOOST_AUTO_TEST_CASE(lang_is_reduced_to_its_code_and_a_bad_one_dropped_with_a_warning) {
  const auto sink = read("title,lang\nOne,en-US\nTwo,English\n");
  BOOST_TEST_REQUIRE(sink.articles.size() == 2U);
  BOOST_TEST(sink.articles[0].lang == "en");
  BOOST_TEST(sink.articles[1].lang.empty());
  BOOST_TEST_REQUIRE(sink.warnings.size() == 1U);
  BOOST_TEST(sink.warnings[0].line == 3U);
}

BOOST_AUTO_TEST_CASE(windows_1252_exports_are_decoded) {
  const auto sink = read("title,body\n\x93Quoted\x94 title,Caf\xE9 body\n");
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  BOOST_TEST(sink.articles[0].title == "\xE2\x80\x9CQuoted\xE2\x80\x9D title");
  BOOST_TEST(sink.articles[0].body == "Caf\xC3\xA9 body");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::formats
