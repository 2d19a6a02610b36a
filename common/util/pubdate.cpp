#include "common/util/pubdate.hpp"

#include <algorithm>
#include <array>
#include <chrono>

namespace newsdig::util {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view word, std::string_view lower_case) {
  return word.size() == lower_case.size() && std::equal(word.begin(), word.end(), lower_case.begin(),
                                                        [](char a, char b) { return lower(a) == b; });
}

constexpr std::array<std::string_view, 12> kMonths = {"january",   "february", "march",    "april",
                                                      "may",       "june",     "july",     "august",
                                                      "september", "october",  "november", "december"};

// "Oct", "october", "Sept" -> 10, 10, 9.
std::optional<int> month_number(std::string_view word) {
  if (iequals(word, "sept")) return 9;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (iequals(word, kMonths[i]) || iequals(word, kMonths[i].substr(0, 3))) return static_cast<int>(i + 1);
  }
  return std::nullopt;
}

bool is_weekday(std::string_view word) {
  static constexpr std::array<std::string_view, 17> kWeekdays = {
      "mon",   "monday",   "tue", "tues",   "tuesday", "wed",      "wednesday", "thu",   "thur",
      "thurs", "thursday", "fri", "friday", "sat",     "saturday", "sun",       "sunday"};
  return std::any_of(kWeekdays.begin(), kWeekdays.end(),
                     [&](std::string_view day) { return iequals(word, day); });
}

struct Zone {
  std::string_view name;
  int offset_minutes;
};
constexpr std::array<Zone, 31> kZones = {{
    {"z", 0},      {"gmt", 0},    {"ut", 0},     {"utc", 0},    {"est", -300}, {"edt", -240},  {"cst", -360},
    {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420}, {"akst", -540}, {"akdt", -480},
    {"hst", -600}, {"wet", 0},    {"west", 60},  {"bst", 60},   {"cet", 60},   {"cest", 120},  {"eet", 120},
    {"eest", 180}, {"msk", 180},  {"jst", 540},  {"kst", 540},  {"hkt", 480},  {"sgt", 480},   {"aest", 600},
    {"aedt", 660}, {"met", 60},   {"mest", 120},
}};

std::optional<int> zone_offset(std::string_view word) {
  for (const Zone& zone : kZones) {
    if (iequals(word, zone.name)) return zone.offset_minutes;
  }
  return std::nullopt;
}

int full_year(int two_digits) {
  return two_digits < 50 ? 2000 + two_digits : 1900 + two_digits;
}

bool valid_date(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  return std::chrono::year_month_day{std::chrono::year{year},
                                     std::chrono::month{static_cast<unsigned>(month)},
                                     std::chrono::day{static_cast<unsigned>(day)}}
      .ok();
}

