#include "indexer/formats/format.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

#include "tests/support/paths.hpp"
#include "tests/unit/indexer/recording_sink.hpp"

namespace newsdig::formats {
namespace {

// "text", "jsonl" or "none: <why>".
std::string detected(std::string_view name, std::string_view bytes) {
  std::string why;
  const auto format = detect_format(name, bytes, &why);
  return format ? std::string(format_name(*format)) : "none: " + why;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_TEST_REQUIRE(in.good(), "cannot open " << path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(format)

BOOST_AUTO_TEST_CASE(format_names_parse_and_print_both_ways) {
  for (Format format : {Format::Auto, Format::Text, Format::Jsonl}) {
    BOOST_TEST_CONTEXT(format_name(format)) {
      const auto parsed = parse_format_name(format_name(format));
      BOOST_TEST_REQUIRE(parsed.has_value());
      BOOST_TEST((*parsed == format));
    }
  }
  for (std::string_view name : {"", "TEXT", "json", "txt", "ndjson", "html", "jsonl "}) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(!parse_format_name(name).has_value());
    }
  }
}

BOOST_AUTO_TEST_CASE(the_file_name_decides_when_it_has_a_known_extension) {
  struct Case {
    std::string_view name;
    std::string_view bytes;
    std::string_view expected;
  };
  const Case cases[] = {
      {"feed.jsonl", "{\"title\": \"t\"}\n", "jsonl"},
      {"feed.ndjson", "{\"title\": \"t\"}\n", "jsonl"},
      {"dir.d/FEED.JSONL", "not json at all\n", "jsonl"},
      {"a.txt", "{looks like json but the name says text}\n", "text"},
      {"a.TEXT", "Headline\n", "text"},
      {"corpus/seeds/000.txt", "Headline\n", "text"},
      {"C:\\news\\a.txt", "{x}\n", "text"},
      {"a.txt", "Latin-1 caf\xE9 \xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\n",
       "text"},  // the reader repairs
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      BOOST_TEST(detected(c.name, c.bytes) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_content_decides_when_the_name_says_nothing) {
  struct Case {
    std::string_view name;
    std::string_view bytes;
    std::string_view expected;
  };
  const Case cases[] = {
      {"", "{\"title\": \"t\"}\n", "jsonl"},
      {"-", "  \n\t{\"title\": \"t\"}\n", "jsonl"},
      {"feed", "\xEF\xBB\xBF{\"title\": \"t\"}\n", "jsonl"},
      {"news/story.json", "{\"title\": \"t\"}\n", "jsonl"},
      {"", "Headline\n\nBody.\n", "text"},
      {"README", "[1, 2, 3]\n", "text"},
      {"a.dat", "Caf\xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC\n", "text"},
      {".txt", "Headline\n", "text"},  // a dot file: no extension, content decides
      {"a.", "Headline\n", "text"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("name \"" << c.name << "\"") {
      BOOST_TEST(detected(c.name, c.bytes) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(binary_content_is_refused_whatever_the_name) {
  const std::string with_nul = std::string("Headline\n\nBody") + '\0' + "more\n";
  BOOST_TEST(detected("a.txt", with_nul) == "none: binary file (not text)");
  BOOST_TEST(detected("feed.jsonl", with_nul) == "none: binary file (not text)");
  BOOST_TEST(detected("", with_nul) == "none: binary file (not text)");
  // UTF-16 text has NUL bytes too.
  BOOST_TEST(detected("a.txt", std::string_view("\xFF\xFEH\0i\0", 6)) == "none: binary file (not text)");
}

BOOST_AUTO_TEST_CASE(only_the_first_8_kib_are_searched_for_nul_bytes) {
  std::string late_nul(8 * 1024, 'a');
  late_nul += '\0';
  BOOST_TEST(detected("a.txt", late_nul) == "text");
  std::string early_nul(8 * 1024 - 1, 'a');
  early_nul += '\0';
  BOOST_TEST(detected("a.txt", early_nul) == "none: binary file (not text)");
}

BOOST_AUTO_TEST_CASE(unnamed_content_of_mostly_invalid_utf8_is_refused_as_binary) {
  std::string junk;
  for (int i = 0; i < 200; ++i) junk += "\x89\xFA\x01\x02word ";
  BOOST_TEST(detected("", junk).starts_with("none: binary file (not text"));
  BOOST_TEST(detected("blob.bin", junk).starts_with("none: binary file (not text"));
  BOOST_TEST(detected("blob.txt", junk) == "text");  // a name that says text is believed
}

BOOST_AUTO_TEST_CASE(a_few_bad_bytes_do_not_make_text_binary) {
  std::string mostly_fine(2000, 'a');
  mostly_fine += "\xE9\xE9\xE9\x1B";
  BOOST_TEST(detected("", mostly_fine) == "text");
}

BOOST_AUTO_TEST_CASE(a_character_cut_by_the_8_kib_sample_is_not_counted_as_invalid) {
  // 819 control bytes are just 10% of the 8192-byte sample; the sample then ends two bytes into a three-byte
  // character, which would tip it over if it were counted.
  std::string text(819, '\x01');
  while (text.size() < 8 * 1024 + 3) text += "\xE6\x9D\xB1";
  BOOST_TEST(detected("", text) == "text");
  BOOST_TEST(detected("", std::string(820, '\x01') + text.substr(819)).starts_with("none: binary file"));
}

BOOST_AUTO_TEST_CASE(empty_and_white_space_only_inputs_are_refused) {
  for (std::string_view bytes :
       {"", " ", "\n\n", "\r\n\t  \r\n", "\xEF\xBB\xBF", "\xEF\xBB\xBF  \n", "\xC2\xA0\xE3\x80\x80"}) {
    BOOST_TEST_CONTEXT("input of " << bytes.size() << " bytes") {
      BOOST_TEST(detected("a.txt", bytes) == "none: empty file");
      BOOST_TEST(detected("", bytes) == "none: empty file");
    }
  }
}

BOOST_AUTO_TEST_CASE(why_may_be_null) {
  BOOST_TEST(!detect_format("a.txt", "", nullptr).has_value());
  BOOST_TEST(!detect_format("a.txt", std::string_view("\0", 1), nullptr).has_value());
  BOOST_TEST(detect_format("a.txt", "Headline", nullptr).has_value());
}

BOOST_AUTO_TEST_CASE(diagnostics_read_origin_line_severity_message) {
  struct Case {
    Diagnostic diagnostic;
    std::string_view severity;
    std::string_view expected;
  };
  const Case cases[] = {
      {{"feed.jsonl", 3, "malformed JSON (column 2: x)"},
       "error",
       "feed.jsonl:3: error: malformed JSON (column 2: x)"},
      {{"feed.jsonl", 0, "empty file"}, "error", "feed.jsonl: error: empty file"},
      {{"a.txt", 0, "replaced 2 invalid UTF-8 sequences"},
       "warning",
       "a.txt: warning: replaced 2 invalid UTF-8 sequences"},
      {{"-", 12, "line has neither title nor body"},
       "skipped",
       "-:12: skipped: line has neither title nor body"},
      {{"a.txt", 0, "empty article"}, "", "a.txt: empty article"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.expected) {
      BOOST_TEST(format_diagnostic(c.diagnostic, c.severity) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(read_input_hands_the_input_to_the_reader_of_its_format) {
  const std::string_view bytes = "{\"title\": \"Bridge\"}\n";
  test::RecordingSink as_text;
  read_input(Format::Text, Input{bytes, "a", "a"}, as_text);
  BOOST_TEST_REQUIRE(as_text.articles.size() == 1U);
  BOOST_TEST(as_text.articles[0].title == "{\"title\": \"Bridge\"}");

  test::RecordingSink as_jsonl;
  read_input(Format::Jsonl, Input{bytes, "a", "a"}, as_jsonl);
  BOOST_TEST_REQUIRE(as_jsonl.articles.size() == 1U);
  BOOST_TEST(as_jsonl.articles[0].title == "Bridge");
}

BOOST_AUTO_TEST_CASE(read_input_refuses_auto) {
  test::RecordingSink sink;
  BOOST_CHECK_THROW(read_input(Format::Auto, Input{"Headline", "a", "a"}, sink), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(every_corpus_file_is_detected_and_read_without_skips) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::corpus_dir())) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const std::string path = entry.path().string();
    BOOST_TEST_CONTEXT(path) {
      const std::string bytes = read_file(entry.path());
      std::string why;
      const auto format = detect_format(path, bytes, &why);
      BOOST_TEST_REQUIRE(format.has_value(), why);
      test::RecordingSink sink;
      read_input(*format, Input{bytes, path, path}, sink);
      BOOST_TEST(sink.skips.empty(), sink.diagnostics());
      BOOST_TEST(sink.warnings.empty(), sink.diagnostics());
      BOOST_TEST(!sink.articles.empty());
    }
  }
  BOOST_TEST(files >= 5U);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::formats
