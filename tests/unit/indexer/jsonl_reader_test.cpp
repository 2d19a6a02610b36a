#include "indexer/formats/jsonl_reader.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <string_view>

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

test::RecordingSink read(std::string_view bytes) {
  test::RecordingSink sink;
  read_jsonl(Input{bytes, "feed.jsonl", "feeds/feed.jsonl"}, sink);
  return sink;
}

// Reads one line, requiring it to give one article and no skip.
Article read_one(std::string_view line) {
  auto sink = read(line);
  BOOST_TEST_REQUIRE(sink.skips.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  return sink.articles.front();
}

// Reads one line, requiring it to be skipped; returns the reason.
std::string skip_reason(std::string_view line) {
  auto sink = read(line);
  BOOST_TEST(sink.articles.empty());
  BOOST_TEST_REQUIRE(sink.skips.size() == 1U);
  BOOST_TEST(sink.skips[0].origin == "feed.jsonl");
  BOOST_TEST(sink.skips[0].line == 1U);
  return sink.skips[0].message;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(jsonl_reader)

BOOST_AUTO_TEST_CASE(reads_every_known_field_of_an_object_line) {
  const Article article = read_one(
      R"({"id": "wire-7", "title": "Bridge reopens", "body": "First.\n\nSecond.", "date": "2014-09-22",)"
      R"( "source": "Coastal Wire", "url": "https://example.invalid/7", "lang": "en", "byline": "Jane Doe"})");
  BOOST_TEST(article.id == "wire-7");
  BOOST_TEST(article.title == "Bridge reopens");
  BOOST_TEST(article.body == "First.\n\nSecond.");
  BOOST_TEST(article.date == "2014-09-22");
  BOOST_TEST(article.source == "Coastal Wire");
  BOOST_TEST(article.url == "https://example.invalid/7");
  BOOST_TEST(article.lang == "en");
  BOOST_TEST(article.byline == "Jane Doe");
  BOOST_TEST(article.dateline.empty());
  BOOST_TEST(article.origin == "feed.jsonl:1");
  BOOST_TEST(article.extra.empty());
}

BOOST_AUTO_TEST_CASE(an_article_without_id_gets_id_base_and_line_number) {
  auto sink = read("\n{\"title\": \"one\"}\n\n{\"title\": \"two\", \"id\": \"  \"}\n");
  BOOST_TEST_REQUIRE(sink.articles.size() == 2U);
  BOOST_TEST(sink.articles[0].id == "feeds/feed.jsonl#2");
  BOOST_TEST(sink.articles[0].origin == "feed.jsonl:2");
  BOOST_TEST(sink.articles[1].id == "feeds/feed.jsonl#4");  // a blank id counts as none
  BOOST_TEST(sink.articles[1].origin == "feed.jsonl:4");
}

BOOST_AUTO_TEST_CASE(title_or_body_alone_is_enough) {
  BOOST_TEST(read_one(R"({"title": "Only a title"})").body.empty());
  BOOST_TEST(read_one(R"({"body": "Only a body."})").title.empty());
}

BOOST_AUTO_TEST_CASE(skips_a_line_with_neither_title_nor_body) {
  const std::string_view cases[] = {
      R"({})",
      R"({"id": "x", "url": "https://example.invalid"})",
      R"({"title": "", "body": "   "})",
      R"({"title": null, "body": null})",
  };
  for (const auto& line : cases) {
    BOOST_TEST_CONTEXT(line) {
      BOOST_TEST(skip_reason(line) == "line has neither title nor body");
    }
  }
}

BOOST_AUTO_TEST_CASE(skips_malformed_lines_with_a_short_reason) {
  struct Case {
    std::string_view line;
    std::string_view reason_start;
  };
  const Case cases[] = {
      {R"({"title": "no end")", "malformed JSON (column "},
      {R"({"title": "a"} {"title": "b"})", "malformed JSON (column "},
      {R"({title: "a"})", "malformed JSON (column "},
      {R"({"title": "a", "n": 1e999})", "malformed JSON ("},
      {R"({"title": "\ud800"})", "malformed JSON (column "},
      {"{\"title\": \"tab\tinside\"}", "malformed JSON (column "},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.line) {
      const std::string reason = skip_reason(c.line);
      BOOST_TEST(reason.starts_with(c.reason_start), reason);
      BOOST_TEST(reason.ends_with(")"), reason);
      BOOST_TEST(reason.find("json.exception") == std::string::npos, reason);
      BOOST_TEST(reason.size() < 160U, reason);
    }
  }
}

BOOST_AUTO_TEST_CASE(skips_lines_that_are_not_objects) {
  struct Case {
    std::string_view line;
    std::string_view reason;
  };
  const Case cases[] = {
      {R"(["a", "b"])", "line is not a JSON object (it is array)"},
      {R"("a string")", "line is not a JSON object (it is string)"},
      {"42", "line is not a JSON object (it is number)"},
      {"null", "line is not a JSON object (it is null)"},
      {"true", "line is not a JSON object (it is boolean)"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.line) {
      BOOST_TEST(skip_reason(c.line) == c.reason);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_bad_line_does_not_stop_the_lines_after_it) {
  auto sink = read("{\"title\": \"one\"}\n{broken\n[1]\n{\"title\": \"four\"}\n");
  BOOST_TEST_REQUIRE(sink.articles.size() == 2U);
  BOOST_TEST(sink.articles[0].title == "one");
  BOOST_TEST(sink.articles[1].title == "four");
  BOOST_TEST(sink.articles[1].origin == "feed.jsonl:4");
  BOOST_TEST_REQUIRE(sink.skips.size() == 2U);
  BOOST_TEST(sink.skips[0].line == 2U);
  BOOST_TEST(sink.skips[1].line == 3U);
}

BOOST_AUTO_TEST_CASE(keeps_unknown_fields_in_extra_in_input_order) {
  const Article article =
      read_one(R"({"title": "t", "section": "business", "tags": ["a", "b"], "wordcount": 58, "paid": false,)"
               R"( "meta": {"k": 1}, "note": null, "Title": "not the title"})");
  BOOST_TEST_REQUIRE(article.extra.size() == 7U);
  BOOST_TEST(article.extra[0].first == "section");
  BOOST_TEST(article.extra[0].second == "business");  // strings as they are
  BOOST_TEST(article.extra[1].first == "tags");
  BOOST_TEST(article.extra[1].second == R"(["a","b"])");  // the rest as JSON text
  BOOST_TEST(extra_field(article, "wordcount") == "58");
  BOOST_TEST(extra_field(article, "paid") == "false");
  BOOST_TEST(extra_field(article, "meta") == R"({"k":1})");
  BOOST_TEST(extra_field(article, "note") == "null");
  BOOST_TEST(extra_field(article, "Title") == "not the title");  // field names are case-sensitive
  BOOST_TEST(article.title == "t");
}

BOOST_AUTO_TEST_CASE(numbers_in_known_fields_become_text) {
  const Article article = read_one(R"({"id": 42, "title": 2024, "body": 1.5, "date": 20140922})");
  BOOST_TEST(article.id == "42");
  BOOST_TEST(article.title == "2024");
  BOOST_TEST(article.body == "1.5");
  BOOST_TEST(article.date == "2014-09-22");
}

BOOST_AUTO_TEST_CASE(null_in_a_known_field_counts_as_absent) {
  const Article article = read_one(R"({"id": null, "title": "t", "byline": null, "date": null})");
  BOOST_TEST(article.id == "feeds/feed.jsonl#1");
  BOOST_TEST(article.byline.empty());
  BOOST_TEST(article.date.empty());
}

BOOST_AUTO_TEST_CASE(skips_objects_arrays_and_booleans_in_known_fields) {
  struct Case {
    std::string_view line;
    std::string_view reason;
  };
  const Case cases[] = {
      {R"({"title": "t", "id": {"n": 1}})", R"(field "id" must be a string (it is object))"},
      {R"({"title": ["a", "b"]})", R"(field "title" must be a string (it is array))"},
      {R"({"title": "t", "lang": true})", R"(field "lang" must be a string (it is boolean))"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.line) {
      BOOST_TEST(skip_reason(c.line) == c.reason);
    }
  }
}

BOOST_AUTO_TEST_CASE(normalizes_dates_to_iso8601) {
  struct Case {
    std::string_view date;
    std::string_view expected;
  };
  const Case cases[] = {
      {"2014-09-22", "2014-09-22"},
      {"20140922", "2014-09-22"},
      {"2014-09-22 10:00", "2014-09-22T10:00:00"},
      {"2014-09-22T10:00:00.250+0900", "2014-09-22T10:00:00+09:00"},
      {"2014-09-22T01:00:00+00:00", "2014-09-22T01:00:00Z"},
      {" 2014-09-22 ", "2014-09-22"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.date) {
      auto sink = read(R"({"title": "t", "date": ")" + std::string(c.date) + R"("})");
      BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
      BOOST_TEST(sink.warnings.empty(), sink.diagnostics());
      BOOST_TEST(sink.articles[0].date == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(an_unparseable_date_is_warned_about_and_the_article_indexed_without_it) {
  for (std::string_view date : {"yesterday", "2014-02-30", "22/09/2014", "1411344000"}) {
    BOOST_TEST_CONTEXT(date) {
      auto sink = read(R"({"title": "t", "date": ")" + std::string(date) + R"("})");
      BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
      BOOST_TEST(sink.articles[0].date.empty());
      BOOST_TEST_REQUIRE(sink.warnings.size() == 1U);
      BOOST_TEST(sink.warnings[0].line == 1U);
      BOOST_TEST(sink.warnings[0].message ==
                 "date \"" + std::string(date) + "\" not understood; indexed without a date");
    }
  }
}

BOOST_AUTO_TEST_CASE(lang_is_reduced_to_a_lower_case_language_code) {
  struct Case {
    std::string_view lang;
    std::string_view expected;
    bool warned;
  };
  const Case cases[] = {
      {"de", "de", false},    {"DE", "de", false},   {"en-US", "en", false},
      {"pt_BR", "pt", false}, {"fil", "fil", false}, {"english", "", true},
      {"e", "", true},        {"12", "", true},      {"", "", false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.lang) {
      auto sink = read(R"({"title": "t", "lang": ")" + std::string(c.lang) + R"("})");
      BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
      BOOST_TEST(sink.articles[0].lang == c.expected);
      BOOST_TEST(sink.warnings.size() == (c.warned ? 1U : 0U), sink.diagnostics());
    }
  }
}

BOOST_AUTO_TEST_CASE(trims_white_space_around_known_fields) {
  const Article article = read_one(R"({"id": " a1 ", "title": "  Bridge reopens\n", "source": "\tWire "})");
  BOOST_TEST(article.id == "a1");
  BOOST_TEST(article.title == "Bridge reopens");
  BOOST_TEST(article.source == "Wire");
}

BOOST_AUTO_TEST_CASE(handles_crlf_a_byte_order_mark_and_blank_lines) {
  auto sink = read("\xEF\xBB\xBF{\"title\": \"one\"}\r\n   \r\n\r\n{\"title\": \"four\"}\r\n");
  BOOST_TEST(sink.skips.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 2U);
  BOOST_TEST(sink.articles[0].title == "one");
  BOOST_TEST(sink.articles[0].origin == "feed.jsonl:1");
  BOOST_TEST(sink.articles[1].origin == "feed.jsonl:4");
  BOOST_TEST(read("").articles.empty());
  BOOST_TEST(read("\n\n").skips.empty());
}

BOOST_AUTO_TEST_CASE(repairs_invalid_utf8_in_a_line_and_warns_with_its_line_number) {
  // Good UTF-8 (two é) around the bad bytes: the input is UTF-8 with damage, not Latin-1.
  auto sink = read("{\"title\": \"ok \xC3\xA9\xC3\xA9\"}\n{\"title\": \"Caf\xE9\", \"note\": \"\xFF\"}\n");
  BOOST_TEST(sink.skips.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 2U);
  BOOST_TEST(sink.articles[1].title == "Caf\xEF\xBF\xBD");
  BOOST_TEST(extra_field(sink.articles[1], "note") == "\xEF\xBF\xBD");
  BOOST_TEST_REQUIRE(sink.warnings.size() == 1U);
  BOOST_TEST(sink.warnings[0].line == 2U);
  BOOST_TEST(sink.warnings[0].message == "replaced 2 invalid UTF-8 sequences");
}

BOOST_AUTO_TEST_CASE(json_lines_in_windows_1252_are_decoded_and_a_malformed_line_among_them_skipped) {
  test::RecordingSink sink;
  const std::string bytes = read_file(test::test_data_dir() / "encodings" / "windows1252.jsonl");
  read_jsonl(Input{bytes, "w.jsonl", "w.jsonl"}, sink);
  BOOST_TEST(sink.warnings.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 2U);
  BOOST_TEST(sink.articles[0].title == "Caf\xC3\xA9 reopens");
  BOOST_TEST(sink.articles[1].title == "\xE2\x80\x9CQuoted\xE2\x80\x9D headline");
  BOOST_TEST_REQUIRE(sink.skips.size() == 1U);
  BOOST_TEST(sink.skips[0].line == 2U);
  BOOST_TEST(sink.skips[0].message.starts_with("malformed JSON"));
}

BOOST_AUTO_TEST_CASE(a_pretty_printed_json_object_is_one_article) {
  auto sink = read(
      "{\n  \"title\": \"Steele criticised\",\n  \"date\": \"2010-07-02\",\n  \"source\": \"nyt\",\n"
      "  \"body-paragraphs\": [[\"First paragraph.\"], [\"Second \", \"  \"], \"Third.\"],\n"
      "  \"main-entities\": [\"Michael Steele\"]\n}\n");
  BOOST_TEST(sink.skips.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  const Article& article = sink.articles[0];
  BOOST_TEST(article.id == "feeds/feed.jsonl");
  BOOST_TEST(article.origin == "feed.jsonl");
  BOOST_TEST(article.title == "Steele criticised");
  BOOST_TEST(article.body == "First paragraph.\n\nSecond\n\nThird.");
  BOOST_TEST(article.date == "2010-07-02");
  BOOST_TEST(extra_field(article, "main-entities") == R"(["Michael Steele"])");
}

BOOST_AUTO_TEST_CASE(a_json_array_of_objects_is_one_article_per_element) {
  auto sink = read(
      "[\n  {\"title\": \"one\"},\n  42,\n  {\"body\": [\"two a\", \"two b\"]},\n  {\"id\": \"x\"}\n]\n");
  BOOST_TEST_REQUIRE(sink.articles.size() == 2U);
  BOOST_TEST(sink.articles[0].id == "feeds/feed.jsonl#1");
  BOOST_TEST(sink.articles[0].origin == "feed.jsonl#1");
  BOOST_TEST(sink.articles[1].id == "feeds/feed.jsonl#3");
  BOOST_TEST(sink.articles[1].body == "two a\n\ntwo b");
  BOOST_TEST_REQUIRE(sink.skips.size() == 2U);
  BOOST_TEST(format_diagnostic(sink.skips[0], "error") ==
             "feed.jsonl: error: element 2: not a JSON object (it is number)");
  BOOST_TEST(format_diagnostic(sink.skips[1], "error") ==
             "feed.jsonl: error: element 4: object has neither title nor body");
}

BOOST_AUTO_TEST_CASE(a_broken_multi_line_document_is_read_line_by_line_with_every_line_reported) {
  auto sink = read("{\n  \"title\": \"t\",\n}\n");
  BOOST_TEST(sink.articles.empty());
  BOOST_TEST(sink.skips.size() == 3U, sink.diagnostics());
}

BOOST_AUTO_TEST_CASE(dates_in_other_common_forms_are_understood) {
  auto sink = read(R"({"title": "t", "date": "Tue, 10 Jun 2003 04:00:00 GMT"})");
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U);
  BOOST_TEST(sink.articles[0].date == "2003-06-10T04:00:00Z");
}

BOOST_AUTO_TEST_CASE(skips_deeply_nested_lines_without_overflowing_the_stack) {
  const std::string deep =
      R"({"title": "t", "x": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
  BOOST_TEST(skip_reason(deep) == "JSON nested deeper than 64 levels");
  // Brackets inside strings do not count.
  const Article article = read_one(R"({"title": ")" + std::string(1000, '[') + R"("})");
  BOOST_TEST(article.title.size() == 1000U);
}

BOOST_AUTO_TEST_CASE(mixed_test_file_reads_good_lines_and_reports_bad_ones) {
  test::RecordingSink sink;
  const std::string bytes = read_file(test::test_data_dir() / "jsonl" / "mixed.jsonl");
  read_jsonl(Input{bytes, "mixed.jsonl", "mixed.jsonl"}, sink);

  BOOST_TEST_REQUIRE(sink.articles.size() == 3U);
  BOOST_TEST(sink.articles[0].id == "mx-1");
  BOOST_TEST(sink.articles[1].id == "mixed.jsonl#3");
  BOOST_TEST(sink.articles[1].date == "2023-05-07T21:15:00+02:00");
  BOOST_TEST(extra_field(sink.articles[1], "section") == "local");
  BOOST_TEST(sink.articles[2].id == "mx-6");
  BOOST_TEST(sink.articles[2].date.empty());

  BOOST_TEST_REQUIRE(sink.skips.size() == 3U);
  BOOST_TEST(format_diagnostic(sink.skips[0], "error").starts_with("mixed.jsonl:4: error: malformed JSON ("));
  BOOST_TEST(format_diagnostic(sink.skips[1], "error") ==
             "mixed.jsonl:5: error: line has neither title nor body");
  BOOST_TEST(format_diagnostic(sink.skips[2], "error") ==
             "mixed.jsonl:6: error: line is not a JSON object (it is array)");
  BOOST_TEST_REQUIRE(sink.warnings.size() == 1U);
  BOOST_TEST(sink.warnings[0].line == 7U);
}

BOOST_AUTO_TEST_CASE(corpus_wire_feed_reads_cleanly_in_three_languages) {
  test::RecordingSink sink;
  const std::string bytes = read_file(test::corpus_dir() / "jsonl" / "wire.jsonl");
  read_jsonl(Input{bytes, "corpus/jsonl/wire.jsonl", "corpus/jsonl/wire.jsonl"}, sink);
  BOOST_TEST(sink.skips.empty(), sink.diagnostics());
  BOOST_TEST(sink.warnings.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 5U);
  std::set<std::string> langs;
  for (const auto& article : sink.articles) {
    BOOST_TEST(!article.id.empty());
    BOOST_TEST(!article.date.empty());
    BOOST_TEST(!article.source.empty());
    langs.insert(article.lang);
  }
  BOOST_TEST(langs == (std::set<std::string>{"de", "en", "ja"}), boost::test_tools::per_element());
  BOOST_TEST(sink.articles[1].date == "2024-03-12T06:45:00+09:00");
  BOOST_TEST(extra_field(sink.articles[1], "section") == "business");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::formats
