#include "searcher/query/dates.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>

#include "common/schema.hpp"
#include "common/util/text.hpp"

namespace newsdig::query {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::months;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::years;

constexpr int kFirstYear = 1;
constexpr int kLastYear = 9999;
// Above this many whole years a closed publication range searches the slot for the years inside.
constexpr std::size_t kMaxYearTerms = 50;
// last-N-...: N above this is surely a typo, and would leave the calendar.
constexpr int kMaxCount = 100000;

const Day kFirstDay{year{kFirstYear}, month{1}, day{1}};
const Day kLastDay{year{kLastYear}, month{12}, day{31}};

const char* const kExpected =
    "expected 2014-09-21, 2014-09, 2014, today, yesterday, this-week, this-month, this-year, "
    "last-N-days, last-N-weeks, last-N-months, last-N-years, or a range A..B, A.., ..B";

// Thrown while reading one point of an expression; parse_date_expression names the whole expression.
struct BadPoint {
  std::string why;  // empty: not a form we know
};

[[noreturn]] void fail(std::string why = {}) {
  throw BadPoint{std::move(why)};
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

Day last_of_month(year y, month m) {
  return Day{std::chrono::year_month_day_last{y, std::chrono::month_day_last{m}}};
}

Day clamp(sys_days value) {
  Day result{value};
  if (result < kFirstDay) return kFirstDay;
  if (result > kLastDay) return kLastDay;
  return result;
}

// The day after `today` moved back by whole months, kept inside its month (March 31 - 1 month = February
// 28, so the day after is March 1): the first day of the last `count` months. 0001-01-01 at the earliest.
Day months_back_start(Day today, int count) {
  auto shifted = std::chrono::year_month{today.year(), today.month()} - months{count};
  if (int(shifted.year()) < kFirstYear) return kFirstDay;
  Day back{shifted.year(), shifted.month(), today.day()};
  if (!back.ok()) back = last_of_month(shifted.year(), shifted.month());
  return clamp(sys_days{back} + days{1});
}

DayRange single(Day day) {
  return {day, day};
}

// `2014`, `2014-09`, `2014-09-21`.
std::optional<DayRange> calendar_point(std::string_view text) {
  auto y = text.substr(0, 4);
  if (text.size() < 4 || !all_digits(y)) return std::nullopt;
  int year_number = number(y);
  if (year_number < kFirstYear) fail("years run from 0001 to 9999");
  year the_year{year_number};
  if (text.size() == 4) return DayRange{Day{the_year, month{1}, day{1}}, Day{the_year, month{12}, day{31}}};
  if (text[4] != '-' || text.size() < 7 || !all_digits(text.substr(5, 2))) return std::nullopt;
  auto month_number = static_cast<unsigned>(number(text.substr(5, 2)));
  if (month_number < 1 || month_number > 12) fail("no such month");
  month the_month{month_number};
  if (text.size() == 7) return DayRange{Day{the_year, the_month, day{1}}, last_of_month(the_year, the_month)};
  if (text[7] != '-' || text.size() != 10 || !all_digits(text.substr(8, 2))) return std::nullopt;
  Day date{the_year, the_month, day{static_cast<unsigned>(number(text.substr(8, 2)))}};
  if (!date.ok()) fail("no such day");
  return single(date);
}

// `last-30-days` and the like: the days ending today.
std::optional<DayRange> rolling(std::string_view text, Day today) {
  constexpr std::string_view kLast = "last-";
  if (text.substr(0, kLast.size()) != kLast) return std::nullopt;
  std::string_view rest = text.substr(kLast.size());
  auto dash = rest.find('-');
  if (dash == std::string_view::npos || !all_digits(rest.substr(0, dash))) return std::nullopt;
  std::string_view count_text = rest.substr(0, dash);
  std::string_view unit = rest.substr(dash + 1);
  if (count_text.size() > 6 || number(count_text) < 1 || number(count_text) > kMaxCount) {
    fail("N must be from 1 to " + std::to_string(kMaxCount));
  }
  int count = number(count_text);
  Day first;
  if (unit == "day" || unit == "days") {
    first = clamp(sys_days{today} - days{count - 1});
  } else if (unit == "week" || unit == "weeks") {
    first = clamp(sys_days{today} - days{7 * count - 1});
  } else if (unit == "month" || unit == "months") {
    first = months_back_start(today, count);
  } else if (unit == "year" || unit == "years") {
    first = months_back_start(today, 12 * count);
  } else {
    return std::nullopt;
  }
  return DayRange{first, today};
}

DayRange point(std::string_view text, Day today) {
  if (text.empty()) fail();
  if (auto calendar = calendar_point(text)) return *calendar;
  if (text == "today") return single(today);
  if (text == "yesterday") return single(clamp(sys_days{today} - days{1}));
  if (text == "this-week") {
    sys_days now{today};
    std::chrono::weekday weekday{now};
    auto since_monday = days{(weekday.c_encoding() + 6) % 7};
    return {clamp(now - since_monday), clamp(now - since_monday + days{6})};
  }
  if (text == "this-month")
    return {Day{today.year(), today.month(), day{1}}, last_of_month(today.year(), today.month())};
  if (text == "this-year")
    return {Day{today.year(), month{1}, day{1}}, Day{today.year(), month{12}, day{31}}};
  if (auto range = rolling(text, today)) return *range;
  fail();
}

enum class Unit { Day, Month, Year };

struct Span {
  Unit unit;
  Day first;  // the day, or the first day of the month or year
};

// The fewest days, whole months and whole years that exactly cover first..last.
std::vector<Span> cover(Day first, Day last) {
  std::vector<Span> spans;
  sys_days at{first};
  const sys_days end{last};
  while (at <= end) {
    Day today{at};
    if (today.day() == day{1} && today.month() == month{1} &&
        sys_days{Day{today.year(), month{12}, day{31}}} <= end) {
      spans.push_back({Unit::Year, today});
      at = sys_days{Day{today.year() + years{1}, month{1}, day{1}}};
    } else if (today.day() == day{1} && sys_days{last_of_month(today.year(), today.month())} <= end) {
      spans.push_back({Unit::Month, today});
      at = sys_days{last_of_month(today.year(), today.month())} + days{1};
    } else {
      spans.push_back({Unit::Day, today});
      at += days{1};
    }
  }
  return spans;
}

std::string digits(int value, int width) {
  std::string text = std::to_string(value);
  if (static_cast<int>(text.size()) < width)
    text.insert(0, static_cast<std::size_t>(width) - text.size(), '0');
  return text;
}

int year_of(Day day) {
  return int(day.year());
}
int month_of(Day day) {
  return static_cast<int>(unsigned(day.month()));
}
int day_of(Day day) {
  return static_cast<int>(unsigned(day.day()));
}

// D20140921, M201409, Y2014: the publication date terms the document builder makes.
std::string publication_term(const Span& span) {
  std::string y = digits(year_of(span.first), 4);
  switch (span.unit) {
    case Unit::Year: return schema::make_term(schema::prefix::kYear, y);
    case Unit::Month: return schema::make_term(schema::prefix::kMonth, y + digits(month_of(span.first), 2));
    case Unit::Day: break;
  }
  return schema::make_term(schema::prefix::kDay,
                           y + digits(month_of(span.first), 2) + digits(day_of(span.first), 2));
}

// XMENT2014-09-21, XMENT2014-09, XMENT2014: the forms schema::mention_values gives.
std::string mention_term(const Span& span) {
  std::string value = digits(year_of(span.first), 4);
  if (span.unit != Unit::Year) value += "-" + digits(month_of(span.first), 2);
  if (span.unit == Unit::Day) value += "-" + digits(day_of(span.first), 2);
  return schema::make_term(schema::prefix::kMentions, value);
}

Xapian::Query filter_of(const std::vector<std::string>& terms, const std::vector<Xapian::Query>& extra) {
  std::vector<Xapian::Query> alternatives;
  alternatives.reserve(terms.size() + extra.size());
  for (const auto& term : terms) alternatives.emplace_back(term);
  alternatives.insert(alternatives.end(), extra.begin(), extra.end());
  Xapian::Query any = alternatives.size() == 1
                          ? alternatives.front()
                          : Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, any, 0.0);
}

Span year_span(int y) {
  return {Unit::Year, Day{year{y}, month{1}, day{1}}};
}

// The years in first..last that the database's mention terms name, found by skipping from year to year.
std::vector<int> mentioned_years(const Xapian::Database& database, int first, int last) {
  const std::string prefix = schema::make_term(schema::prefix::kMentions, "");
  std::vector<int> found;
  Xapian::TermIterator it = database.allterms_begin(prefix);
  const Xapian::TermIterator end = database.allterms_end(prefix);
  it.skip_to(prefix + digits(first, 4));
  while (it != end) {
    std::string value = (*it).substr(prefix.size());
    if (value.size() < 4 || !all_digits(std::string_view(value).substr(0, 4))) break;
    int y = number(std::string_view(value).substr(0, 4));
    if (y > last) break;
    if (value.size() == 4) found.push_back(y);
    if (y >= kLastYear) break;
    it.skip_to(prefix + digits(y + 1, 4));
  }
  return found;
}

}  // namespace

