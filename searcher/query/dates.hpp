#pragma once
// Date expressions of the query language (`date:`, `mentions:`, --since, --until): the calendar days they
// cover, and the Xapian queries that find articles published on, or talking about, those days.
// docs/query-language.md ("Dates") is the user's side of this.
#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdig::query {

using Day = std::chrono::year_month_day;

// A date expression that does not parse; what() says what was expected.
class DateError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Calendar days, both ends inclusive; nullopt is an open end. Never both open.
struct DayRange {
  std::optional<Day> first;
  std::optional<Day> last;
};

// Parses one point — `2014-09-21`, `2014-09`, `2014`, `today`, `yesterday`, `this-week` (Monday to
// Sunday), `this-month`, `this-year`, `last-N-days`, `last-N-weeks`, `last-N-months`, `last-N-years`
// (each ending today) — or a range of two points `A..B` (from the start of A to the end of B) or an
// open range `A..`, `..B`. Words are case-insensitive; years run from 0001 to 9999. Throws DateError.
DayRange parse_date_expression(std::string_view text, Day today);

// Today in the machine's local time zone (what relative dates mean without ParseOptions::today).
Day local_today();

std::string format_day(Day day);                  // "2014-09-01"
std::string format_range(const DayRange& range);  // "2014-09-01..2014-11-30", "2014-09-01..", "..2014"

struct DateQuery {
  Xapian::Query query;             // a filter: adds no weight
  std::vector<std::string> terms;  // the boolean terms OR-ed, in date order
  std::string slot_condition;      // the PubDate value range also OR-ed, described ("" when none)
};

// Articles published within `range`, by their own calendar date (the D/M/Y terms), exactly: a day, a
// month or a year is one term; a range ORs day terms for partial months, month terms for whole months
// and year terms for whole years. Open ranges and ranges of more than 50 whole years also use the UTC
// PubDate slot, but only for days at least a year away from a bound, where the up to 18 hours between an
// article's calendar date and UTC cannot move it across the bound.
DateQuery publication_date_query(const DayRange& range);

// Articles that mention a date within `range` (the XMENT terms, schema::mention_values): day terms for
// partial months, month terms for whole months, year terms for whole years, OR-ed. An open end runs to
// 0001 or 9999; with `database`, whole years are limited to those its mention terms hold, which keeps
// open ranges small. Throws DateError when more than `max_terms` terms would be needed.
DateQuery mentions_query(const DayRange& range, const Xapian::Database* database, std::size_t max_terms);

}  // namespace newsdig::query
