#include "common/extract/dates/eval/timeml.hpp"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace newsdig::extract::dates::eval {
namespace {

constexpr std::string_view kDocument = R"(<?xml version="1.0" ?>
<TimeML>
<DOCID>APW_TEST</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="1998-02-13T14:26:00" temporalFunction="false" functionInDocument="CREATION_TIME">02/13/1998 14:26:00</TIMEX3></DCT>
<TITLE>Not part of the text</TITLE>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">voted</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-13" anchorTimeID="t0">Friday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P210Y">210 years</TIMEX3>; a vote comes <TIMEX3 tid="t3" type="DATE" value="1999">next year</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
)";

// A mention of the first `text` at or after `from`.
DateMention mention(const TimemlDocument& doc, std::string_view text, std::string value,
                    std::size_t from = 0) {
  DateMention m;
  m.start = static_cast<std::uint32_t>(doc.text.find(text, from));
  m.end = static_cast<std::uint32_t>(m.start + text.size());
  m.text = std::string(text);
  m.value = std::move(value);
  return m;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(timeml)

BOOST_AUTO_TEST_CASE(reads_the_text_without_tags_and_the_gold_spans_into_it) {
  auto doc = parse_timeml(kDocument);
  BOOST_TEST(doc.id == "APW_TEST");
  BOOST_TEST_REQUIRE(doc.creation_time.has_value());
  BOOST_TEST(doc.creation_time->year == 1998);
  BOOST_TEST(doc.creation_time->day == 13);
  BOOST_TEST(doc.text == "\nAT&T voted Friday after 210 years; a vote comes next year.\n");
  BOOST_TEST_REQUIRE(doc.timexes.size() == 3u);
  const auto& friday = doc.timexes[0];
  BOOST_TEST(doc.text.substr(friday.start, friday.end - friday.start) == "Friday");
  BOOST_TEST(friday.type == "DATE");
  BOOST_TEST(friday.value == "1998-02-13");
  BOOST_TEST(doc.timexes[1].type == "DURATION");
  BOOST_TEST(doc.text.substr(doc.timexes[2].start, doc.timexes[2].end - doc.timexes[2].start) == "next year");
}

BOOST_AUTO_TEST_CASE(refuses_documents_without_text_or_with_unbalanced_timexes) {
  BOOST_CHECK_THROW(parse_timeml("<TimeML><DOCID>x</DOCID></TimeML>"), std::runtime_error);
  BOOST_CHECK_THROW(parse_timeml("<TEXT><TIMEX3 type=\"DATE\">Friday</TEXT>"), std::runtime_error);
  BOOST_CHECK_THROW(parse_timeml("<TEXT>Friday</TIMEX3></TEXT>"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(values_match_when_equal_at_the_gold_granularity) {
  struct Case {
    std::string_view system;
    std::string_view gold;
    bool matches;
  };
  const Case cases[] = {
      {"1998-02-13", "1998-02-13", true},
      {"1998-02-13", "1998-02", true},
      {"1998-02-13", "1998", true},
      {"1998-02-13", "1998-W07", true},
      {"1998-02-13", "1998-Q1", true},
      {"2000-02-14", "2000-W7", true},
      {"1998-02", "1998-02-13", false},
      {"1998", "1998-02", false},
      {"1998-W07", "1998-02", false},
      {"1998-02-13", "1998-02-14", false},
      {"PRESENT_REF", "PRESENT_REF", true},
      {"PRESENT_REF", "PAST_REF", false},
      {"1989-W43", "1989-WXX", false},
      {"", "1998", false},
      {"199", "199", true},
      {"1995", "199", true},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.system << " against gold " << c.gold) {
      BOOST_TEST(value_matches(c.system, c.gold) == c.matches);
    }
  }
}

BOOST_AUTO_TEST_CASE(placeholders_count_as_unspecified_only_when_asked) {
  struct Case {
    std::string_view system;
    std::string_view gold;
    bool matches;
  };
  const Case cases[] = {
      {"1949", "1949-XX", true},          {"1989-W43", "1989-WXX", true}, {"1998-10-24", "1998-10-XX", true},
      {"1995-03-02", "199X-XX-XX", true}, {"1989-Q3", "1989-QX", true},   {"1988", "1989-WXX", false},
      {"1949", "XXXX-XX", false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.system << " against gold " << c.gold) {
      BOOST_TEST(value_matches(c.system, c.gold, Placeholders::Unspecified) == c.matches);
    }
  }
}

BOOST_AUTO_TEST_CASE(pairs_mentions_with_overlapping_gold_dates_one_to_one) {
  auto doc = parse_timeml(kDocument);
  std::vector<DateMention> mentions = {
      mention(doc, "Friday", "1998-02-13"),                 // right span, right value
      mention(doc, "210 years", "PAST_REF"),                // overlaps only a DURATION: spurious
      mention(doc, "next", "1999"),                         // overlaps "next year"
      mention(doc, "year", "1999", doc.text.find("next")),  // "next year" is already paired: spurious
  };
  std::vector<Finding> findings;
  Score score = score_document(doc, mentions, &findings);
  BOOST_TEST(score.gold == 2u);
  BOOST_TEST(score.system == 4u);
  BOOST_TEST(score.span_matched == 2u);
  BOOST_TEST(score.value_matched == 2u);
  BOOST_TEST(score.other_overlaps == 1u);
  BOOST_TEST(score.span_precision() == 0.5);
  BOOST_TEST(score.span_recall() == 1.0);
  BOOST_TEST(score.value_accuracy() == 1.0);
  std::size_t spurious = 0;
  for (const auto& f : findings) spurious += f.kind == FindingKind::Spurious ? 1 : 0;
  BOOST_TEST(spurious == 2u);

  mentions = {mention(doc, "Friday", "1998-02-06")};
  findings.clear();
  score = score_document(doc, mentions, &findings);
  BOOST_TEST(score.span_matched == 1u);
  BOOST_TEST(score.value_matched == 0u);
  BOOST_TEST(score.span_f1() > score.value_f1());
  BOOST_TEST_REQUIRE(findings.size() == 2u);
  BOOST_TEST((findings[0].kind == FindingKind::WrongValue));
  BOOST_TEST(findings[0].gold_value == "1998-02-13");
  BOOST_TEST((findings[1].kind == FindingKind::Missed));
  BOOST_TEST(findings[1].text == "next year");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::extract::dates::eval
