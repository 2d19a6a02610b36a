#include "common/extract/dates/tokens.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace newsdig::extract::dates {
namespace {

std::vector<std::string> texts(std::string_view text) {
  std::vector<std::string> result;
  for (const auto& token : tokenize(text))
    result.emplace_back(text.substr(token.start, token.end - token.start));
  return result;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tokens)

BOOST_AUTO_TEST_CASE(splits_words_numbers_and_punctuation_at_byte_offsets) {
  using V = std::vector<std::string>;
  BOOST_TEST(texts("Sept. 21, 2014") == (V{"Sept", ".", "21", ",", "2014"}));
  BOOST_TEST(texts("the 1990s") == (V{"the", "1990", "s"}));
  BOOST_TEST(texts("mid-1996") == (V{"mid", "-", "1996"}));
  BOOST_TEST(texts("Zürich — 2014") == (V{"Zürich", "—", "2014"}));
  BOOST_TEST(texts("東京 2014年") == (V{"東京", "2014", "年"}));
}

BOOST_AUTO_TEST_CASE(keeps_numbers_with_inner_separators_whole) {
  auto tokens = tokenize("1,998 shares at 3.5 and 2014.");
  BOOST_TEST_REQUIRE(tokens.size() == 7u);
  BOOST_TEST(tokens[0].lower == "1,998");
  BOOST_TEST(tokens[0].grouped);
  BOOST_TEST(tokens[0].digits == 4);
  BOOST_TEST(tokens[3].grouped);
  BOOST_TEST(!tokens[5].grouped);
  BOOST_TEST(tokens[5].value == 2014);
  BOOST_TEST(tokens[6].lower == ".");
}

BOOST_AUTO_TEST_CASE(folds_typographic_apostrophes_and_knows_calendar_words) {
  auto tokens = tokenize("New Year\u2019s Day, Sept");
  BOOST_TEST_REQUIRE(tokens.size() == 7u);
  BOOST_TEST(tokens[2].lower == "'");
  BOOST_TEST(tokens[1].lexeme != nullptr);
  BOOST_TEST((tokens[1].lexeme->unit == Unit::Year));
  BOOST_TEST(tokens[6].lexeme->month == 9);
  BOOST_TEST(tokens[6].lexeme->month_abbr);
  BOOST_TEST(tokens[6].capitalized);
  BOOST_TEST(tokens[0].lexeme == nullptr);
}

BOOST_AUTO_TEST_CASE(marks_white_space_and_blank_lines_before_tokens) {
  auto tokens = tokenize("Monday\nTuesday\n\nWednesday,Thursday");
  BOOST_TEST_REQUIRE(tokens.size() == 5u);
  BOOST_TEST(tokens[0].break_before);
  BOOST_TEST(tokens[1].space_before);
  BOOST_TEST(!tokens[1].break_before);
  BOOST_TEST(tokens[2].break_before);
  BOOST_TEST(!tokens[3].space_before);
  BOOST_TEST(!tokens[4].space_before);
}

BOOST_AUTO_TEST_CASE(survives_ill_formed_utf8) {
  std::string text = "Sept. \xC3 21\xFF, 2014 \xE2\x82";
  auto tokens = tokenize(text);
  BOOST_TEST(!tokens.empty());
  for (const auto& token : tokens) {
    BOOST_TEST(token.start < token.end);
    BOOST_TEST(token.end <= text.size());
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::extract::dates