DayRange parse_date_expression(std::string_view text, Day today) {
  std::string lower = util::ascii_lower(text);
  std::string_view expression = lower;
  try {
    auto dots = expression.find("..");
    if (dots == std::string_view::npos) return point(expression, today);
    std::string_view from = expression.substr(0, dots);
    std::string_view to = expression.substr(dots + 2);
    if (from.empty() && to.empty()) fail();
    DayRange range;
    if (!from.empty()) range.first = point(from, today).first;
    if (!to.empty()) range.last = point(to, today).last;
    if (range.first && range.last && *range.last < *range.first) fail("the range ends before it starts");
    return range;
  } catch (const BadPoint& bad) {
    std::string message = "bad date '" + std::string(text) + "'";
    message += bad.why.empty() ? " (" + std::string(kExpected) + ")" : ": " + bad.why;
    throw DateError(message);
  }
}

Day local_today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Day{year{local.tm_year + 1900}, month{static_cast<unsigned>(local.tm_mon + 1)},
             day{static_cast<unsigned>(local.tm_mday)}};
}

std::string format_day(Day day) {
  return digits(year_of(day), 4) + "-" + digits(month_of(day), 2) + "-" + digits(day_of(day), 2);
}

std::string format_range(const DayRange& range) {
  if (range.first && range.last && *range.first == *range.last) return format_day(*range.first);
  std::string text = range.first ? format_day(*range.first) : std::string();
  text += "..";
  if (range.last) text += format_day(*range.last);
  return text;
}

