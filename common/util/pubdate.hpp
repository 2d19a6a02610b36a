#pragma once
// Publication dates as news inputs print them, parsed into a util::Timestamp: ISO 8601, e-mail and feed
// dates (RFC 2822), the Reuters wire forms and the plain "October 21, 2006" of web pages and TREC
// collections. Only what the text says is kept: no zone is assumed where none is given.
#include <optional>
#include <string_view>

#include "common/util/iso_date.hpp"

namespace newsdig::util {

// Accepts, case-insensitively, with white space around the whole text ignored:
//   ISO 8601 (everything parse_iso8601 takes)        2014-09-22T10:00:00+09:00, 20140922
//   the same with a space before the zone             2014-09-22 10:00:00 +0900
//   RFC 2822                                          Tue, 10 Jun 2003 04:00:00 GMT, 10 Jun 2003 04:00 -0500
//   Reuters-21578                                     26-FEB-1987 15:01:01.79 (fractions dropped)
//   Reuters news sites                                Sat Oct 21, 2006 8:11pm EDT
//   month names with day and year                     October 21, 2006; Oct. 21 2006; 21 October 2006
//   TREC                                              940101 (YYMMDD), January 1, 1989, Sunday, Home Edition
//   US numeric dates                                  02/26/87, 2/26/1987 (month first)
//   ctime                                             Fri Oct 20 18:15:00 EDT 2006
// Weekday names are ignored wherever they stand. Times take an optional am/pm ("8:11pm", "8:11 p.m.").
// Zones: "Z", numeric offsets (+0900, -05:00, +09) and the abbreviations GMT UT UTC Z, US EST EDT CST
// CDT MST MDT PST PDT AKST AKDT HST, European WET WEST BST CET CEST EET EEST MSK, and JST KST HKT SGT
// AEST AEDT; an abbreviation or offset with no time of day is ignored (a date has no zone).
// Two-digit years (YYMMDD, 02/26/87) are 1950-2049. Once day, month and year are known, anything after a
// comma that holds no digit is ignored (", Sunday, Home Edition"); any other unknown word fails.
// Rejects impossible dates and times (2014-02-30, 25:00, 13:00pm). Never throws.
std::optional<Timestamp> parse_pubdate(std::string_view text);

}  // namespace newsdig::util
