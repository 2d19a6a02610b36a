// util::parse_pubdate lives in common/util; it is tested here, beside the readers whose inputs it parses.
#include "common/util/pubdate.hpp"

#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

namespace newsdig::util {
namespace {

// The parse in to_iso8601 form, or "none".
std::string parsed(std::string_view text) {
  const auto timestamp = parse_pubdate(text);
  return timestamp ? to_iso8601(*timestamp) : "none";
}

struct Case {
  std::string_view text;
  std::string_view expected;
};

void check(std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("\"" << c.text << "\"") {
      BOOST_TEST(parsed(c.text) == c.expected);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pubdate)

BOOST_AUTO_TEST_CASE(iso_8601_forms_parse_as_parse_iso8601_parses_them) {
  check({
      {"2014-09-22", "2014-09-22"},
      {"20140922", "2014-09-22"},
      {"2014-09-22T10:00:00+09:00", "2014-09-22T10:00:00+09:00"},
      {"2014-09-22T01:00:00.250Z", "2014-09-22T01:00:00Z"},
      {"  2014-09-22 10:00  ", "2014-09-22T10:00:00"},
      {"2014-09-22 10:00:00 +0900", "2014-09-22T10:00:00+09:00"},
      {"2014/09/22", "2014-09-22"},
  });
}

BOOST_AUTO_TEST_CASE(rfc_2822_dates_of_mail_and_feeds_parse_with_their_zone) {
  check({
      {"Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"},
      {"Tue, 10 Jun 2003 04:00:00 -0500", "2003-06-10T04:00:00-05:00"},
      {"10 Jun 2003 04:00 +0000", "2003-06-10T04:00:00Z"},
      {"Tue, 10 Jun 2003 04:00:00 -0500 (CDT)", "2003-06-10T04:00:00-05:00"},
      {"Sat, 21 Oct 2006 20:11:00 UT", "2006-10-21T20:11:00Z"},
      {"Mon, 3 Mar 2014 09:30:00 CET", "2014-03-03T09:30:00+01:00"},
  });
}

BOOST_AUTO_TEST_CASE(reuters_21578_dates_parse_with_fractions_dropped) {
  check({
      {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"},
      {" 3-MAR-1987  09:15:05.40", "1987-03-03T09:15:05"},
      {"7-APR-1987 16:22:00.0", "1987-04-07T16:22:00"},
      {"31-MAR-1987", "1987-03-31"},
      {"31-MAR-1987 605:12:19.12", "none"},
      {"30-FEB-1987 10:00:00.00", "none"},
  });
}

BOOST_AUTO_TEST_CASE(reuters_site_dates_parse_with_am_pm_and_us_zones) {
  check({
      {"Sat Oct 21, 2006 8:11pm EDT", "2006-10-21T20:11:00-04:00"},
      {"Fri Oct 20, 2006 6:15pm EDT", "2006-10-20T18:15:00-04:00"},
      {"Sun Oct 29, 2006 6:40am EST", "2006-10-29T06:40:00-05:00"},
      {"Mon Jan 1, 2007 12:05am EST", "2007-01-01T00:05:00-05:00"},
      {"Mon Jan 1, 2007 12:05pm PST", "2007-01-01T12:05:00-08:00"},
      {"Oct 21, 2006 8:11 p.m. CDT", "2006-10-21T20:11:00-05:00"},
      {"Sat Oct 21, 2006 13:11pm EDT", "none"},
      {"Sat Oct 21, 2006 0:11am EDT", "none"},
  });
}

BOOST_AUTO_TEST_CASE(dates_written_with_month_names_parse_in_either_order) {
  check({
      {"October 21, 2006", "2006-10-21"},
      {"Oct. 21 2006", "2006-10-21"},
      {"21 October 2006", "2006-10-21"},
      {"21st October 2006", "2006-10-21"},
      {"Sept. 3, 2014", "2014-09-03"},
      {"January 1, 1994", "1994-01-01"},
      {"Saturday, October 21, 2006 at 8:11 PM", "2006-10-21T20:11:00"},
      {"Fri Oct 20 18:15:00 EDT 2006", "2006-10-20T18:15:00-04:00"},
  });
}

BOOST_AUTO_TEST_CASE(trec_dates_parse_including_two_digit_years_and_edition_notes) {
  check({
      {"940101", "1994-01-01"},
      {"891231", "1989-12-31"},
      {"100315", "2010-03-15"},
      {"January 1, 1989, Sunday, Home Edition", "1989-01-01"},
      {"02/26/87", "1987-02-26"},
      {"2/26/1987", "1987-02-26"},
      {"941301", "none"},
  });
}

BOOST_AUTO_TEST_CASE(a_zone_without_a_time_of_day_is_dropped) {
  check({
      {"Oct 21, 2006 EDT", "2006-10-21"},
  });
}

BOOST_AUTO_TEST_CASE(what_is_not_a_complete_date_does_not_parse) {
  check({
      {"", "none"},
      {"   ", "none"},
      {"yesterday", "none"},
      {"last Tuesday", "none"},
      {"sometime in spring", "none"},
      {"October 2006", "none"},
      {"October 21", "none"},
      {"22/09/2014", "none"},
      {"1411344000", "none"},
      {"2014-02-30", "none"},
      {"Oct 21, 2006 8:11pm EDT and more 5", "none"},
      {"Oct 21 Oct 22, 2006", "none"},
      {"Oct 21, 2006 25:00", "none"},
      {"Oct 21, 2006 8:11 +2500", "none"},
      {"Caf\xC3\xA9 21 Oct 2006", "none"},
  });
}

BOOST_AUTO_TEST_CASE(never_throws_on_hostile_input) {
  const std::string_view hostile[] = {
      std::string_view("\0\0\0", 3),
      "((((((((",
      "99999999999999999999999",
      ":::::",
      "-+-+-+",
      "a.m.p.m.",
      "1:",
      "12:3",
      "Oct 21, 2006 8:",
      "Oct 21, 2006 8:11:",
      "2006-",
      "(",
  };
  for (std::string_view text : hostile) {
    BOOST_TEST_CONTEXT(text.size() << " bytes") {
      BOOST_CHECK_NO_THROW(parse_pubdate(text));
      BOOST_TEST(parsed(text) == "none");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::util
