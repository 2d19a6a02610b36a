#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/analysis/utf8.hpp"

using newsdig::analysis::is_valid_utf8;
using newsdig::analysis::repair_utf8;

namespace {

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

struct RepairCase {
  std::string_view name;
  std::string_view input;
  std::string expected;
  std::size_t replaced;
};

std::string fffd(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += kFffd;
  return out;
}

// Pieces glued together (GCC 12 warns falsely about "literal" + std::string).
std::string cat(std::initializer_list<std::string_view> pieces) {
  std::string out;
  for (const auto piece : pieces) out += piece;
  return out;
}

// Each maximal subpart of an ill-formed sequence becomes one U+FFFD (the Unicode recommendation, as in
// ICU and the WHATWG encoding standard).
const std::vector<RepairCase>& repair_cases() {
  static const std::vector<RepairCase> cases{
      {"empty", "", "", 0},
      {"ascii", "Abe met Putin", "Abe met Putin", 0},
      {"two-byte", "Café", "Café", 0},
      {"three-byte", "日本", "日本", 0},
      {"four-byte", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", 0},
      {"highest code point", "\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF", 0},
      {"U+FFFD itself", "\xEF\xBF\xBD", "\xEF\xBF\xBD", 0},
      {"truncated at end", "ab\xE6\x97", cat({"ab", kFffd}), 1},
      {"truncated before ascii", "a\xE6\x97z", cat({"a", kFffd, "z"}), 1},
      {"truncated four-byte", "\xF0\x9F\x98 x", cat({kFffd, " x"}), 1},
      {"overlong slash", "\xC0\xAF", fffd(2), 2},
      {"overlong three-byte", "\xE0\x80\xAF", fffd(3), 3},
      {"overlong four-byte", "\xF0\x80\x80\xAF", fffd(4), 4},
      {"surrogate", "\xED\xA0\x80", fffd(3), 3},
      {"above U+10FFFF", "\xF4\x90\x80\x80", fffd(4), 4},
      {"F5 lead", "\xF5\x80\x80\x80", fffd(4), 4},
      {"lone continuation", "a\x80z", cat({"a", kFffd, "z"}), 1},
      {"continuation run", "\x80\x81\xBF", fffd(3), 3},
      {"FF and FE", "\xFF\xFE", fffd(2), 2},
      {"lead then lead", "\xC3\xC3\xA9", cat({kFffd, "é"}), 1},
      {"latin-1 text", "caf\xE9 cr\xE8me", cat({"caf", kFffd, " cr", kFffd, "me"}), 2},
      {"error after long ascii run", "0123456789abcdef0123\xFF", cat({"0123456789abcdef0123", kFffd}), 1},
  };
  return cases;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(utf8)

BOOST_AUTO_TEST_CASE(repairs_each_ill_formed_subpart_with_one_replacement_character) {
  for (const auto& c : repair_cases()) {
    BOOST_TEST_CONTEXT(c.name) {
      const auto repaired = repair_utf8(c.input);
      BOOST_TEST(repaired.text == c.expected);
      BOOST_TEST(repaired.replaced == c.replaced);
      BOOST_TEST(is_valid_utf8(repaired.text));
    }
  }
}

BOOST_AUTO_TEST_CASE(accepts_exactly_the_inputs_that_need_no_repair) {
  for (const auto& c : repair_cases()) {
    BOOST_TEST_CONTEXT(c.name) {
      BOOST_TEST(is_valid_utf8(c.input) == (c.replaced == 0));
    }
  }
}

BOOST_AUTO_TEST_CASE(passes_valid_text_through_unchanged) {
  const std::string text = "Abe’s talks with Путин in 東京 (ＡＰＥＣ) 😀\n";
  const auto repaired = repair_utf8(text);
  BOOST_TEST(repaired.text == text);
  BOOST_TEST(repaired.replaced == 0U);
}

BOOST_AUTO_TEST_CASE(keeps_nul_bytes_as_valid_text) {
  const std::string text("a\0b", 3);
  BOOST_TEST(is_valid_utf8(text));
  BOOST_TEST(repair_utf8(text).text == text);
}

BOOST_AUTO_TEST_CASE(agrees_with_itself_on_every_two_byte_input) {
  // Every byte pair, alone and after an ASCII run that exercises the eight-bytes-at-a-time path.
  for (int first = 0; first < 256; ++first) {
    for (int second = 0; second < 256; ++second) {
      const std::string pair{static_cast<char>(first), static_cast<char>(second)};
      for (const std::string& input : {pair, "01234567" + pair + "x"}) {
        const auto repaired = repair_utf8(input);
        if (!is_valid_utf8(repaired.text) || is_valid_utf8(input) != (repaired.replaced == 0) ||
            (repaired.replaced == 0 && repaired.text != input)) {
          BOOST_ERROR("inconsistent for bytes " << first << ", " << second);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(accepts_every_scalar_value_and_rejects_surrogates) {
  const auto encode = [](char32_t c) {
    std::string out;
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
  };
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    const bool surrogate = c >= 0xD800 && c <= 0xDFFF;
    if (is_valid_utf8(encode(c)) == surrogate) BOOST_ERROR("wrong answer for U+" << std::hex << unsigned(c));
  }
}

BOOST_AUTO_TEST_SUITE_END()
