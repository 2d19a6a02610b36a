#include "common/util/iso_date.hpp"

#include <chrono>
#include <cstdlib>

#include <fmt/format.h>

namespace newsdig::util {
namespace {

constexpr int kMaxOffsetMinutes = 18 * 60;

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool done() const { return pos_ == text_.size(); }
  bool next_is_digit() const { return !done() && is_digit(text_[pos_]); }

  bool eat(char c) {
    if (done() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  // Exactly `count` decimal digits.
  std::optional<int> digits(std::size_t count) {
    if (text_.size() - pos_ < count) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      char c = text_[pos_ + i];
      if (!is_digit(c)) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    pos_ += count;
    return value;
  }

  std::size_t skip_digits() {
    std::size_t start = pos_;
    while (next_is_digit()) ++pos_;
    return pos_ - start;
  }

 private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  std::string_view text_;
  std::size_t pos_ = 0;
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool valid_date(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || day < 1) return false;
  return std::chrono::year_month_day{std::chrono::year{year},
                                     std::chrono::month{static_cast<unsigned>(month)},
                                     std::chrono::day{static_cast<unsigned>(day)}}
      .ok();
}

// Date part: "YYYY-MM-DD" or "YYYYMMDD". Returns whether the extended (dashed) form was used.
std::optional<bool> parse_date(Cursor& in, Timestamp& out) {
  auto year = in.digits(4);
  if (!year) return std::nullopt;
  bool extended = in.eat('-');
  auto month = in.digits(2);
  if (!month || (extended && !in.eat('-'))) return std::nullopt;
  auto day = in.digits(2);
  if (!day || !valid_date(*year, *month, *day)) return std::nullopt;
  out.year = *year;
  out.month = *month;
  out.day = *day;
  return extended;
}

// Time part after the separator: "hh:mm[:ss[.fff]]" or "hhmm[ss[.fff]]".
bool parse_time(Cursor& in, Timestamp& out) {
  auto hour = in.digits(2);
  if (!hour) return false;
  bool extended = in.eat(':');
  auto minute = in.digits(2);
  if (!minute) return false;
  int second = 0;
  if (extended ? in.eat(':') : in.next_is_digit()) {
    auto seconds = in.digits(2);
    if (!seconds) return false;
    second = *seconds;
    if ((in.eat('.') || in.eat(',')) && in.skip_digits() == 0) return false;
  }
  if (*hour > 23 || *minute > 59 || second > 59) return false;
  out.has_time = true;
  out.hour = *hour;
  out.minute = *minute;
  out.second = second;
  return true;
}

// Zone: "Z", "+hh:mm", "+hhmm", "+hh" (or '-').
bool parse_zone(Cursor& in, Timestamp& out) {
  if (in.eat('Z') || in.eat('z')) {
    out.has_zone = true;
    out.offset_minutes = 0;
    return true;
  }
  int sign = in.eat('+') ? 1 : in.eat('-') ? -1 : 0;
  if (sign == 0) return false;
  auto hours = in.digits(2);
  if (!hours) return false;
  int minutes = 0;
  if (in.eat(':') || in.next_is_digit()) {
    auto parsed = in.digits(2);
    if (!parsed || *parsed > 59) return false;
    minutes = *parsed;
  }
  int offset = *hours * 60 + minutes;
  if (offset > kMaxOffsetMinutes) return false;
  out.has_zone = true;
  out.offset_minutes = sign * offset;
  return true;
}

}  // namespace

std::optional<Timestamp> parse_iso8601(std::string_view text) {
  Cursor in(trim(text));
  Timestamp result;
  if (!parse_date(in, result)) return std::nullopt;
  if (in.done()) return result;
  if (!(in.eat('T') || in.eat('t') || in.eat(' '))) return std::nullopt;
  if (!parse_time(in, result)) return std::nullopt;
  if (in.done()) return result;
  if (!parse_zone(in, result) || !in.done()) return std::nullopt;
  return result;
}

std::string to_iso8601(const Timestamp& timestamp) {
  std::string out = fmt::format("{:04}-{:02}-{:02}", timestamp.year, timestamp.month, timestamp.day);
  if (!timestamp.has_time) return out;
  out += fmt::format("T{:02}:{:02}:{:02}", timestamp.hour, timestamp.minute, timestamp.second);
  if (!timestamp.has_zone) return out;
  if (timestamp.offset_minutes == 0) return out + 'Z';
  int offset = std::abs(timestamp.offset_minutes);
  out += fmt::format("{}{:02}:{:02}", timestamp.offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
  return out;
}

Timestamp to_utc(const Timestamp& timestamp) {
  using namespace std::chrono;
  if (!timestamp.has_time) return timestamp;
  const sys_days date{std::chrono::year{timestamp.year} / timestamp.month / timestamp.day};
  const int offset = timestamp.has_zone ? timestamp.offset_minutes : 0;
  const sys_seconds instant =
      date + hours{timestamp.hour} + minutes{timestamp.minute - offset} + seconds{timestamp.second};
  const sys_days utc_day = floor<days>(instant);
  const year_month_day ymd{utc_day};
  const hh_mm_ss clock{instant - utc_day};

  Timestamp utc;
  utc.year = static_cast<int>(ymd.year());
  utc.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  utc.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  utc.has_time = true;
  utc.hour = static_cast<int>(clock.hours().count());
  utc.minute = static_cast<int>(clock.minutes().count());
  utc.second = static_cast<int>(clock.seconds().count());
  utc.has_zone = true;
  utc.offset_minutes = 0;
  return utc;
}

std::string to_slot_value(const Timestamp& timestamp) {
  const Timestamp utc = to_utc(timestamp);
  std::string out = fmt::format("{:04}{:02}{:02}", utc.year, utc.month, utc.day);
  if (utc.has_time) out += fmt::format("{:02}{:02}{:02}", utc.hour, utc.minute, utc.second);
  return out;
}

}  // namespace newsdig::util
