#pragma once
// ISO 8601 dates and date-times: parsing what inputs give, and the canonical forms newsdig stores
// (the record's display form and the sortable UTC value-slot form of schema::Slot::PubDate).
#include <optional>
#include <string>
#include <string_view>

namespace newsdig::util {

struct Timestamp {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  bool has_zone = false;   // a time zone was given ("Z" or an offset)
  int offset_minutes = 0;  // east of UTC: +09:00 -> 540
};

// Accepts "2014-09-22", "20140922", "2014-09-22T10:00", "2014-09-22T10:00:00", "2014-09-22 10:00:00",
// optional fractions of a second (".5", ",123"; dropped), and a zone "Z", "+09:00", "+0900", "-05".
// "T" and "Z" may be lower case; white space around the whole text is ignored.
// Rejects impossible dates (2014-02-30), years outside 0001-9999, out-of-range times (24:00, leap second
// :60), offsets beyond +-18:00, a zone without a time, and trailing junk. Never throws.
std::optional<Timestamp> parse_iso8601(std::string_view text);

// Canonical display form: "2014-09-22", "2014-09-22T10:00:00" (no zone given) or
// "2014-09-22T10:00:00+09:00" / "...Z" (a zero offset is written "Z").
std::string to_iso8601(const Timestamp& timestamp);

// The same instant in UTC (date rolls over as needed); a timestamp without zone is taken as UTC.
// The result has has_zone set and offset 0; a date without time is returned unchanged.
Timestamp to_utc(const Timestamp& timestamp);

// Sortable value-slot form, in UTC: "YYYYMMDD" for a date, "YYYYMMDDhhmmss" for a date-time.
std::string to_slot_value(const Timestamp& timestamp);

}  // namespace newsdig::util
