#include "indexer/formats/format.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

#include "common/analysis/utf8.hpp"
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
  for (const FormatInfo& info : kFormatTable) {
    BOOST_TEST_CONTEXT(info.name) {
      BOOST_TEST(format_name(info.format) == info.name);
      const auto parsed = parse_format_name(info.name);
      BOOST_TEST_REQUIRE(parsed.has_value());
      BOOST_TEST((*parsed == info.format));
      BOOST_TEST(!info.help.empty());
    }
  }
  BOOST_TEST(kFormatTable.size() == 9U);
  for (std::string_view name : {"", "TEXT", "json", "txt", "ndjson", "sgml", "reuters", "jsonl "}) {
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
  BOOST_TEST(detected("page.html", read_file(test::test_data_dir() / "encodings" / "binary.bin")) ==
             "none: binary file (not text)");
  // UTF-16 without a byte order mark cannot be told from binary.
  BOOST_TEST(detected("a.txt", std::string_view("H\0i\0", 4)) == "none: binary file (not text)");
}

BOOST_AUTO_TEST_CASE(text_with_a_utf16_or_utf32_byte_order_mark_is_looked_at_decoded) {
  BOOST_TEST(detected("a.txt", std::string_view("\xFF\xFEH\0i\0", 6)) == "text");
  BOOST_TEST(detected("", std::string_view("\xFE\xFF\0{\0}", 6)) == "jsonl");
  BOOST_TEST(detected("", std::string_view("\xFF\xFE<\0D\0O\0C\0>\0", 12)) == "trec");
  BOOST_TEST(detected("", std::string_view("\xFF\xFE\0\0H\0\0\0", 8)) == "text");
  BOOST_TEST(detected("", std::string_view("\xFF\xFE \0\n\0", 6)) == "none: empty file");
  // A sample that ends in the middle of a UTF-16 unit is cut before it.
  std::string long_utf16 = "\xFF\xFE";
  while (long_utf16.size() < 8 * 1024 + 1) long_utf16 += std::string("a\0", 2);
  BOOST_TEST(detected("", long_utf16) == "text");
}

