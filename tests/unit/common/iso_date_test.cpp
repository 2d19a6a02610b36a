#include "common/util/iso_date.hpp"

#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

namespace newsdig::util {
namespace {

std::string canonical(std::string_view text) {
  auto timestamp = parse_iso8601(text);
  return timestamp ? to_iso8601(*timestamp) : std::string("<rejected>");
}

std::string utc(std::string_view text) {
  auto timestamp = parse_iso8601(text);
  return timestamp ? to_iso8601(to_utc(*timestamp)) : std::string("<rejected>");
}

std::string slot(std::string_view text) {
  auto timestamp = parse_iso8601(text);
  return timestamp ? to_slot_value(*timestamp) : std::string("<rejected>");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(iso_date)

BOOST_AUTO_TEST_CASE(parses_every_accepted_form_to_its_canonical_text) {
  struct Case {
    std::string_view input;
    std::string_view expected;
  };
  const Case cases[] = {
      {"2014-09-22", "2014-09-22"},
      {"20140922", "2014-09-22"},
      {"2014-09-22T10:00", "2014-09-22T10:00:00"},
      {"2014-09-22T10:00:00", "2014-09-22T10:00:00"},
      {"2014-09-22 10:00:00", "2014-09-22T10:00:00"},
      {"2014-09-22t10:00:00", "2014-09-22T10:00:00"},
      {"2014-09-22T10:00:05.250", "2014-09-22T10:00:05"},
      {"2014-09-22T10:00:05,5", "2014-09-22T10:00:05"},
      {"2014-09-22T10:00:00Z", "2014-09-22T10:00:00Z"},
      {"2014-09-22T10:00:00z", "2014-09-22T10:00:00Z"},
      {"2014-09-22T10:00:00+09:00", "2014-09-22T10:00:00+09:00"},
      {"2014-09-22T10:00:00+0900", "2014-09-22T10:00:00+09:00"},
      {"2014-09-22T10:00:00-05", "2014-09-22T10:00:00-05:00"},
      {"2014-09-22T10:00:00+05:30", "2014-09-22T10:00:00+05:30"},
      {"2014-09-22T10:00:00-09:30", "2014-09-22T10:00:00-09:30"},
      {"2014-09-22T10:00:00+00:00", "2014-09-22T10:00:00Z"},
      {"2014-09-22T10:00:00.123456789-00:00", "2014-09-22T10:00:00Z"},
      {"20140922T100000Z", "2014-09-22T10:00:00Z"},
      {"20140922T1000", "2014-09-22T10:00:00"},
      {"  2014-09-22\n", "2014-09-22"},
      {"0001-01-01", "0001-01-01"},
      {"9999-12-31T23:59:59", "9999-12-31T23:59:59"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input \"" << c.input << "\"") {
      BOOST_TEST(canonical(c.input) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(rejects_impossible_dates_times_zones_and_trailing_junk) {
  const std::string_view cases[] = {
      "",
      "   ",
      "yesterday",
      "22/09/2014",
      "Sept 22, 2014",
      "2014-9-22",
      "2014-09",
      "2014",
      "2014-0922",
      "201409-22",
      "2014-13-01",
      "2014-00-10",
      "2014-09-00",
      "2014-09-31",
      "2014-02-30",
      "0000-01-01",
      "2014-09-22T",
      "2014-09-22T10",
      "2014-09-22T24:00:00",
      "2014-09-22T10:60:00",
      "2014-09-22T10:00:60",
      "2014-09-22T10:00:00.",
      "2014-09-22T1:00",
      "2014-09-22Z",
      "2014-09-22+09:00",
      "2014-09-22T10:00:00+19:00",
      "2014-09-22T10:00:00+09:60",
      "2014-09-22T10:00:00+9",
      "2014-09-22T10:00:00 +09:00",
      "2014-09-22T10:00:00ZZ",
      "2014-09-22T10:00:00Z junk",
      "2014-09-22x",
      "2014-09-22T10:00:00+09:00 x",
  };
  for (const auto& input : cases) {
    BOOST_TEST_CONTEXT("input \"" << input << "\"") {
      BOOST_TEST(!parse_iso8601(input).has_value());
    }
  }
}

BOOST_AUTO_TEST_CASE(accepts_february_29_only_in_leap_years) {
  struct Case {
    std::string_view input;
    bool valid;
  };
  const Case cases[] = {
      {"2012-02-29", true},  {"2016-02-29", true},  {"2000-02-29", true},  {"2400-02-29", true},
      {"2014-02-29", false}, {"1900-02-29", false}, {"2100-02-29", false}, {"20130229", false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input \"" << c.input << "\"") {
      BOOST_TEST(parse_iso8601(c.input).has_value() == c.valid);
    }
  }
}

BOOST_AUTO_TEST_CASE(parse_fills_every_field_of_a_zoned_date_time) {
  auto timestamp = parse_iso8601("2014-09-22T10:05:07+09:00");
  BOOST_TEST_REQUIRE(timestamp.has_value());
  BOOST_TEST(timestamp->year == 2014);
  BOOST_TEST(timestamp->month == 9);
  BOOST_TEST(timestamp->day == 22);
  BOOST_TEST(timestamp->has_time);
  BOOST_TEST(timestamp->hour == 10);
  BOOST_TEST(timestamp->minute == 5);
  BOOST_TEST(timestamp->second == 7);
  BOOST_TEST(timestamp->has_zone);
  BOOST_TEST(timestamp->offset_minutes == 540);

  auto western = parse_iso8601("2014-09-22T10:05-03:30");
  BOOST_TEST_REQUIRE(western.has_value());
  BOOST_TEST(western->offset_minutes == -210);

  auto date = parse_iso8601("2014-09-22");
  BOOST_TEST_REQUIRE(date.has_value());
  BOOST_TEST(!date->has_time);
  BOOST_TEST(!date->has_zone);
}

BOOST_AUTO_TEST_CASE(to_utc_moves_the_instant_and_rolls_the_date_over) {
  struct Case {
    std::string_view input;
    std::string_view expected;
  };
  const Case cases[] = {
      {"2014-09-22T10:00:00+09:00", "2014-09-22T01:00:00Z"},
      {"2014-09-22T05:00:00+09:00", "2014-09-21T20:00:00Z"},  // +09:00 rolls the UTC date back
      {"2014-09-22T20:00:00-05:00", "2014-09-23T01:00:00Z"},  // a western zone rolls it forward
      {"2015-01-01T03:00:00+09:00", "2014-12-31T18:00:00Z"},  // back over a year end
      {"2014-12-31T22:30:00-05:00", "2015-01-01T03:30:00Z"},  // forward over a year end
      {"2016-03-01T01:00:00+09:00", "2016-02-29T16:00:00Z"},  // back into a leap day
      {"2015-03-01T01:00:00+09:00", "2015-02-28T16:00:00Z"},  // no leap day to land on
      {"2014-09-22T00:10:00+05:30", "2014-09-21T18:40:00Z"},
      {"2014-09-22T10:00:00Z", "2014-09-22T10:00:00Z"},
      {"2014-09-22T10:00:00", "2014-09-22T10:00:00Z"},  // no zone: taken as UTC
      {"2014-09-22", "2014-09-22"},                     // a date has no instant: unchanged
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input \"" << c.input << "\"") {
      BOOST_TEST(utc(c.input) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(slot_value_is_the_utc_date_or_date_time_in_digits) {
  struct Case {
    std::string_view input;
    std::string_view expected;
  };
  const Case cases[] = {
      {"2014-09-22", "20140922"},
      {"2014-09-22T10:00:00", "20140922100000"},
      {"2014-09-22T05:00:00+09:00", "20140921200000"},
      {"2014-12-31T22:30:00-05:00", "20150101033000"},
      {"0001-01-01", "00010101"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input \"" << c.input << "\"") {
      BOOST_TEST(slot(c.input) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(slot_values_sort_in_time_order_across_zones) {
  // 10:00 in Tokyo is 01:00 UTC, before 09:00 UTC the same day, although the local clock reads later.
  BOOST_TEST(slot("2014-09-22T10:00:00+09:00") < slot("2014-09-22T09:00:00Z"));
  BOOST_TEST(slot("2014-09-21T23:59:59Z") < slot("2014-09-22T00:00:00Z"));
  BOOST_TEST(slot("2014-09-21") < slot("2014-09-22"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::util
