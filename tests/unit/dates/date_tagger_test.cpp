#include "common/extract/dates/date_tagger.hpp"

#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace newsdig::extract {
namespace {

// Monday 22 September 2014.
const std::optional<util::Timestamp> kMonday = util::parse_iso8601("2014-09-22T10:00:00+09:00");

const DateTagger& tagger() {
  static const DateTagger instance;
  return instance;
}

// "text=value" for every mention, joined by " | ".
std::string tag(std::string_view text, const std::optional<util::Timestamp>& reference = kMonday) {
  std::ostringstream out;
  for (const auto& mention : tagger().find(text, "body", reference)) {
    if (out.tellp() > 0) out << " | ";
    out << mention.text << '=' << mention.value;
  }
  return out.str();
}

struct Case {
  std::string_view text;
  std::string_view expected;
};

template <std::size_t N>
void check_all(const Case (&cases)[N], const std::optional<util::Timestamp>& reference = kMonday) {
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("text \"" << c.text << "\"") {
      BOOST_TEST(tag(c.text, reference) == c.expected);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(date_tagger)

BOOST_AUTO_TEST_CASE(tags_absolute_dates_with_their_written_granularity) {
  const Case cases[] = {
      {"The deal closed on Sept. 21, 2014, in Tokyo.", "Sept. 21, 2014=2014-09-21"},
      {"It closed on 21 September 2014.", "21 September 2014=2014-09-21"},
      {"Filed 2014-09-21 by the court.", "2014-09-21=2014-09-21"},
      {"Filed 9/21/2014 and 09/21/98.", "9/21/2014=2014-09-21 | 09/21/98=1998-09-21"},
      {"Sales rose in September 2014.", "September 2014=2014-09"},
      {"He was born in 1948.", "1948=1948"},
      {"The talks, held on Friday, Oct. 13, 1989, failed.", "Friday, Oct. 13, 1989=1989-10-13"},
      {"Prices fell on the 21st of September, 2014.", "the 21st of September, 2014=2014-09-21"},
      {"Unrest grew in the late 1970s and the '80s.", "the late 1970s=197 | the '80s=198"},
      {"the 20th century", "the 20th century=19"},
      {"By the year two thousand, and in nineteen ninety-six.",
       "the year two thousand=2000 | nineteen ninety-six=1996"},
      {"Output peaked in mid-1996.", "mid-1996=1996"},
      {"Earnings for fiscal 1989 rose.", "fiscal 1989=1989"},
      {"Net rose in the third quarter of 1989.", "the third quarter of 1989=1989-Q3"},
      {"the second half of 1989", "the second half of 1989=1989-H2"},
      {"the last half of 1989", "the last half of 1989=1989-H2"},
      {"in the summer of 1994", "the summer of 1994=1994-SU"},
      {"in the winter of nineteen ninety-four", "the winter of nineteen ninety-four=1994-WI"},
      {"January nineteen ninety-seven. Atlanta again.", "January nineteen ninety-seven=1997-01"},
      {"Christmas 1998 was quiet.", "Christmas 1998=1998-12-25"},
      {"Thanksgiving 2014", "Thanksgiving 2014=2014-11-27"},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(resolves_relative_expressions_against_the_publication_date) {
  // The reference is Monday 2014-09-22.
  const Case cases[] = {
      {"yesterday", "yesterday=2014-09-21"},
      {"Today, tomorrow.", "Today=2014-09-22 | tomorrow=2014-09-23"},
      {"Sales fell last week.", "last week=2014-W38"},
      {"He arrives this week.", "this week=2014-W39"},
      {"Elections are due next year.", "next year=2015"},
      {"Output fell last month.", "last month=2014-08"},
      {"Prices rose earlier this month.", "earlier this month=2014-09"},
      {"They met two weeks ago.", "two weeks ago=2014-W37"},
      {"Profit doubled from a year ago.", "a year ago=2013"},
      {"They met three days ago.", "three days ago=2014-09-19"},
      {"It rained last Friday.", "last Friday=2014-09-19"},
      {"It will rain next Friday.", "next Friday=2014-09-26"},
      {"Sales fell last November.", "last November=2013-11"},
      {"Sales rose in June last year.", "June last year=2013-06"},
      {"It was hot this summer.", "this summer=2014-SU"},
      {"Prices fell last fall.", "last fall=2013-FA"},
      {"Profit rose in the third quarter.", "the third quarter=2014-Q3"},
      {"Profit rose in the fourth quarter.", "the fourth quarter=2013-Q4"},
      {"Profit will rise in the fourth quarter.", "the fourth quarter=2014-Q4"},
      {"Growth slowed in recent years.", "recent years=PAST_REF"},
      {"Prices are now high; he recently left; in the future.",
       "now=PRESENT_REF | recently=PAST_REF | the future=FUTURE_REF"},
      {"Unrest grew several years ago.", "several years ago=PAST_REF"},
      {"The plant opened last Christmas.", "last Christmas=2013-12-25"},
      {"Debt will fall by year-end.", "year-end=2014"},
      {"He spent the summer in Rome.", "the summer=2014-SU"},
      {"Sales rose in the current fiscal year.", "the current fiscal year=2014"},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(resolves_bare_weekdays_backwards_unless_the_clause_is_in_the_future) {
  // The reference is a Monday: a bare weekday is the latest such day up to it.
  const Case cases[] = {
      {"The talks ended Friday.", "Friday=2014-09-19"},
      {"The talks began Monday.", "Monday=2014-09-22"},
      {"He said on Tuesday that prices fell.", "Tuesday=2014-09-16"},
      {"The talks will resume Friday.", "Friday=2014-09-26"},
      {"The talks are scheduled to resume Wednesday.", "Wednesday=2014-09-24"},
      {"Talks are to resume Thursday, officials said.", "Thursday=2014-09-25"},
      {"The meeting, which ended Sunday, will resume.", "Sunday=2014-09-21"},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(resolves_months_and_days_without_year_by_tense_and_distance) {
  // The reference is 2014-09-22.
  const Case cases[] = {
      {"Sales fell in March.", "March=2014-03"},
      {"The plant opens in November.", "November=2014-11"},
      {"The plant will open in January.", "January=2015-01"},
      {"The plant opened in January.", "January=2014-01"},
      {"The year ended March 31.", "March 31=2014-03-31"},
      {"The offer expires Oct. 3.", "Oct. 3=2014-10-03"},
      {"He was elected Dec. 31.", "Dec. 31=2013-12-31"},
      {"The editorial of Thursday, Sept. 18:", "Thursday, Sept. 18=2014-09-18"},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(leaves_relative_expressions_without_value_when_there_is_no_reference) {
  const Case cases[] = {
      {"It rained yesterday and last week.", "yesterday= | last week="},
      {"It rained on Friday, Sept. 19.", "Friday, Sept. 19="},
      {"Profit rose in the third quarter.", "the third quarter="},
      {"It closed on Sept. 21, 2014, in 1998 and in the 1990s.",
       "Sept. 21, 2014=2014-09-21 | 1998=1998 | the 1990s=199"},
      {"Prices are now high.", "now=PRESENT_REF"},
  };
  check_all(cases, std::nullopt);
  // An impossible reference counts as none.
  util::Timestamp impossible;
  impossible.year = 2014;
  impossible.month = 2;
  impossible.day = 30;
  BOOST_TEST(tag("yesterday", impossible) == "yesterday=");
}

BOOST_AUTO_TEST_CASE(keeps_values_within_years_1_to_9999) {
  BOOST_TEST(tag("last year, the '90s, next year", util::parse_iso8601("0001-06-01")) ==
             "last year= | the '90s= | next year=0002");
  BOOST_TEST(tag("next year, yesterday", util::parse_iso8601("9999-12-31")) ==
             "next year= | yesterday=9999-12-30");
}

BOOST_AUTO_TEST_CASE(resolves_comparisons_against_the_quarter_in_focus) {
  BOOST_TEST(
      tag("Net rose in the third quarter of 2013. A year earlier it fell. In the quarter, sales rose.") ==
      "the third quarter of 2013=2013-Q3 | A year earlier=2012-Q3 | the quarter=2013-Q3");
  BOOST_TEST(tag("Third-quarter profit rose from the year-earlier quarter.") ==
             "Third-quarter=2014-Q3 | the year-earlier quarter=2013-Q3");
  BOOST_TEST(tag("The plant closed on Sept. 3, 2010. Two days later it burned.") ==
             "Sept. 3, 2010=2010-09-03 | Two days later=2010-09-05");
  BOOST_TEST(tag("It opened in 2010 and closed the following year.") ==
             "2010=2010 | the following year=2011");
  BOOST_TEST(tag("Net rose in the second quarter of 2013 from the quarter a year ago.") ==
             "the second quarter of 2013=2013-Q2 | the quarter a year ago=2012-Q2");
}

BOOST_AUTO_TEST_CASE(does_not_tag_numbers_and_words_that_are_not_dates) {
  const Case cases[] = {
      {"He sold 1,998 shares for $2014.", ""},
      {"Some 2014 votes were cast; about 1500 people came.", ""},
      {"An A320 landed at 10:30 with 2014 passengers.", ""},
      {"Prices may fall. March on Washington.", ""},
      {"Theresa May and April Ryan spoke.", ""},
      {"The index rose 2.5% to 1998.5 and 2014%.", ""},
      {"The shop opens each Thursday and every July.", ""},
      {"He bought Windows 2000 software.", ""},
      {"He fell in the first week.", ""},
      {"They lost two thousand years of history.", ""},
      {"He wrote about the fall of the Berlin Wall.", ""},
      {"The estimate is due at 1500 hrs EST; the current account deficit widened.", ""},
      {"She was named Playmate of the Year.", ""},
      {"The now-defunct firm recently, the past three years.", "recently=PAST_REF"},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(refuses_impossible_calendar_dates) {
  BOOST_TEST(tag("It happened on Feb. 30, 2014.") == "2014=2014");
  BOOST_TEST(tag("It happened on 2014-02-30.") == "2014=2014");
  BOOST_TEST(tag("Leap day: Feb. 29, 2016; Feb. 29, 2015.") == "Feb. 29, 2016=2016-02-29 | 2015=2015");
}

BOOST_AUTO_TEST_CASE(gives_utf8_byte_offsets_into_the_field_text) {
  const std::string text = "Zürich — Le 21 septembre, “Sept. 21, 2014” ; 東京は Monday. New Year\u2019s Day";
  auto mentions = tagger().find(text, "title", kMonday);
  BOOST_TEST_REQUIRE(mentions.size() == 3u);
  for (const auto& mention : mentions) {
    BOOST_TEST(mention.field == "title");
    BOOST_TEST(text.substr(mention.start, mention.end - mention.start) == mention.text);
  }
  BOOST_TEST(mentions[0].text == "Sept. 21, 2014");
  BOOST_TEST(mentions[0].start == text.find("Sept."));
  BOOST_TEST(mentions[1].text == "Monday");
  BOOST_TEST(mentions[1].value == "2014-09-22");
  BOOST_TEST(mentions[2].text == "New Year\u2019s Day");
  BOOST_TEST(mentions[2].value == "2015-01-01");
}

BOOST_AUTO_TEST_CASE(never_lets_a_date_span_a_blank_line) {
  BOOST_TEST(tag("Prices fell on Sept.\n\n21, 2014 was calm.") == "Sept.=2014-09 | 2014=2014");
  BOOST_TEST(tag("Prices fell on Sept. 21,\n2014.") == "Sept. 21,\n2014=2014-09-21");
}

BOOST_AUTO_TEST_CASE(leaves_out_the_rule_groups_it_is_told_to) {
  DateTaggerOptions options;
  options.disabled_groups = {"weekday", "no-such-group"};
  DateTagger without_weekdays(options);
  auto mentions = without_weekdays.find("They met Friday and on Sept. 19, 2014.", "body", kMonday);
  BOOST_TEST_REQUIRE(mentions.size() == 1u);
  BOOST_TEST(mentions[0].value == "2014-09-19");
  auto groups = DateTagger::rule_groups();
  BOOST_TEST(groups.size() > 5u);
  BOOST_TEST(groups.front() == "absolute");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::extract
