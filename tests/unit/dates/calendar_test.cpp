#include "common/extract/dates/calendar.hpp"

#include <chrono>
#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

namespace newsdig::extract::dates {
namespace {

std::chrono::sys_days day(int year, int month, int day_of_month) {
  return std::chrono::sys_days{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                               std::chrono::day{static_cast<unsigned>(day_of_month)}};
}

std::string value_of(std::string_view text) {
  auto parsed = parse_value(text);
  return parsed ? to_value(*parsed) : std::string("<rejected>");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calendar)

BOOST_AUTO_TEST_CASE(every_grain_reads_back_its_own_text) {
  const std::string_view values[] = {"2014-09-21", "2014-09",    "2014",    "2014-W38", "2014-W38-WE",
                                     "2014-Q3",    "2014-H1",    "2014-SU", "2014-WI",  "201",
                                     "20",         "0999-01-01", "2015-W53"};
  for (auto value : values) {
    BOOST_TEST_CONTEXT("value " << value) {
      BOOST_TEST(value_of(value) == value);
    }
  }
}

BOOST_AUTO_TEST_CASE(rejects_values_that_are_not_calendar_values) {
  const std::string_view values[] = {"PRESENT_REF", "1989-WXX", "2014-02-30", "2014-13",
                                     "2014-Q5",     "2014-H3",  "2014-W54",   "2014-W53",
                                     "2014-XX",     "2014-9-1", "",           "2014-"};
  for (auto value : values) {
    BOOST_TEST_CONTEXT("value \"" << value << "\"") {
      BOOST_TEST(value_of(value) == "<rejected>");
    }
  }
}

BOOST_AUTO_TEST_CASE(days_fall_in_iso_weeks_quarters_and_meteorological_seasons) {
  struct Case {
    std::chrono::sys_days day;
    Grain grain;
    std::string_view expected;
  };
  const Case cases[] = {
      {day(2014, 9, 21), Grain::Week, "2014-W38"},   // a Sunday ends its ISO week
      {day(2014, 9, 22), Grain::Week, "2014-W39"},   // a Monday starts the next
      {day(2014, 12, 29), Grain::Week, "2015-W01"},  // the week of 1 January 2015 (a Thursday)
      {day(2016, 1, 1), Grain::Week, "2015-W53"},    // a Friday: still in 2015's last week
      {day(2014, 9, 22), Grain::Weekend, "2014-W39-WE"}, {day(2014, 9, 22), Grain::Quarter, "2014-Q3"},
      {day(2014, 10, 1), Grain::Quarter, "2014-Q4"},     {day(2014, 6, 30), Grain::Half, "2014-H1"},
      {day(2014, 3, 1), Grain::Season, "2014-SP"},       {day(2014, 12, 5), Grain::Season, "2014-WI"},
      {day(2015, 2, 5), Grain::Season, "2014-WI"},  // January and February: the winter that began before
      {day(1998, 2, 13), Grain::Decade, "199"},          {day(1998, 2, 13), Grain::Century, "19"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("expected " << c.expected) {
      BOOST_TEST(to_value(containing(c.day, c.grain)) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(shifting_carries_across_year_ends) {
  struct Case {
    std::string_view from;
    int count;
    std::string_view expected;
  };
  const Case cases[] = {
      {"2014-01", -1, "2013-12"},
      {"2014-12", 1, "2015-01"},
      {"2014-Q1", -1, "2013-Q4"},
      {"2014-Q4", 5, "2016-Q1"},
      {"2014-H2", 1, "2015-H1"},
      {"2014-WI", 1, "2015-SP"},
      {"2015-W01", -1, "2014-W52"},
      {"2015-W53", 1, "2016-W01"},
      {"2014-W39-WE", -1, "2014-W38-WE"},
      {"2014-12-31", 1, "2015-01-01"},
      {"2016-03-01", -1, "2016-02-29"},
      {"199", -1, "198"},
      {"19", 1, "20"},
      {"2014", -10, "2004"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.from << " by " << c.count) {
      BOOST_TEST(to_value(shift(*parse_value(c.from), c.count)) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(coarsens_only_to_grains_that_contain_the_value) {
  struct Case {
    std::string_view from;
    Grain grain;
    std::string_view expected;  // empty: refused
  };
  const Case cases[] = {
      {"2014-09-21", Grain::Month, "2014-09"},
      {"2014-09-21", Grain::Week, "2014-W38"},
      {"2014-09-21", Grain::Quarter, "2014-Q3"},
      {"2014-09-21", Grain::Decade, "201"},
      {"2014-09", Grain::Season, "2014-FA"},
      {"2014-W38", Grain::Year, "2014"},
      {"2014-W38", Grain::Month, ""},
      {"2014-SU", Grain::Quarter, ""},
      {"2014-09", Grain::Day, ""},
      {"2014-Q3", Grain::Half, "2014-H2"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.from << " to grain " << static_cast<int>(c.grain)) {
      auto coarse = coarsen(*parse_value(c.from), c.grain);
      BOOST_TEST((coarse ? to_value(*coarse) : std::string()) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::extract::dates