// One pass over the text, token by token; each token fills one part of the date. Any part set twice, or
// a token that fits nowhere, fails the parse.
class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  std::optional<Timestamp> run() {
    const std::size_t n = s_.size();
    if (n == 6 && std::all_of(s_.begin(), s_.end(), is_digit)) return yymmdd();
    while (true) {
      bool comma = false;
      for (; i_ < n && (is_space(s_[i_]) || s_[i_] == ','); ++i_) {
        if (s_[i_] == ',') comma = true;
      }
      if (i_ == n) break;
      const char c = s_[i_];
      bool ok = false;
      if (is_digit(c)) {
        ok = number();
      } else if (c == '+' || c == '-') {
        ok = numeric_zone();
      } else if (c == '(') {
        ok = comment();
      } else if (is_alpha(c)) {
        const Word result = word();
        if (result == Word::StopHere && comma && complete() && no_digit_from(i_)) break;
        ok = result == Word::Taken;
      }
      if (!ok) return std::nullopt;
    }
    return finish();
  }

 private:
  enum class Word { Taken, StopHere };

  bool complete() const { return year_ > 0 && month_ > 0 && day_ > 0; }

  bool no_digit_from(std::size_t from) const {
    return std::none_of(s_.begin() + static_cast<std::ptrdiff_t>(from), s_.end(), is_digit);
  }

  // Up to `max` digits at the cursor (at least one); nullopt when there is none.
  std::optional<int> digits(std::size_t max, std::size_t* count = nullptr) {
    std::size_t taken = 0;
    int value = 0;
    while (i_ < s_.size() && taken < max && is_digit(s_[i_])) {
      value = value * 10 + (s_[i_++] - '0');
      ++taken;
    }
    if (count != nullptr) *count = taken;
    if (taken == 0) return std::nullopt;
    return value;
  }

  bool eat(char c) {
    if (i_ >= s_.size() || s_[i_] != c) return false;
    ++i_;
    return true;
  }

  std::size_t digit_run_from(std::size_t from) const {
    std::size_t end = from;
    while (end < s_.size() && is_digit(s_[end])) ++end;
    return end - from;
  }

  static bool set(int& part, int value) {
    if (part != 0) return false;
    part = value;
    return true;
  }

  bool number() {
    const std::size_t run = digit_run_from(i_);
    const char after = i_ + run < s_.size() ? s_[i_ + run] : '\0';
    if (after == ':') return time_of_day();
    if (run > 4) return false;
    const int value = *digits(run);
    if (after == '-' && run <= 2 && i_ + 1 < s_.size() && is_alpha(s_[i_ + 1])) {  // 26-FEB-1987
      ++i_;
      const std::size_t start = i_;
      while (i_ < s_.size() && is_alpha(s_[i_])) ++i_;
      const auto month = month_number(s_.substr(start, i_ - start));
      std::size_t year_digits = 0;
      if (!month || !eat('-')) return false;
      const auto year = digits(4, &year_digits);
      return year && year_digits == 4 && set(day_, value) && set(month_, *month) && set(year_, *year);
    }
    if (run == 4 && (after == '-' || after == '/' || after == '.')) {  // 2014-09-22, 2014/09/22
      ++i_;
      const auto month = digits(2);
      if (!month || !eat(after)) return false;
      const auto day = digits(2);
      return day && set(year_, value) && set(month_, *month) && set(day_, *day);
    }
    if (run <= 2 && after == '/') {  // 02/26/87, 2/26/1987
      ++i_;
      const auto day = digits(2);
      std::size_t year_digits = 0;
      if (!day || !eat('/')) return false;
      const auto year = digits(4, &year_digits);
      if (!year || (year_digits != 2 && year_digits != 4)) return false;
      return set(month_, value) && set(day_, *day) && set(year_, year_digits == 2 ? full_year(*year) : *year);
    }
    if (run == 4) return set(year_, value);
    if (run > 2 || value == 0) return false;
    // An ordinal suffix (21st) or a German-style dot (21.) belongs to the day.
    for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
      if (i_ + 2 <= s_.size() && iequals(s_.substr(i_, 2), suffix) &&
          (i_ + 2 == s_.size() || !is_alpha(s_[i_ + 2]))) {
        i_ += 2;
        break;
      }
    }
    eat('.');
    return set(day_, value);
  }

  bool time_of_day() {
    if (has_time_) return false;
    std::size_t hour_digits = 0;
    const auto hour = digits(2, &hour_digits);
    if (!hour || digit_run_from(i_) > 0 || !eat(':')) return false;
    std::size_t minute_digits = 0;
    const auto minute = digits(2, &minute_digits);
    if (!minute || minute_digits != 2) return false;
    int second = 0;
    if (eat(':')) {
      std::size_t second_digits = 0;
      const auto seconds = digits(2, &second_digits);
      if (!seconds || second_digits != 2) return false;
      second = *seconds;
      if ((eat('.') || eat(',')) && digit_run_from(i_) == 0) return false;
      i_ += digit_run_from(i_);
    }
    if (digit_run_from(i_) > 0) return false;
    has_time_ = true;
    hour_ = *hour;
    minute_ = *minute;
    second_ = second;
    return true;
  }

  // +0900, -05:00, +09 (after the time of day).
  bool numeric_zone() {
    const int sign = s_[i_] == '-' ? -1 : 1;
    ++i_;
    std::size_t count = 0;
    const auto first = digits(4, &count);
    if (!first || has_zone_ || !has_time_) return false;
    int hours = 0;
    int minutes = 0;
    if (count == 4) {
      hours = *first / 100;
      minutes = *first % 100;
    } else if (count == 2) {
      hours = *first;
      if (eat(':')) {
        std::size_t minute_digits = 0;
        const auto parsed = digits(2, &minute_digits);
        if (!parsed || minute_digits != 2) return false;
        minutes = *parsed;
      }
    } else {
      return false;
    }
    if (minutes > 59 || hours * 60 + minutes > 18 * 60) return false;
    has_zone_ = true;
    offset_ = sign * (hours * 60 + minutes);
    return true;
  }

  // "(CDT)" after an RFC 2822 date: a comment, skipped.
  bool comment() {
    const std::size_t close = s_.find(')', i_);
    if (close == std::string_view::npos) return false;
    i_ = close + 1;
    return true;
  }

  Word word() {
    const std::size_t start = i_;
    while (i_ < s_.size() && is_alpha(s_[i_])) ++i_;
    const std::string_view text = s_.substr(start, i_ - start);
    // "a.m.", "p.m."
    if ((iequals(text, "a") || iequals(text, "p")) && i_ + 1 < s_.size() && s_[i_] == '.' &&
        lower(s_[i_ + 1]) == 'm') {
      i_ += 2;
      eat('.');
      return meridiem(lower(text.front()) == 'p');
    }
    if (iequals(text, "am") || iequals(text, "pm")) return meridiem(lower(text.front()) == 'p');
    if (const auto month = month_number(text)) {
      eat('.');
      return set(month_, *month) ? Word::Taken : Word::StopHere;
    }
    if (is_weekday(text)) {
      eat('.');
      return Word::Taken;
    }
    if (iequals(text, "at")) return Word::Taken;
    if (const auto offset = zone_offset(text)) {
      if (has_zone_) return Word::StopHere;
      // A zone name may carry an offset of its own ("GMT+2"): the offset wins.
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) return Word::Taken;
      if (has_time_) {
        has_zone_ = true;
        offset_ = *offset;
      }
      return Word::Taken;
    }
    i_ = start;
    return Word::StopHere;
  }

  Word meridiem(bool pm) {
    if (!has_time_ || meridiem_set_ || hour_ < 1 || hour_ > 12) return Word::StopHere;
    meridiem_set_ = true;
    hour_ = hour_ % 12 + (pm ? 12 : 0);
    return Word::Taken;
  }

  std::optional<Timestamp> yymmdd() {
    const int year = (s_[0] - '0') * 10 + (s_[1] - '0');
    const int month = (s_[2] - '0') * 10 + (s_[3] - '0');
    const int day = (s_[4] - '0') * 10 + (s_[5] - '0');
    year_ = full_year(year);
    month_ = month;
    day_ = day;
    return finish();
  }

  std::optional<Timestamp> finish() const {
    if (!complete() || !valid_date(year_, month_, day_)) return std::nullopt;
    Timestamp out;
    out.year = year_;
    out.month = month_;
    out.day = day_;
    if (has_time_) {
      if (hour_ > 23 || minute_ > 59 || second_ > 59) return std::nullopt;
      out.has_time = true;
      out.hour = hour_;
      out.minute = minute_;
      out.second = second_;
      out.has_zone = has_zone_;
      out.offset_minutes = has_zone_ ? offset_ : 0;
    }
    return out;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  int year_ = 0, month_ = 0, day_ = 0;
  bool has_time_ = false;
  bool meridiem_set_ = false;
  int hour_ = 0, minute_ = 0, second_ = 0;
  bool has_zone_ = false;
  int offset_ = 0;
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<Timestamp> parse_pubdate(std::string_view text) {
  text = trim(text);
  if (auto iso = parse_iso8601(text)) return iso;
  return Parser(text).run();
}

}  // namespace newsdig::util
