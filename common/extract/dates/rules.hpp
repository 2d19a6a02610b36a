#pragma once
// The date rules: one table of token patterns, each with a builder that turns what its pattern captured
// into a TIMEX3 value. Builders resolve relative expressions against the reference date (the publication
// date) and anaphoric ones ("a year earlier", "the quarter") against the date mentioned before them.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/extract/dates/calendar.hpp"
#include "common/extract/dates/pattern.hpp"
#include "common/extract/dates/tokens.hpp"

namespace newsdig::extract::dates {

enum class ValueKind {
  Date,        // a calendar value (Resolution::timex)
  Unresolved,  // relative, and there is no reference date: no value
  PastRef,     // "recently", "in the past": TIMEX3 PAST_REF
  PresentRef,  // "now", "currently": PRESENT_REF
  FutureRef,   // "soon", "the future": FUTURE_REF
};

struct Resolution {
  ValueKind kind = ValueKind::Unresolved;
  Timex timex;
  // Whether later anaphora refer to this date. Comparisons ("a year earlier", "year-ago") do not move the
  // focus: the quarter reported on stays the one that "the quarter" means.
  bool focus = true;
};

// The value text of a resolution: "2014-09-21", "PRESENT_REF", or empty when unresolved.
std::string value_text(const Resolution& resolution);

struct Context {
  const std::vector<Token>& tokens;
  std::size_t first = 0;  // the match is tokens [first, last)
  std::size_t last = 0;
  std::optional<std::chrono::sys_days> reference;
  std::optional<Timex> previous;          // the last date in focus before the match, in the same text
  std::optional<Timex> previous_quarter;  // the last quarter in focus before the match
};

// nullopt rejects the match (an impossible date, a number that is a quantity, not a year...).
using Builder = std::optional<Resolution> (*)(const Captures&, const Context&);

struct Rule {
  std::string_view group;  // rule family, for evaluation by ablation: "absolute", "weekday"...
  std::string_view name;
  std::vector<Elem> pattern;
  Builder build;
};

// Every rule, in priority order: at one position the longest match wins, and among matches of the
// same length the earlier rule.
const std::vector<Rule>& rules();

// The distinct groups of rules(), in order of first appearance.
std::vector<std::string_view> rule_groups();

// Where a date's span starts once the words before it that belong to it are taken in ("the end of",
// "early", "mid-", "the"): a token index <= first, never crossing `floor` (the end of the previous match).
std::size_t extend_left(const std::vector<Token>& tokens, std::size_t first, std::size_t last,
                        std::size_t floor);

}  // namespace newsdig::extract::dates
