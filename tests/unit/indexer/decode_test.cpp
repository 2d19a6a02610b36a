#include "indexer/formats/decode.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

#include "common/analysis/utf8.hpp"
#include "tests/support/paths.hpp"
#include "tests/unit/indexer/recording_sink.hpp"

namespace newsdig::formats {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_TEST_REQUIRE(in.good(), "cannot open " << path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string encoding_sample(std::string_view name) {
  return read_file(test::test_data_dir() / "encodings" / name);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(decoding)

BOOST_AUTO_TEST_CASE(valid_utf8_is_taken_as_it_is_without_a_copy) {
  const std::string_view bytes = "Caf\xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC \xE2\x80\x9Cquoted\xE2\x80\x9D";
  const DecodedText decoded = formats::decode(bytes);
  BOOST_TEST(decoded.text() == bytes);
  BOOST_TEST(decoded.text().data() == bytes.data());
  BOOST_TEST(decoded.encoding() == "UTF-8");
  BOOST_TEST((decoded.source() == EncodingSource::Utf8));
  BOOST_TEST(decoded.replaced() == 0U);
  BOOST_TEST(decoded.first_replaced_line() == 0U);
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_names_the_encoding_and_is_dropped) {
  struct Case {
    std::string_view bytes;
    std::string_view encoding;
  };
  const Case cases[] = {
      {"\xEF\xBB\xBFHi \xC3\xA9", "UTF-8"},
      {std::string_view("\xFF\xFEH\0i\0 \0\xE9\0", 10), "UTF-16LE"},
      {std::string_view("\xFE\xFF\0H\0i\0 \0\xE9", 10), "UTF-16BE"},
      {std::string_view("\xFF\xFE\0\0H\0\0\0i\0\0\0 \0\0\0\xE9\0\0\0", 20), "UTF-32LE"},
      {std::string_view("\0\0\xFE\xFF\0\0\0H\0\0\0i\0\0\0 \0\0\0\xE9", 20), "UTF-32BE"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.encoding) {
      const DecodedText decoded = formats::decode(c.bytes);
      BOOST_TEST(decoded.text() == "Hi \xC3\xA9");
      BOOST_TEST(decoded.encoding() == c.encoding);
      BOOST_TEST((decoded.source() == EncodingSource::ByteOrderMark));
      BOOST_TEST(decoded.replaced() == 0U);
    }
  }
}

BOOST_AUTO_TEST_CASE(latin1_text_is_read_as_windows_1252) {
  const std::string bytes = encoding_sample("latin1.txt");
  const DecodedText decoded = formats::decode(bytes);
  BOOST_TEST((decoded.source() == EncodingSource::Detected));
  BOOST_TEST(decoded.replaced() == 0U);
  BOOST_TEST(analysis::is_valid_utf8(decoded.text()));
  BOOST_TEST(decoded.text().starts_with("Caf\xC3\xA9 owners in S\xC3\xA3o Paulo"));
  BOOST_TEST(decoded.text().find("Z\xC3\xBCrich and Besan\xC3\xA7on") != std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(windows_1252_curly_quotes_dashes_and_euro_signs_survive) {
  // uchardet may name a sibling code page (windows-1250): it has these bytes at the same places.
  const DecodedText decoded = formats::decode(encoding_sample("windows1252.txt"));
  BOOST_TEST((decoded.source() == EncodingSource::Detected));
  BOOST_TEST(decoded.replaced() == 0U);
  BOOST_TEST(decoded.text().starts_with("Harbor board \xE2\x80\x9Cpleased\xE2\x80\x9D with"));
  BOOST_TEST(decoded.text().find("\xE2\x82\xAC"
                                 "2.4 million \xE2\x80\x93 half") != std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(a_declared_latin1_charset_means_windows_1252) {
  const DecodedText decoded = formats::decode("\x93Hi\x94 caf\xE9", "ISO-8859-1");
  BOOST_TEST((decoded.source() == EncodingSource::Declared));
  BOOST_TEST(decoded.encoding() == "windows-1252");
  BOOST_TEST(decoded.text() == "\xE2\x80\x9CHi\xE2\x80\x9D caf\xC3\xA9");
}

BOOST_AUTO_TEST_CASE(a_declared_charset_is_used_before_detection) {
  // KOI8-R "Привет" would be anything to a detector with six bytes to go on.
  const DecodedText decoded = formats::decode("\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r");
  BOOST_TEST((decoded.source() == EncodingSource::Declared));
  BOOST_TEST(decoded.text() == "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
}

BOOST_AUTO_TEST_CASE(valid_utf8_wins_over_a_declared_charset) {
  const DecodedText decoded = formats::decode("caf\xC3\xA9", "windows-1252");
  BOOST_TEST(decoded.text() == "caf\xC3\xA9");
  BOOST_TEST((decoded.source() == EncodingSource::Utf8));
}

BOOST_AUTO_TEST_CASE(an_unknown_declared_charset_falls_back_to_detection) {
  const DecodedText decoded = formats::decode("caf\xE9 au lait", "x-no-such-charset");
  BOOST_TEST((decoded.source() == EncodingSource::Detected));
  BOOST_TEST(analysis::is_valid_utf8(decoded.text()));
  BOOST_TEST(decoded.text().starts_with("caf"));
}

BOOST_AUTO_TEST_CASE(damaged_utf8_keeps_its_good_characters_and_counts_the_bad_bytes) {
  const DecodedText decoded = formats::decode(encoding_sample("invalid_utf8.txt"));
  BOOST_TEST((decoded.source() == EncodingSource::Utf8));
  BOOST_TEST(decoded.replaced() == 2U);
  BOOST_TEST(decoded.first_replaced_line() == 3U);
  BOOST_TEST(decoded.text().starts_with("R\xC3\xA9sum\xC3\xA9 of the harbor \xE2\x80\x93 cranes"));
  BOOST_TEST(decoded.text().find("board\xEF\xBF\xBD said the cr\xEF\xBF\xBD"
                                 "anes") != std::string_view::npos);
  BOOST_TEST(replaced_warning(decoded) == "replaced 2 invalid UTF-8 sequences (first on line 3)");
}

BOOST_AUTO_TEST_CASE(decode_input_warns_once_for_the_input_only_when_bytes_were_replaced) {
  const std::string damaged = encoding_sample("invalid_utf8.txt");
  test::RecordingSink sink;
  const DecodedText decoded = decode_input(Input{damaged, "d.txt", "d.txt"}, sink);
  BOOST_TEST(decoded.replaced() == 2U);
  BOOST_TEST_REQUIRE(sink.warnings.size() == 1U);
  BOOST_TEST(format_diagnostic(sink.warnings[0], "warning") ==
             "d.txt: warning: replaced 2 invalid UTF-8 sequences (first on line 3)");

  const std::string latin1 = encoding_sample("latin1.txt");
  test::RecordingSink quiet;
  decode_input(Input{latin1, "l.txt", "l.txt"}, quiet);
  BOOST_TEST(quiet.warnings.empty(), quiet.diagnostics());
}

BOOST_AUTO_TEST_CASE(bytes_a_converter_cannot_map_become_replacement_characters) {
  // Shift_JIS: "あ", a lead byte followed by a byte that cannot trail it, "い", then a lead byte cut off.
  const DecodedText unmapped = formats::decode("\x82\xA0\x82\x20\x82\xA2\n\x82", "Shift_JIS");
  BOOST_TEST(unmapped.replaced() == 2U);
  BOOST_TEST(unmapped.text() == "\xE3\x81\x82\xEF\xBF\xBD \xE3\x81\x84\n\xEF\xBF\xBD");
  BOOST_TEST(replaced_warning(unmapped) == "replaced 2 invalid Shift_JIS byte sequences (first on line 1)");

  const DecodedText cut = formats::decode(std::string_view("\xFF\xFEH\0i\0!", 7));
  BOOST_TEST(cut.replaced() == 1U);
  BOOST_TEST(cut.text() == "Hi\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_CASE(the_decoded_text_stays_valid_when_the_result_is_moved) {
  DecodedText first = formats::decode(std::string_view("\xFF\xFEO\0K\0", 6));
  const DecodedText second = std::move(first);
  BOOST_TEST(second.text() == "OK");
}

BOOST_AUTO_TEST_CASE(any_bytes_decode_to_valid_utf8) {
  std::string all_bytes;
  for (int byte = 0; byte < 256; ++byte) all_bytes += static_cast<char>(byte);
  for (std::string_view bytes :
       {std::string_view(all_bytes), std::string_view(all_bytes).substr(128), std::string_view("\xC3"),
        std::string_view("\xED\xA0\x80"), std::string_view("\xF4\x90\x80\x80")}) {
    BOOST_TEST_CONTEXT(bytes.size() << " bytes") {
      BOOST_TEST(analysis::is_valid_utf8(formats::decode(bytes).text()));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::formats
