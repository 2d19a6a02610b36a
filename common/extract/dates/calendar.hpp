#pragma once
// Calendar values of the date tagger: a TIMEX3-style date at some granularity (century down to day),
// its text form ("2014-09-21", "2014-W38", "2014-Q3", "199"), parsing that form back, and the
// arithmetic the tagger resolves relative expressions with (shift by units, coarsen, ISO weeks).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace newsdig::extract::dates {

// Coarsest first: a value of a finer grain can be coarsened to any grain it lies within.
enum class Grain { Century, Decade, Year, Half, Quarter, Season, Month, Week, Weekend, Day };

enum class Season { Spring = 1, Summer, Fall, Winter };

// One calendar value. `year` is the full year for every grain (Century 1900 = "19", Decade 1990 = "199";
// Week and Weekend use the ISO week-numbering year). `part` is the month (1-12), ISO week (1-53),
// quarter (1-4), half (1-2) or season (Season as int); `day` is the day of the month for Day.
struct Timex {
  Grain grain = Grain::Year;
  int year = 0;
  int part = 0;
  int day = 0;

  friend bool operator==(const Timex&, const Timex&) = default;
};

Timex make_day(std::chrono::sys_days day);
Timex make_day(int year, int month, int day);  // the caller checks the date is valid
Timex make_month(int year, int month);
Timex make_year(int year);

// Whether year-month-day is a real calendar date in years 1-9999.
bool valid_date(int year, int month, int day);

// The value of `grain` that contains `day` (the ISO week of a day, its quarter...). Weekend: the
// weekend of the day's ISO week.
Timex containing(std::chrono::sys_days day, Grain grain);

// `value` moved by `count` of its own units (weeks for Week and Weekend, decades for Decade...).
Timex shift(const Timex& value, int count);

// The first day of `value` (Monday of a week, Saturday of a weekend, March 1 of spring: meteorological
// seasons, winter starting in December of its year).
std::chrono::sys_days first_day(const Timex& value);

// `value` at a coarser grain; nullopt when `grain` is finer than value's or does not contain it
// (a week does not lie within one month or season).
std::optional<Timex> coarsen(const Timex& value, Grain grain);

// TIMEX3 text: "2014-09-21", "2014-09", "2014", "2014-W38", "2014-W38-WE", "2014-Q3", "2014-H1",
// "2014-SU", "201" (decade), "20" (century).
std::string to_value(const Timex& value);

// The inverse of to_value for well-formed values; nullopt for anything else ("PRESENT_REF", "1989-WXX").
std::optional<Timex> parse_value(std::string_view text);

}  // namespace newsdig::extract::dates
