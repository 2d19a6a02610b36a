#include <string>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/extract/ner/tokenizer.hpp"

namespace ner = newsdig::extract::ner;

namespace {

std::vector<std::string> forms(std::string_view text) {
  std::vector<ner::Token> tokens;
  std::vector<ner::Sentence> sentences;
  ner::tokenize(text, tokens, sentences);
  std::vector<std::string> out;
  for (const auto& token : tokens) out.push_back(token.form);
  return out;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : "|") + word;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tokenizer)

BOOST_AUTO_TEST_CASE(splits_words_and_punctuation_like_conll) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Abe's eagerness", "Abe|'s|eagerness"},
      {"Putin\xE2\x80\x99s planned visit", "Putin|'s|planned|visit"},
      {"U.S. officials said.", "U.S.|officials|said|."},
      {"Asia-Pacific Economic Cooperation (APEC)", "Asia-Pacific|Economic|Cooperation|(|APEC|)"},
      {"$20 million, 1,000 tonnes at 12:30", "$|20|million|,|1,000|tonnes|at|12:30"},
      {"they don't know", "they|do|n't|know"},
      {"\xE2\x80\x9C"
       "Both leaders agreed,\xE2\x80\x9D Suga said.",
       "\"|Both|leaders|agreed|,|\"|Suga|said|."},
      {"Mr. Abe and Dr. Kishida", "Mr.|Abe|and|Dr.|Kishida"},
      {"the companies' shares", "the|companies|'|shares"},
      {"O'Brien said 5% more...", "O'Brien|said|5|%|more|..."},
      {"Moscow\xE2\x80\x94giving him a letter", "Moscow|\xE2\x80\x94|giving|him|a|letter"},
      {"post-World War II peace", "post-World|War|II|peace"},
      {"Shares rose 1.5 pct to 3.", "Shares|rose|1.5|pct|to|3|."},
      {"", ""},
      {"  \n\n ", ""},
  };
  for (const auto& [text, expected] : cases) BOOST_TEST(joined(forms(text)) == expected, "text: " << text);
}

BOOST_AUTO_TEST_CASE(offsets_point_at_the_original_bytes) {
  const std::string text = "Prime Minister Shinzo Abe\xE2\x80\x99s talks with \xE2\x80\x9CPutin\xE2\x80\x9D.";
  std::vector<ner::Token> tokens;
  std::vector<ner::Sentence> sentences;
  ner::tokenize(text, tokens, sentences);
  std::vector<std::string> slices;
  for (const auto& token : tokens) {
    BOOST_TEST_REQUIRE(token.begin < token.end);
    BOOST_TEST_REQUIRE(token.end <= text.size());
    slices.push_back(text.substr(token.begin, token.end - token.begin));
  }
  BOOST_TEST(joined(slices) ==
             "Prime|Minister|Shinzo|Abe|\xE2\x80\x99s|talks|with|\xE2\x80\x9C|Putin|\xE2\x80\x9D|.");
}

BOOST_AUTO_TEST_CASE(ends_sentences_at_final_punctuation_and_blank_lines) {
  const std::string text =
      "Mr. Abe met U.S. officials on Monday. \"It went well,\" he said!\nLater he left\n\nA new paragraph";
  std::vector<ner::Token> tokens;
  std::vector<ner::Sentence> sentences;
  ner::tokenize(text, tokens, sentences);
  std::vector<std::string> texts;
  for (const auto& sentence : sentences) {
    texts.push_back(text.substr(tokens[sentence.first].begin,
                                tokens[sentence.last - 1].end - tokens[sentence.first].begin));
  }
  BOOST_TEST(
      texts == (std::vector<std::string>{"Mr. Abe met U.S. officials on Monday.",
                                         "\"It went well,\" he said!", "Later he left", "A new paragraph"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(cuts_very_long_sentences) {
  std::string text;
  for (int i = 0; i < 450; ++i) text += "word ";
  std::vector<ner::Token> tokens;
  std::vector<ner::Sentence> sentences;
  ner::tokenize(text, tokens, sentences);
  BOOST_TEST(tokens.size() == 450U);
  BOOST_TEST(sentences.size() == 3U);
  for (const auto& sentence : sentences)
    BOOST_TEST(sentence.last - sentence.first <= ner::kMaxSentenceTokens);
}

BOOST_AUTO_TEST_CASE(survives_ill_formed_utf8) {
  const std::string text = "Abe\xff\xfe Putin \xE2\x80 (\xC3";
  std::vector<ner::Token> tokens;
  std::vector<ner::Sentence> sentences;
  BOOST_CHECK_NO_THROW(ner::tokenize(text, tokens, sentences));
  BOOST_TEST_REQUIRE(!tokens.empty());
  BOOST_TEST(tokens.front().form == "Abe\xff\xfe");
  for (const auto& token : tokens) BOOST_TEST(token.end <= text.size());
}

BOOST_AUTO_TEST_SUITE_END()