DateQuery publication_date_query(const DayRange& range) {
  using Xapian::Query;
  const auto slot = schema::slot_number(schema::Slot::PubDate);
  std::vector<Span> spans;
  std::vector<Query> slot_queries;
  DateQuery out;
  if (range.first && range.last) {
    spans = cover(*range.first, *range.last);
    auto first_year =
        std::find_if(spans.begin(), spans.end(), [](const Span& s) { return s.unit == Unit::Year; });
    auto years_end =
        std::find_if(first_year, spans.end(), [](const Span& s) { return s.unit != Unit::Year; });
    auto whole_years = static_cast<std::size_t>(years_end - first_year);
    if (whole_years > kMaxYearTerms) {
      // Keep the first and last whole years as terms; the slot takes the years between them, which lie
      // more than a day away from any calendar date outside the range.
      int ya = year_of(first_year->first);
      int yb = year_of((years_end - 1)->first);
      std::string low = digits(ya, 4) + "1231";
      std::string high = digits(yb, 4) + "0101235959";
      slot_queries.emplace_back(Query::OP_VALUE_RANGE, slot, low, high);
      out.slot_condition = "PubDate " + low + ".." + high;
      spans.erase(first_year + 1, years_end - 1);
    }
  } else if (range.first) {
    int y = year_of(*range.first);
    spans = cover(*range.first, Day{year{y}, month{12}, day{31}});
    if (y + 1 <= kLastYear) spans.push_back(year_span(y + 1));
    if (y + 2 <= kLastYear) {
      // Calendar dates from y+2 on are at UTC y+1-12-31T06:00 or later; those up to y-12-31 end by
      // y+1-01-01T18:00. Year y+1 itself is its term.
      std::string low = digits(y + 1, 4) + "1231";
      slot_queries.emplace_back(Query::OP_VALUE_GE, slot, low);
      out.slot_condition = "PubDate >= " + low;
    }
  } else if (range.last) {
    int y = year_of(*range.last);
    spans = cover(Day{year{y}, month{1}, day{1}}, *range.last);
    if (y - 1 >= kFirstYear) spans.insert(spans.begin(), year_span(y - 1));
    if (y - 2 >= kFirstYear) {
      std::string high = digits(y - 1, 4) + "0101235959";
      slot_queries.emplace_back(Query::OP_VALUE_LE, slot, high);
      out.slot_condition = "PubDate <= " + high;
    }
  }
  for (const auto& span : spans) out.terms.push_back(publication_term(span));
  out.query = filter_of(out.terms, slot_queries);
  return out;
}

DateQuery mentions_query(const DayRange& range, const Xapian::Database* database, std::size_t max_terms) {
  Day first = range.first.value_or(kFirstDay);
  Day last = range.last.value_or(kLastDay);
  std::vector<Span> spans = cover(first, last);
  if (database != nullptr) {
    auto first_year =
        std::find_if(spans.begin(), spans.end(), [](const Span& s) { return s.unit == Unit::Year; });
    auto years_end =
        std::find_if(first_year, spans.end(), [](const Span& s) { return s.unit != Unit::Year; });
    if (first_year != years_end) {
      std::vector<Span> present;
      for (int y : mentioned_years(*database, year_of(first_year->first), year_of((years_end - 1)->first))) {
        present.push_back(year_span(y));
      }
      auto at = spans.erase(first_year, years_end);
      spans.insert(at, present.begin(), present.end());
    }
  }
  if (spans.size() > max_terms) {
    throw DateError("the mentions range " + format_range(range) + " needs " + std::to_string(spans.size()) +
                    " terms; at most " + std::to_string(max_terms) + " are searched: narrow it");
  }
  DateQuery out;
  for (const auto& span : spans) out.terms.push_back(mention_term(span));
  // No mention term in the range: the bare prefix, which no document holds, keeps the filter a filter.
  if (out.terms.empty()) out.terms.push_back(schema::make_term(schema::prefix::kMentions, ""));
  out.query = filter_of(out.terms, {});
  return out;
}

}  // namespace newsdig::query
