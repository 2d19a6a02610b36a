#include "common/extract/dates/calendar.hpp"

#include <array>

#include <fmt/format.h>

namespace newsdig::extract::dates {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::array<std::string_view, 4> kSeasonCodes = {"SP", "SU", "FA", "WI"};

int floor_div(int value, int divisor) {
  int quotient = value / divisor;
  if ((value % divisor != 0) && ((value < 0) != (divisor < 0))) --quotient;
  return quotient;
}

int floor_mod(int value, int divisor) {
  return value - floor_div(value, divisor) * divisor;
}

sys_days to_days(int year, int month, int day) {
  return sys_days{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                  std::chrono::day{static_cast<unsigned>(day)}};
}

// Monday = 1 ... Sunday = 7.
int iso_weekday(sys_days day) {
  return static_cast<int>(std::chrono::weekday{day}.iso_encoding());
}

struct IsoWeek {
  int year;
  int week;
};

IsoWeek iso_week(sys_days day) {
  // The ISO week belongs to the year of its Thursday.
  sys_days thursday = day + std::chrono::days{4 - iso_weekday(day)};
  int year = static_cast<int>(year_month_day{thursday}.year());
  auto since_new_year = (thursday - to_days(year, 1, 1)).count();
  return {year, static_cast<int>(since_new_year / 7) + 1};
}

sys_days monday_of(int iso_year, int week) {
  // January 4 is always in week 1.
  sys_days jan4 = to_days(iso_year, 1, 4);
  sys_days week1 = jan4 - std::chrono::days{iso_weekday(jan4) - 1};
  return week1 + std::chrono::days{7 * (week - 1)};
}

int parts_per_year(Grain grain) {
  switch (grain) {
    case Grain::Half: return 2;
    case Grain::Quarter: return 4;
    case Grain::Season: return 4;
    case Grain::Month: return 12;
    default: return 1;
  }
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

Timex make_day(sys_days day) {
  year_month_day ymd{day};
  return {Grain::Day, static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

Timex make_day(int year, int month, int day) {
  return {Grain::Day, year, month, day};
}

Timex make_month(int year, int month) {
  return {Grain::Month, year, month, 0};
}

Timex make_year(int year) {
  return {Grain::Year, year, 0, 0};
}

bool valid_date(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  return year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                        std::chrono::day{static_cast<unsigned>(day)}}
      .ok();
}

Timex containing(sys_days day, Grain grain) {
  Timex d = make_day(day);
  switch (grain) {
    case Grain::Century: return {grain, d.year - d.year % 100, 0, 0};
    case Grain::Decade: return {grain, d.year - d.year % 10, 0, 0};
    case Grain::Year: return make_year(d.year);
    case Grain::Half: return {grain, d.year, (d.part - 1) / 6 + 1, 0};
    case Grain::Quarter: return {grain, d.year, (d.part - 1) / 3 + 1, 0};
    case Grain::Season: {
      // December belongs to the winter of its own year; January and February to the previous one.
      if (d.part <= 2) return {grain, d.year - 1, static_cast<int>(Season::Winter), 0};
      return {grain, d.year, (d.part - 3) / 3 + 1, 0};
    }
    case Grain::Month: return make_month(d.year, d.part);
    case Grain::Week:
    case Grain::Weekend: {
      IsoWeek week = iso_week(day);
      return {grain, week.year, week.week, 0};
    }
    case Grain::Day: return d;
  }
  return d;
}

Timex shift(const Timex& value, int count) {
  switch (value.grain) {
    case Grain::Century: return {value.grain, value.year + 100 * count, 0, 0};
    case Grain::Decade: return {value.grain, value.year + 10 * count, 0, 0};
    case Grain::Year: return make_year(value.year + count);
    case Grain::Half:
    case Grain::Quarter:
    case Grain::Season:
    case Grain::Month: {
      int per_year = parts_per_year(value.grain);
      int index = value.year * per_year + (value.part - 1) + count;
      return {value.grain, floor_div(index, per_year), floor_mod(index, per_year) + 1, 0};
    }
    case Grain::Week:
    case Grain::Weekend: {
      Timex moved = containing(monday_of(value.year, value.part) + std::chrono::days{7 * count}, Grain::Week);
      moved.grain = value.grain;
      return moved;
    }
    case Grain::Day: return make_day(first_day(value) + std::chrono::days{count});
  }
  return value;
}

sys_days first_day(const Timex& value) {
  switch (value.grain) {
    case Grain::Century:
    case Grain::Decade:
    case Grain::Year: return to_days(value.year, 1, 1);
    case Grain::Half: return to_days(value.year, value.part == 1 ? 1 : 7, 1);
    case Grain::Quarter: return to_days(value.year, 3 * (value.part - 1) + 1, 1);
    case Grain::Season: return to_days(value.year, 3 * value.part, 1);
    case Grain::Month: return to_days(value.year, value.part, 1);
    case Grain::Week: return monday_of(value.year, value.part);
    case Grain::Weekend: return monday_of(value.year, value.part) + std::chrono::days{5};
    case Grain::Day: return to_days(value.year, value.part, value.day);
  }
  return to_days(value.year, 1, 1);
}

std::optional<Timex> coarsen(const Timex& value, Grain grain) {
  if (grain == value.grain) return value;
  if (grain > value.grain) return std::nullopt;
  // Grains that do not nest inside each other: weeks cross months, seasons cross years.
  if (value.grain == Grain::Week || value.grain == Grain::Weekend) {
    if (grain != Grain::Year && grain != Grain::Decade && grain != Grain::Century) return std::nullopt;
    Timex year = make_year(value.year);
    return grain == Grain::Year ? year : coarsen(year, grain);
  }
  if (value.grain == Grain::Season && grain >= Grain::Half) return std::nullopt;
  return containing(first_day(value), grain);
}

std::string to_value(const Timex& value) {
  switch (value.grain) {
    case Grain::Century: return fmt::format("{:02}", value.year / 100);
    case Grain::Decade: return fmt::format("{:03}", value.year / 10);
    case Grain::Year: return fmt::format("{:04}", value.year);
    case Grain::Half: return fmt::format("{:04}-H{}", value.year, value.part);
    case Grain::Quarter: return fmt::format("{:04}-Q{}", value.year, value.part);
    case Grain::Season:
      return fmt::format("{:04}-{}", value.year, kSeasonCodes.at(static_cast<std::size_t>(value.part - 1)));
    case Grain::Month: return fmt::format("{:04}-{:02}", value.year, value.part);
    case Grain::Week: return fmt::format("{:04}-W{:02}", value.year, value.part);
    case Grain::Weekend: return fmt::format("{:04}-W{:02}-WE", value.year, value.part);
    case Grain::Day: return fmt::format("{:04}-{:02}-{:02}", value.year, value.part, value.day);
  }
  return {};
}

std::optional<Timex> parse_value(std::string_view text) {
  if (text.size() == 2 && all_digits(text)) return Timex{Grain::Century, to_int(text) * 100, 0, 0};
  if (text.size() == 3 && all_digits(text)) return Timex{Grain::Decade, to_int(text) * 10, 0, 0};
  if (text.size() < 4 || !all_digits(text.substr(0, 4))) return std::nullopt;
  int year = to_int(text.substr(0, 4));
  if (year < 1) return std::nullopt;
  if (text.size() == 4) return make_year(year);
  if (text[4] != '-') return std::nullopt;
  std::string_view rest = text.substr(5);
  auto ranged = [&](std::string_view digits, int low, int high) -> std::optional<int> {
    if (!all_digits(digits)) return std::nullopt;
    int number = to_int(digits);
    if (number < low || number > high) return std::nullopt;
    return number;
  };
  if (rest.size() == 2 && all_digits(rest)) {
    if (auto month = ranged(rest, 1, 12)) return make_month(year, *month);
    return std::nullopt;
  }
  if (rest.size() == 5 && rest[2] == '-') {
    auto month = ranged(rest.substr(0, 2), 1, 12);
    auto day = ranged(rest.substr(3), 1, 31);
    if (month && day && valid_date(year, *month, *day)) return make_day(year, *month, *day);
    return std::nullopt;
  }
  if (rest.size() >= 3 && rest[0] == 'W' && rest[1] >= '0' && rest[1] <= '9') {
    bool weekend = rest.size() > 3 && rest.substr(3) == "-WE";
    auto week = ranged(rest.substr(1, 2), 1, 53);
    if (!week || (rest.size() != 3 && !weekend)) return std::nullopt;
    Timex result{weekend ? Grain::Weekend : Grain::Week, year, *week, 0};
    if (containing(first_day(result), Grain::Week).part != *week) return std::nullopt;
    return result;
  }
  if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'H')) {
    auto part = ranged(rest.substr(1), 1, rest[0] == 'Q' ? 4 : 2);
    if (!part) return std::nullopt;
    return Timex{rest[0] == 'Q' ? Grain::Quarter : Grain::Half, year, *part, 0};
  }
  for (std::size_t i = 0; i < kSeasonCodes.size(); ++i) {
    if (rest == kSeasonCodes[i]) return Timex{Grain::Season, year, static_cast<int>(i) + 1, 0};
  }
  return std::nullopt;
}

}  // namespace newsdig::extract::dates
