#include <string>
#include <string_view>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/analysis/sentences.hpp"

using newsdig::analysis::BodySentences;
using newsdig::analysis::LineBreaks;
using newsdig::analysis::SentenceOptions;
using newsdig::analysis::SentenceSplitter;

namespace {

std::vector<std::string> sentences_of(std::string_view text, const SentenceOptions& options = {}) {
  SentenceSplitter splitter(options);
  std::vector<std::string> sentences;
  for (const auto& span : splitter.split(text)) {
    BOOST_TEST(span.begin < span.end);
    BOOST_TEST(span.end <= text.size());
    sentences.emplace_back(text.substr(span.begin, span.end - span.begin));
  }
  return sentences;
}

struct SplitCase {
  std::string_view text;
  std::vector<std::string> sentences;
};

void check_sentences(const std::vector<SplitCase>& cases, const SentenceOptions& options = {}) {
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("text: " << c.text) {
      const auto sentences = sentences_of(c.text, options);
      BOOST_TEST(sentences == c.sentences, boost::test_tools::per_element());
    }
  }
}

SentenceOptions wrapped() {
  SentenceOptions options;
  options.line_breaks = LineBreaks::Wrapped;
  return options;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sentences)

BOOST_AUTO_TEST_CASE(splits_at_sentence_final_punctuation) {
  check_sentences({
      {"Abe met Putin. They talked for an hour.", {"Abe met Putin.", "They talked for an hour."}},
      {"Did they agree? No! Talks go on.", {"Did they agree?", "No!", "Talks go on."}},
      {"He said: \"We will meet again.\" Then he left.",
       {"He said: \"We will meet again.\"", "Then he left."}},
      {"Prices rose 3.5 percent. Trade fell.", {"Prices rose 3.5 percent.", "Trade fell."}},
  });
}

BOOST_AUTO_TEST_CASE(excludes_white_space_at_both_ends) {
  check_sentences({
      {"  First one.   Second one.  \n\n", {"First one.", "Second one."}},
      {"\t\u3000Full-width space.\u3000Next.", {"Full-width space.", "Next."}},
      {"No final stop   ", {"No final stop"}},
  });
}

BOOST_AUTO_TEST_CASE(gives_no_spans_for_empty_or_blank_text) {
  check_sentences({{"", {}}, {"   ", {}}, {"\n\n \r\n\t", {}}});
}

BOOST_AUTO_TEST_CASE(keeps_titles_before_names_inside_the_sentence) {
  check_sentences({
      {"Mr. Abe met Sen. Kerry and Gov. Brown. They talked.",
       {"Mr. Abe met Sen. Kerry and Gov. Brown.", "They talked."}},
      {"Dr. Smith arrived. Prof. Jones too.", {"Dr. Smith arrived.", "Prof. Jones too."}},
  });
}

BOOST_AUTO_TEST_CASE(reads_the_language_tag_loosely_and_accepts_unknown_languages) {
  SentenceOptions english;
  english.language = "EN-gb";
  check_sentences({{"Sen. Kerry spoke. Then he left.", {"Sen. Kerry spoke.", "Then he left."}}}, english);
  SentenceOptions unknown;
  unknown.language = "xx";
  check_sentences({{"One here. Two there.", {"One here.", "Two there."}}}, unknown);
}

BOOST_AUTO_TEST_CASE(ends_sentence_at_paragraph_break) {
  check_sentences({
      {"Title without a stop\n\nThe body starts here.", {"Title without a stop", "The body starts here."}},
      {"one paragraph\r\n\r\nanother one", {"one paragraph", "another one"}},
      {"first\n   \nsecond", {"first", "second"}},
  });
  check_sentences(
      {{"Title without a stop\n\nThe body starts here.", {"Title without a stop", "The body starts here."}},
       {"first\n \t\nsecond", {"first", "second"}}},
      wrapped());
}

BOOST_AUTO_TEST_CASE(ends_sentence_at_line_break_by_default) {
  check_sentences({
      {"JAPAN AND RUSSIA TO MEET\nAbe and Putin meet today.",
       {"JAPAN AND RUSSIA TO MEET", "Abe and Putin meet today."}},
      {"- first item\n- second item", {"- first item", "- second item"}},
      {"carriage\rreturn", {"carriage", "return"}},
  });
}

BOOST_AUTO_TEST_CASE(joins_hard_wrapped_lines_when_told_the_text_is_wrapped) {
  const std::string_view text =
      "Showers continued throughout the week in\n"
      "the Bahia cocoa zone, alleviating the drought since early\r\n"
      "January. Farmers are pleased.\n"
      "\n"
      "Second paragraph\n"
      "goes on.";
  const auto sentences = sentences_of(text, wrapped());
  BOOST_REQUIRE_EQUAL(sentences.size(), 3U);
  // Offsets point into the input, so a span still shows the original line breaks.
  BOOST_TEST(sentences[0] ==
             "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since "
             "early\r\nJanuary.");
  BOOST_TEST(sentences[1] == "Farmers are pleased.");
  BOOST_TEST(sentences[2] == "Second paragraph\ngoes on.");
}