BOOST_AUTO_TEST_CASE(new_formats_are_detected_by_name) {
  struct Case {
    std::string_view name;
    std::string_view bytes;
    std::string_view expected;
  };
  const Case cases[] = {
      {"export.csv", "title,body\n", "csv"},
      {"list.json", "[\n  {\"title\": \"t\"}\n]\n", "jsonl"},
      {"EXPORT.TSV", "title\tbody\n", "tsv"},
      {"export.tab", "title\tbody\n", "tsv"},
      {"story.html", "<p>fragment</p>", "html"},
      {"story.HTM", "Just text", "html"},
      {"story.xhtml", "<p>x</p>", "html"},
      {"reut2-000.sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\">", "reuters21578"},
      {"ap880212.sgml", "<DOC>\n<DOCNO> AP880212-0001 </DOCNO>", "trec"},
      {"notes.txt", "-- Title\n-- By\n-- date\n-- http://x\n", "text"},  // the name says text
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      BOOST_TEST(detected(c.name, c.bytes) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(new_formats_are_detected_by_content_when_the_name_says_nothing) {
  struct Case {
    std::string_view name;
    std::string_view bytes;
    std::string_view expected;
  };
  const Case cases[] = {
      {"reut2-000", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS TOPICS=\"YES\" NEWID=\"1\">",
       "reuters21578"},
      {"", "\n<REUTERS NEWID=\"1\">", "reuters21578"},
      {"ap880212", "<DOC>\n<DOCNO> AP880212-0001 </DOCNO>", "trec"},
      {"la010189", "  <doc>\n<docno> LA010189-0001 </docno>", "trec"},
      {"page", "<!DOCTYPE html>\n<html><body><p>x</p></body></html>", "html"},
      {"page.php", "<!-- cached --><html lang=\"de\">", "html"},
      {"2006/us-story-id",
       "-- Headline\n-- By  Jo Lee\n-- Fri Oct 20, 2006 6:15pm EDT\n-- http://x.invalid/a\n\n Body.",
       "reuters-text"},
      {"", "-- Headline\n-- \n-- Fri Oct 20, 2006 6:15pm EDT\n-- http://x.invalid/a\n", "reuters-text"},
      {"", "-- Headline\n-- \n-- Fri Oct 20, 2006 6:15pm EDT\n", "text"},
      {"", "<DOCUMENT>\n", "text"},
      {"", "Latin-1 caf\xE9 au lait, cr\xE8me br\xFBl\xE9\x65, \xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\n",
       "text"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("name \"" << c.name << "\"") {
      BOOST_TEST(detected(c.name, c.bytes) == c.expected);
    }
  }
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

BOOST_AUTO_TEST_CASE(every_format_sample_is_detected_and_read_with_counts_that_add_up) {
  struct Case {
    std::string_view file;  // under tests/data
    std::string_view format;
    std::size_t articles;
    std::size_t skips;
  };
  const Case cases[] = {
      {"reuters21578/sample.sgm", "reuters21578", 4, 2},
      {"reuters21578/unclosed.sgm", "reuters21578", 1, 1},
      {"trec/sample.trec", "trec", 5, 1},
      {"reuters-text/20061020/us-harbor-cranes-idUSX0000000120061020", "reuters-text", 1, 0},
      {"reuters-text/20061020/us-canal-notes-idUSX0000000220061020", "reuters-text", 1, 0},
      {"csv/articles.csv", "csv", 5, 3},
      {"csv/articles.tsv", "tsv", 2, 0},
      {"csv/headerless.csv", "csv", 0, 1},
      {"html/story.html", "html", 1, 0},
      {"html/teasers.html", "html", 1, 0},
      {"html/empty.html", "html", 0, 1},
      {"jsonl/mixed.jsonl", "jsonl", 3, 3},
      {"text/wire_story.txt", "text", 1, 0},
      {"encodings/latin1.txt", "text", 1, 0},
      {"encodings/windows1252.txt", "text", 1, 0},
      {"encodings/invalid_utf8.txt", "text", 1, 0},
      {"encodings/utf16le.txt", "text", 1, 0},
      {"encodings/latin1.html", "html", 1, 0},
      {"encodings/latin1.sgm", "reuters21578", 1, 0},
      {"encodings/windows1252.jsonl", "jsonl", 2, 1},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.file) {
      const std::filesystem::path path = test::test_data_dir() / c.file;
      const std::string bytes = read_file(path);
      std::string why;
      const auto format = detect_format(path.string(), bytes, &why);
      BOOST_TEST_REQUIRE(format.has_value(), why);
      BOOST_TEST(format_name(*format) == c.format);
      test::RecordingSink sink;
      read_input(*format, Input{bytes, std::string(c.file), std::string(c.file)}, sink);
      BOOST_TEST(sink.articles.size() == c.articles, sink.diagnostics());
      BOOST_TEST(sink.skips.size() == c.skips, sink.diagnostics());
      for (const Article& article : sink.articles) {
        BOOST_TEST(!article.id.empty());
        BOOST_TEST(analysis::is_valid_utf8(article.title));
        BOOST_TEST(analysis::is_valid_utf8(article.body));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(read_input_passes_reader_settings_on) {
  ReaderSettings settings;
  settings.csv_columns = {"id", "title", "body"};
  test::RecordingSink sink;
  read_input(Format::Csv, Input{"x-1,Title,Body\n", "a.csv", "a.csv"}, sink, settings);
  BOOST_TEST_REQUIRE(sink.articles.size() == 1U, sink.diagnostics());
  BOOST_TEST(sink.articles[0].id == "x-1");
  test::RecordingSink tabs;
  read_input(Format::Tsv, Input{"title\tbody\nT, with comma\tB\n", "a.tsv", "a.tsv"}, tabs);
  BOOST_TEST_REQUIRE(tabs.articles.size() == 1U, tabs.diagnostics());
  BOOST_TEST(tabs.articles[0].title == "T, with comma");
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