BOOST_AUTO_TEST_CASE(splits_japanese_and_chinese_at_ideographic_full_stops) {
  check_sentences({
      {"安倍首相はプーチン大統領と会談した。両首脳は合意した。",
       {"安倍首相はプーチン大統領と会談した。", "両首脳は合意した。"}},
      {"日本和俄罗斯领导人将在北京会面。会谈很成功！", {"日本和俄罗斯领导人将在北京会面。", "会谈很成功！"}},
  });
}

BOOST_AUTO_TEST_CASE(reports_byte_offsets_into_multibyte_text) {
  const std::string text = "Café ouvert. 東京。";
  SentenceSplitter splitter;
  const auto spans = splitter.split(text);
  BOOST_REQUIRE_EQUAL(spans.size(), 2U);
  BOOST_TEST(spans[0].begin == 0U);
  BOOST_TEST(spans[0].end == 13U);  // "Café ouvert." with a two-byte é
  BOOST_TEST(spans[1].begin == 14U);
  BOOST_TEST(spans[1].end == text.size());
}

BOOST_AUTO_TEST_CASE(survives_invalid_utf8) {
  const std::string text = "Bad \xFF\xFE bytes. More \xE6\x97 here.\n\xC0\xAF";
  const auto sentences = sentences_of(text);
  BOOST_REQUIRE_EQUAL(sentences.size(), 3U);
  BOOST_TEST(sentences[0] == "Bad \xFF\xFE bytes.");
  BOOST_TEST(sentences[1] == "More \xE6\x97 here.");
  BOOST_TEST(sentences[2] == "\xC0\xAF");
  BOOST_TEST(sentences_of("\xE3\x80", wrapped()).size() == 1U);  // a truncated U+3000 is not white space
}

BOOST_AUTO_TEST_CASE(can_be_reused_and_moved) {
  SentenceSplitter first(wrapped());
  BOOST_TEST(first.split("One. Two.").size() == 2U);
  SentenceSplitter second = std::move(first);
  BOOST_TEST(second.split("a\nb").size() == 1U);  // still the wrapped splitter
  BOOST_TEST(second.split("Three.").size() == 1U);
}

BOOST_AUTO_TEST_CASE(splits_a_body_paragraph_by_paragraph_into_spans_of_the_body) {
  const std::string body =
      "TOKYO — Prime Minister Shinzo Abe will meet Russian President Vladimir Putin. Talks on a peace treaty "
      "have stalled\n\n"
      "Mr. Abe said on Sept. 21 that he hoped to visit Russia. He gave no date.\n\n\n"
      "The two countries never signed a treaty after World War Two";
  BodySentences sentences;
  const auto spans = sentences.split(body, "en");
  std::vector<std::string> texts;
  for (const auto& span : spans) texts.push_back(body.substr(span.begin, span.end - span.begin));
  // A blank line ends a sentence even without a full stop ("have stalled"); "Mr." and "Sept." do not.
  BOOST_TEST(texts == (std::vector<std::string>{
                          "TOKYO — Prime Minister Shinzo Abe will meet Russian President Vladimir Putin.",
                          "Talks on a peace treaty have stalled",
                          "Mr. Abe said on Sept. 21 that he hoped to visit Russia.", "He gave no date.",
                          "The two countries never signed a treaty after World War Two"}),
             boost::test_tools::per_element());
  // The same spans as splitting each paragraph on its own.
  std::vector<newsdig::analysis::SentenceSpan> by_paragraph;
  for (std::size_t start = 0; start < body.size();) {
    const std::size_t end = newsdig::analysis::paragraph_end(body, start);
    for (const auto& span : sentences.paragraph(body, start, end, "en")) by_paragraph.push_back(span);
    start = end + 2;
  }
  BOOST_REQUIRE(by_paragraph.size() == spans.size());
  for (std::size_t i = 0; i < spans.size(); ++i) {
    BOOST_TEST(by_paragraph[i].begin == spans[i].begin);
    BOOST_TEST(by_paragraph[i].end == spans[i].end);
  }
  BOOST_TEST(sentences.split("", "en").empty());
}

BOOST_AUTO_TEST_CASE(splits_a_language_icu_has_no_abbreviations_for_by_the_root_rules) {
  // ICU has no sentence break exceptions for Japanese: a SentenceSplitter for it throws, BodySentences
  // falls back to the root locale's rules.
  const std::string body = "安倍首相は北京でプーチン大統領と会談した。両首脳は平和条約について話し合った。";
  BodySentences sentences;
  const auto spans = sentences.split(body, "ja");
  BOOST_REQUIRE(spans.size() == 2U);
  BOOST_TEST(body.substr(spans[1].begin, spans[1].end - spans[1].begin) ==
             "両首脳は平和条約について話し合った。");
}

BOOST_AUTO_TEST_SUITE_END()
