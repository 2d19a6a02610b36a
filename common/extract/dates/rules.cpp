#include "common/extract/dates/rules.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <initializer_list>

namespace newsdig::extract::dates {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// ---------------------------------------------------------------------------------------------------
// Pattern vocabulary

Elem el(Match match) {
  Elem e;
  e.match = match;
  return e;
}

Elem word(std::initializer_list<std::string_view> words) {
  Elem e;
  e.match = Match::Word;
  for (auto w : words) e.alts.push_back({w, 0});
  return e;
}

// A word whose value the builder reads as Captures::key.
Elem key(std::initializer_list<Alt> alts) {
  Elem e;
  e.match = Match::Word;
  e.alts = alts;
  e.into = Into::Key;
  return e;
}

Elem punct(std::string_view p) {
  Elem e;
  e.match = Match::Punct;
  e.alts.push_back({p, 0});
  return e;
}

Elem tight(Elem e) {
  e.tight = true;
  return e;
}

Elem one_of(std::vector<std::vector<Elem>> choices) {
  Elem e;
  e.match = Match::Choice;
  e.choices = std::move(choices);
  return e;
}

Elem opt(std::vector<Elem> sequence) {
  return one_of({std::move(sequence), {}});
}

Elem opt(Elem e) {
  return opt(std::vector<Elem>{std::move(e)});
}

// last/next/this and their synonyms, as Captures::direction.
Elem direction() {
  Elem e;
  e.match = Match::Word;
  e.alts = {{"last", -1},  {"past", -1}, {"previous", -1}, {"next", 1},
            {"coming", 1}, {"this", 0},  {"current", 0}};
  e.into = Into::Direction;
  return e;
}

// "this past Friday", "this coming week": "this" before the real direction.
Elem this_before_direction() {
  return opt(word({"this"}));
}

// ---------------------------------------------------------------------------------------------------
// Results and context

Resolution date(const Timex& timex) {
  return {ValueKind::Date, timex};
}

// A date given only as a comparison with the one in focus ("a year earlier"): it does not take the focus.
Resolution comparison(const Timex& timex) {
  return {ValueKind::Date, timex, false};
}

Resolution unresolved() {
  return {ValueKind::Unresolved, {}};
}

Resolution reference_word(ValueKind kind) {
  return {kind, {}};
}

int year_of(sys_days day) {
  return static_cast<int>(std::chrono::year_month_day{day}.year());
}

int month_of(sys_days day) {
  return static_cast<int>(static_cast<unsigned>(std::chrono::year_month_day{day}.month()));
}

int weekday_of(sys_days day) {
  return static_cast<int>(std::chrono::weekday{day}.iso_encoding());
}

sys_days to_days(int year, int month, int day) {
  return sys_days{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                  std::chrono::day{static_cast<unsigned>(day)}};
}

const Token* before(const Context& ctx, std::size_t back = 1) {
  if (ctx.first < back) return nullptr;
  for (std::size_t i = ctx.first - back + 1; i <= ctx.first; ++i) {
    if (ctx.tokens[i].break_before) return nullptr;
  }
  return &ctx.tokens[ctx.first - back];
}

const Token* after(const Context& ctx, std::size_t ahead = 0) {
  std::size_t i = ctx.last + ahead;
  if (i >= ctx.tokens.size()) return nullptr;
  for (std::size_t j = ctx.last; j <= i; ++j) {
    if (ctx.tokens[j].break_before) return nullptr;
  }
  return &ctx.tokens[i];
}

bool is_word(const Token* token, std::initializer_list<std::string_view> words) {
  if (!token || token->kind != TokenKind::Word) return false;
  return std::find(words.begin(), words.end(), token->lower) != words.end();
}

Grain grain_of(Unit unit) {
  switch (unit) {
    case Unit::Day: return Grain::Day;
    case Unit::Week: return Grain::Week;
    case Unit::Weekend: return Grain::Weekend;
    case Unit::Month: return Grain::Month;
    case Unit::Quarter: return Grain::Quarter;
    case Unit::Half: return Grain::Half;
    case Unit::Year: return Grain::Year;
    case Unit::Decade: return Grain::Decade;
    case Unit::Century: return Grain::Century;
    case Unit::None: break;
  }
  return Grain::Day;
}

// ---------------------------------------------------------------------------------------------------
// Tense: news reports the past, so bare weekdays and months are resolved backwards from the
// publication date unless a future marker stands near them in the same sentence.

bool sentence_end(const std::vector<Token>& tokens, std::size_t i) {
  const Token& t = tokens[i];
  if (t.kind != TokenKind::Punct) return false;
  if (t.lower == "!" || t.lower == "?" || t.lower == ";") return true;
  if (t.lower != ".") return false;
  // "Sept.", "Mr.", "U.S." do not end a sentence (or rarely).
  if (i > 0 && !t.space_before && tokens[i - 1].kind == TokenKind::Word && tokens[i - 1].capitalized &&
      tokens[i - 1].end - tokens[i - 1].start <= 4)
    return false;
  return true;
}

enum class Tense { Unknown, Past, Future };

bool in_list(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// A word that puts the clause around a date in the future or the past: modal and scheduling words, and
// verbs in the simple past (regular "-ed" forms unless passive, and the common irregular ones).
Tense marker_at(const std::vector<Token>& tokens, std::size_t i) {
  const Token& t = tokens[i];
  if (t.kind != TokenKind::Word) return Tense::Unknown;
  const std::string_view w = t.lower;
  const std::string_view prev = i > 0 ? std::string_view(tokens[i - 1].lower) : std::string_view();
  if (in_list(w, {"will", "shall", "scheduled", "slated", "upcoming", "tomorrow", "soon", "next"}))
    return Tense::Future;
  // "he'll", "won't", "is to resume", "as early as"
  if (w == "ll" && !t.space_before && prev == "'") return Tense::Future;
  if (w == "won" && i + 2 < tokens.size() && tokens[i + 1].lower == "'" && tokens[i + 2].lower == "t")
    return Tense::Future;
  if (w == "to" &&
      in_list(prev, {"is", "are", "set", "due", "expected", "scheduled", "planned", "plans", "plan", "going",
                     "agreed", "decided", "intends", "wants", "hopes", "promised"}))
    return Tense::Future;
  if (w == "early" && prev == "as") return Tense::Future;
  if (in_list(w, {"was",   "were",    "had",    "did",   "ago",  "yesterday", "earlier", "last", "said",
                  "told",  "bought",  "sold",   "rose",  "fell", "began",     "took",    "made", "came",
                  "went",  "got",     "gave",   "won",   "lost", "paid",      "became",  "left", "met",
                  "held",  "brought", "sent",   "spent", "saw",  "found",     "grew",    "led",  "ran",
                  "wrote", "fought",  "struck", "built", "kept", "chose",     "broke",   "spoke"}))
    return in_list(prev, {"be", "been", "being", "is", "are", "will", "to"}) ? Tense::Unknown : Tense::Past;
  // Regular past forms, but not "succeed", "hundred" or a passive ("will be held").
  bool regular_past = w.size() >= 5 && w.ends_with("ed") && w != "hundred" &&
                      (!w.ends_with("eed") || in_list(w, {"agreed", "guaranteed", "freed", "decreed"}));
  if (regular_past && !in_list(prev, {"be", "been", "being", "is", "are", "to"})) return Tense::Past;
  return Tense::Unknown;
}

bool clause_end(const std::vector<Token>& tokens, std::size_t i) {
  return sentence_end(tokens, i) || tokens[i].lower == "," || tokens[i].lower == ":";
}

// The tense of the clause around a date, from the nearest marker before it in its clause, else just after
// it; a date that opens its sentence ("In January, the company bought...") looks on past the comma.
Tense tense_of(const Context& ctx) {
  constexpr std::size_t kBack = 10;
  constexpr std::size_t kAhead = 4;
  constexpr std::size_t kOpening = 3;  // at most this many words before a date that opens a sentence
  constexpr std::size_t kOpeningAhead = 8;
  const auto& tokens = ctx.tokens;
  bool opens_sentence = true;
  for (std::size_t n = 1; n <= kBack; ++n) {
    if (ctx.first < n) break;
    std::size_t i = ctx.first - n;
    if (tokens[i + 1].break_before || clause_end(tokens, i)) {
      opens_sentence = n <= kOpening && (tokens[i + 1].break_before || sentence_end(tokens, i));
      break;
    }
    if (auto tense = marker_at(tokens, i); tense != Tense::Unknown) return tense;
    if (n == kBack) opens_sentence = false;
  }
  if (ctx.first < kOpening && ctx.first > 0 && !tokens[0].break_before) opens_sentence = false;
  std::size_t ahead = opens_sentence ? kOpeningAhead : kAhead;
  bool crossed_comma = false;
  for (std::size_t i = ctx.last; i < tokens.size() && i < ctx.last + ahead; ++i) {
    if (tokens[i].break_before || sentence_end(tokens, i)) break;
    if (clause_end(tokens, i)) {
      if (!opens_sentence || crossed_comma || tokens[i].lower != ",") break;
      crossed_comma = true;
      continue;
    }
    if (auto tense = marker_at(tokens, i); tense != Tense::Unknown) return tense;
  }
  return Tense::Unknown;
}

bool future_context(const Context& ctx) {
  return tense_of(ctx) == Tense::Future;
}

// Of the candidate days of a date written without its year, the nearest to the reference date, with
// distances against the clause's tense stretched: news reports the past, so without a tense marker a
// future date must be twice as near to win.
std::optional<sys_days> pick_by_tense(const Context& ctx, const std::vector<sys_days>& candidates) {
  constexpr long long kAgainstTense = 4;
  constexpr long long kFutureWithoutTense = 2;
  sys_days ref = *ctx.reference;
  Tense tense = tense_of(ctx);
  std::optional<sys_days> best;
  long long best_cost = 0;
  for (auto day : candidates) {
    long long distance = (day - ref).count();
    long long cost = std::llabs(distance);
    if (distance > 0)
      cost *= tense == Tense::Past ? kAgainstTense : tense == Tense::Unknown ? kFutureWithoutTense : 1;
    if (distance < 0 && tense == Tense::Future) cost *= kAgainstTense;
    if (!best || cost < best_cost) {
      best = day;
      best_cost = cost;
    }
  }
  return best;
}

// The year of a quarter or half named without one: the reference year if it has begun by the reference
// date, else (a later part) the year before, or the reference year in the future tense.
int year_for_part(const Context& ctx, int part, int reference_part) {
  int year = year_of(*ctx.reference);
  if (part <= reference_part) return year;
  return future_context(ctx) ? year : year - 1;
}

// A two-digit year, in the century that puts it nearest the reference date (without one: 1950-2049).
int window_year(int two_digits, const Context& ctx) {
  int pivot = ctx.reference ? year_of(*ctx.reference) : 2000;
  int century = pivot - pivot % 100;
  int best = century + two_digits;
  for (int candidate : {century - 100 + two_digits, century + 100 + two_digits}) {
    if (std::abs(candidate - pivot) < std::abs(best - pivot)) best = candidate;
  }
  return best;
}

// `value` moved by `count` years, keeping its grain.
Timex shift_years(const Timex& value, int count) {
  switch (value.grain) {
    case Grain::Half: return shift(value, 2 * count);
    case Grain::Quarter:
    case Grain::Season: return shift(value, 4 * count);
    case Grain::Month: return shift(value, 12 * count);
    case Grain::Day: {
      int day = value.day;
      while (!valid_date(value.year + count, value.part, day)) --day;  // February 29
      return make_day(value.year + count, value.part, day);
    }
    case Grain::Week:
    case Grain::Weekend: {
      Timex moved = value;
      moved.year += count;
      if (value.part == 53 &&
          containing(first_day(make_year(moved.year)) + days{360}, Grain::Week).part != 53)
        moved.part = 52;
      return moved;
    }
    default: return make_year(value.year + count);
  }
}

// ---------------------------------------------------------------------------------------------------
// Builders: absolute dates

// "each Thursday", "every July" recur: TIMEX3 SETs, not dates.
bool recurring(const Context& ctx) {
  return is_word(before(ctx), {"each", "every"});
}

std::optional<Resolution> build_ymd(const Captures& c, const Context& ctx) {
  int year = c.year != 0 ? c.year : c.year2 >= 0 ? window_year(c.year2, ctx) : 0;
  if (!valid_date(year, c.month, c.day)) return std::nullopt;
  return date(make_day(year, c.month, c.day));
}

std::optional<Resolution> build_month_year(const Captures& c, const Context&) {
  return date(make_month(c.year, c.month));
}

// "Aug. 2", "Friday, Oct. 13": the year that puts the date nearest the reference date (and on the weekday
// written, when one is).
std::optional<Resolution> build_month_day(const Captures& c, const Context& ctx) {
  if (!valid_date(2000, c.month, c.day)) return std::nullopt;
  if (!ctx.reference) return unresolved();
  int year = year_of(*ctx.reference);
  std::vector<sys_days> candidates;
  for (int y : {year - 1, year, year + 1}) {
    if (valid_date(y, c.month, c.day)) candidates.push_back(to_days(y, c.month, c.day));
  }
  if (candidates.empty()) return std::nullopt;  // February 29 far from any leap year
  if (c.weekday != 0) {
    std::vector<sys_days> on_weekday;
    for (auto day : candidates) {
      if (weekday_of(day) == c.weekday) on_weekday.push_back(day);
    }
    if (!on_weekday.empty()) candidates = on_weekday;
  }
  return date(make_day(*pick_by_tense(ctx, candidates)));
}

// A month named alone ("in November"). May and March are common words and names, so they need a word
// before them that introduces a date; after a weak cue ("and", "to") or none, a capitalised word next
// makes it a name ("April Ryan"); a number next means a date that did not parse ("Feb. 30").
std::optional<Resolution> build_month(const Captures& c, const Context& ctx) {
  if (recurring(ctx)) return std::nullopt;
  const Token* prev = before(ctx);
  const Token* next = after(ctx);
  if (next && next->kind == TokenKind::Number) return std::nullopt;
  bool strong_cue = is_word(prev, {"in",     "of",        "since", "until",  "till", "by",   "through",
                                   "during", "before",    "after", "early",  "late", "mid",  "between",
                                   "end",    "beginning", "start", "middle", "last", "next", "this"}) ||
                    (prev && prev->lower == "-");
  bool weak_cue = is_word(prev, {"and", "or", "to", "from", "for"});
  if (!strong_cue) {
    if (!weak_cue && (c.month == 5 || c.month == 3)) return std::nullopt;
    if (next && next->kind == TokenKind::Word && next->capitalized) return std::nullopt;
  }
  if (!ctx.reference) return unresolved();
  // Months compare by their 15th day, so the reference month itself is always the nearest.
  int year = year_of(*ctx.reference);
  std::vector<sys_days> candidates;
  for (int y : {year - 1, year, year + 1}) candidates.push_back(to_days(y, c.month, 15));
  sys_days chosen = *pick_by_tense(ctx, candidates);
  if (c.month == month_of(*ctx.reference)) chosen = to_days(year, c.month, 15);
  return date(make_month(year_of(chosen), c.month));
}

// "June last year", "January of this year".
std::optional<Resolution> build_month_of_relative_year(const Captures& c, const Context& ctx) {
  if (!ctx.reference) return unresolved();
  return date(make_month(year_of(*ctx.reference) + c.direction, c.month));
}

// "last November": the latest November before the reference month; "next May": the first after it.
std::optional<Resolution> build_relative_month(const Captures& c, const Context& ctx) {
  if (!ctx.reference) return unresolved();
  int year = year_of(*ctx.reference);
  int month = month_of(*ctx.reference);
  if (c.direction < 0) return date(make_month(c.month < month ? year : year - 1, c.month));
  if (c.direction > 0) return date(make_month(c.month > month ? year : year + 1, c.month));
  return date(make_month(year, c.month));
}

// A four-digit number alone is a year unless its neighbours make it a quantity or a name:
// "1,998 shares" never gets here; "2014 votes", "about 1500", "Windows 2000" are refused.
std::optional<Resolution> build_year(const Captures& c, const Context& ctx) {
  const Token* prev = before(ctx);
  const Token* next = after(ctx);
  if (is_word(prev, {"about",   "nearly", "approximately", "almost",    "roughly", "some",   "over",
                     "under",   "than",   "only",          "just",      "least",   "total",  "additional",
                     "another", "extra",  "exactly",       "estimated", "no",      "number", "page",
                     "route",   "flight", "model",         "room"}))
    return std::nullopt;
  bool year_before =
      is_word(prev, {"the",     "in",     "of",     "since",  "until", "till",    "by",     "from",
                     "through", "during", "before", "after",  "for",   "between", "and",    "or",
                     "to",      "its",    "his",    "her",    "their", "our",     "this",   "that",
                     "early",   "late",   "mid",    "fiscal", "year",  "s",       "around", "circa",
                     "spring",  "summer", "fall",   "autumn", "winter"}) ||
      (prev && prev->kind == TokenKind::Punct && prev->lower != ".");
  if (!year_before && next && next->kind == TokenKind::Word && !next->capitalized && next->space_before &&
      !next->lexeme) {
    static constexpr std::array<std::string_view, 8> kCountNouns = {"people", "men",  "women", "children",
                                                                    "feet",   "mice", "geese", "police"};
    const auto& w = next->lower;
    bool plural = (w.size() > 3 && w.back() == 's' && !w.ends_with("ss")) ||
                  std::find(kCountNouns.begin(), kCountNouns.end(), w) != kCountNouns.end();
    if (plural) return std::nullopt;
  }
  if (c.year < 1500 && !year_before) return std::nullopt;
  // A clock time: "at 1500 hrs", "2000 GMT".
  if (is_word(next, {"hrs", "hours", "hr", "h", "gmt", "est", "edt", "bst", "cet", "utc", "local"}))
    return std::nullopt;
  // After a capitalised word inside a sentence it is a name or model: "Windows 2000", "Orion 1980".
  if (!year_before && prev && prev->kind == TokenKind::Word && prev->capitalized && !prev->lexeme &&
      ctx.first >= 2 && !sentence_end(ctx.tokens, ctx.first - 2) && !ctx.tokens[ctx.first - 1].break_before)
    return std::nullopt;
  return date(make_year(c.year));
}

std::optional<Resolution> build_plain_year(const Captures& c, const Context&) {
  return date(make_year(c.year));
}

// "nineteen ninety-six", but not "two thousand years".
std::optional<Resolution> build_spelled_year(const Captures& c, const Context& ctx) {
  const Token* next = after(ctx);
  if (next && next->lexeme && next->lexeme->unit != Unit::None) return std::nullopt;
  return date(make_year(c.year));
}

std::optional<Resolution> build_decade(const Captures& c, const Context& ctx) {
  int start = c.decade;
  if (c.decade_short) {
    int pivot = ctx.reference ? year_of(*ctx.reference) : 1999;
    int century = pivot - pivot % 100;
    start = century + c.decade;
    if (start > pivot) start -= 100;
  }
  return date(Timex{Grain::Decade, start, 0, 0});
}

std::optional<Resolution> build_century(const Captures& c, const Context&) {
  if (c.ordinal < 1 || c.ordinal > 30) return std::nullopt;
  return date(Timex{Grain::Century, (c.ordinal - 1) * 100, 0, 0});
}

// ---------------------------------------------------------------------------------------------------
// Builders: relative to the reference date

std::optional<Resolution> build_day_offset(const Captures& c, const Context& ctx) {
  if (!ctx.reference) return unresolved();
  return date(make_day(*ctx.reference + days{c.key}));
}

// A weekday alone: the latest such day up to the reference date, or with a future marker the next one
// from it.
std::optional<Resolution> build_weekday(const Captures& c, const Context& ctx) {
  if (recurring(ctx)) return std::nullopt;
  if (!ctx.reference) return unresolved();
  int today = weekday_of(*ctx.reference);
  if (tense_of(ctx) == Tense::Future)
    return date(make_day(*ctx.reference + days{(c.weekday - today + 7) % 7}));
  return date(make_day(*ctx.reference - days{(today - c.weekday + 7) % 7}));
}

// "last Friday": the latest Friday before the reference date; "next Friday": the first after it.
std::optional<Resolution> build_relative_weekday(const Captures& c, const Context& ctx) {
  if (c.direction == 0) return build_weekday(c, ctx);
  if (!ctx.reference) return unresolved();
  int today = weekday_of(*ctx.reference);
  if (c.direction < 0) {
    int back = (today - c.weekday + 7) % 7;
    return date(make_day(*ctx.reference - days{back == 0 ? 7 : back}));
  }
  int ahead = (c.weekday - today + 7) % 7;
  return date(make_day(*ctx.reference + days{ahead == 0 ? 7 : ahead}));
}

// "last week", "this year", "next quarter", "the past year".
std::optional<Resolution> build_relative_unit(const Captures& c, const Context& ctx) {
  if (c.plural || c.unit == Unit::Day) return std::nullopt;
  if (!ctx.reference) return unresolved();
  return date(shift(containing(*ctx.reference, grain_of(c.unit)), c.direction));
}

// "the week", "the year": the one of the reference date; "the weekend": the latest one, or the coming
// one with a future marker.
std::optional<Resolution> build_the_unit(const Captures& c, const Context& ctx) {
  if (c.plural || c.unit == Unit::Day || c.unit == Unit::Quarter || c.unit == Unit::Half) return std::nullopt;
  // A title: "Playmate of the Year", "The Week".
  if (ctx.tokens[ctx.last - 1].capitalized) return std::nullopt;
  const Token* next = after(ctx);
  // "the year ended March 31" names a fiscal year by its end; "the year before" is anaphoric.
  if (is_word(next, {"of", "before", "after", "earlier", "ago", "later", "since", "in", "when", "that",
                     "ended", "ending"}) ||
      (next && (next->lower == "-" || next->kind == TokenKind::Number ||
                (next->lexeme && next->lexeme->cardinal >= 0))))
    return std::nullopt;
  if (!ctx.reference) return unresolved();
  Timex value = containing(*ctx.reference, grain_of(c.unit));
  if (c.unit == Unit::Weekend && weekday_of(*ctx.reference) < 6 && !future_context(ctx))
    value = shift(value, -1);
  return date(value);
}

std::optional<Resolution> build_ago(const Captures& c, const Context& ctx) {
  if (c.unit == Unit::None) return std::nullopt;
  if (c.count < 0) return reference_word(ValueKind::PastRef);
  if (c.plural != (c.count > 1)) return std::nullopt;
  // "a year ago" in a report on a quarter means that quarter a year before.
  if (c.count == 1 && c.unit == Unit::Year && ctx.previous &&
      (ctx.previous->grain == Grain::Quarter || ctx.previous->grain == Grain::Half))
    return comparison(shift_years(*ctx.previous, -1));
  if (!ctx.reference) return unresolved();
  if (c.unit == Unit::Day) return date(make_day(*ctx.reference - days{c.count}));
  return date(shift(containing(*ctx.reference, grain_of(c.unit)), -c.count));
}

// "a year earlier", "two days later": from the date mentioned before, at its grain when it is as fine as
// the unit, else from the reference date.
std::optional<Resolution> build_anaphoric_shift(const Captures& c, const Context& ctx) {
  if (c.unit == Unit::None || c.count < 1) return std::nullopt;
  if (c.plural != (c.count > 1)) return std::nullopt;
  int count = c.count * c.key;
  Grain grain = grain_of(c.unit);
  if (ctx.previous && ctx.previous->grain >= grain && ctx.previous->grain != Grain::Season) {
    const Timex& anchor = *ctx.previous;
    if (grain == Grain::Year) return comparison(shift_years(anchor, count));
    if (anchor.grain == grain) return comparison(shift(anchor, count));
    if (anchor.grain == Grain::Day) {
      if (c.unit == Unit::Month) return comparison(shift(make_month(anchor.year, anchor.part), count));
      auto moved = c.unit == Unit::Week ? days{7 * count} : days{count};
      return comparison(make_day(first_day(anchor) + moved));
    }
  }
  if (!ctx.reference) return unresolved();
  if (c.unit == Unit::Day) return comparison(make_day(*ctx.reference + days{count}));
  return comparison(shift(containing(*ctx.reference, grain_of(c.unit)), count));
}

// "year-earlier", "year-ago", "the year-ago quarter" (the quarter in focus a year before).
std::optional<Resolution> build_year_earlier(const Captures& c, const Context& ctx) {
  if (c.key == 1 && ctx.previous_quarter) return comparison(shift_years(*ctx.previous_quarter, -1));
  Captures one;
  one.unit = Unit::Year;
  one.count = 1;
  one.key = -1;
  return build_anaphoric_shift(one, ctx);
}

// "that year", "the same day": the date mentioned before, at that grain.
std::optional<Resolution> build_same_unit(const Captures& c, const Context& ctx) {
  if (c.unit == Unit::Quarter && !c.plural && ctx.previous_quarter) return date(*ctx.previous_quarter);
  if (c.plural || !ctx.previous) return std::nullopt;
  auto value = coarsen(*ctx.previous, grain_of(c.unit));
  if (!value) return std::nullopt;
  return date(*value);
}

// "the following year": after the date mentioned before (else after the reference date).
std::optional<Resolution> build_following_unit(const Captures& c, const Context& ctx) {
  if (c.plural || c.unit == Unit::None) return std::nullopt;
  Grain grain = grain_of(c.unit);
  if (ctx.previous) {
    if (auto anchor = coarsen(*ctx.previous, grain)) return date(shift(*anchor, c.key));
  }
  if (!ctx.reference) return unresolved();
  return date(shift(containing(*ctx.reference, grain), c.key));
}

// "the third quarter", "first-half", "the 1988 fourth quarter", "this year's first quarter".
std::optional<Resolution> build_part_of_year(const Captures& c, const Context& ctx) {
  if (c.unit != Unit::Quarter && c.unit != Unit::Half) return std::nullopt;
  Grain grain = c.unit == Unit::Half ? Grain::Half : Grain::Quarter;
  int parts = grain == Grain::Half ? 2 : 4;
  int part = c.ordinal == kLastOrdinal ? parts : c.ordinal;
  if (c.plural || part < 1 || part > parts) return std::nullopt;
  if (c.year != 0) return date(Timex{grain, c.year, part, 0});
  if (!ctx.reference) return unresolved();
  int year = c.has_direction ? year_of(*ctx.reference) + c.direction
                             : year_for_part(ctx, part, containing(*ctx.reference, grain).part);
  return date(Timex{grain, year, part, 0});
}

// "the quarter", "the same period": the quarter reported on, which is the one in focus, else the last one
// finished before the reference date; "the latest quarter" and "the latest period" always that one.
std::optional<Resolution> build_reported_quarter(const Captures& c, const Context& ctx) {
  const Token* next = after(ctx);
  if (is_word(next, {"of", "century", "mile", "point"}) ||
      (next && next->lower == "-" && !next->space_before))
    return std::nullopt;
  if (c.key == 0 && ctx.previous_quarter) return date(*ctx.previous_quarter);
  if (!ctx.reference) return unresolved();
  return date(shift(containing(*ctx.reference, Grain::Quarter), -1));
}

// "the 1988 quarter", "last year's period": the quarter in focus, in that year (else just the year).
std::optional<Resolution> build_year_quarter(const Captures& c, const Context& ctx) {
  int year = c.year;
  if (year == 0) {
    if (!ctx.reference) return unresolved();
    year = year_of(*ctx.reference) + c.direction;
  }
  if (ctx.previous_quarter) return comparison(Timex{Grain::Quarter, year, ctx.previous_quarter->part, 0});
  return comparison(make_year(year));
}

// "the quarter a year ago", "the same period last year": the quarter in focus a year before.
std::optional<Resolution> build_quarter_year_ago(const Captures&, const Context& ctx) {
  if (ctx.previous_quarter) return comparison(shift_years(*ctx.previous_quarter, -1));
  if (!ctx.reference) return unresolved();
  return comparison(shift(containing(*ctx.reference, Grain::Quarter), -5));
}

// "year-end", "the year's end": the reference year.
std::optional<Resolution> build_year_end(const Captures&, const Context& ctx) {
  if (!ctx.reference) return unresolved();
  return date(make_year(year_of(*ctx.reference)));
}

// "last fall": the latest fall that began before the current season; "next spring": the first after it;
// "this summer": the one of the reference year.
std::optional<Resolution> build_relative_season(const Captures& c, const Context& ctx) {
  if (!ctx.reference) return unresolved();
  Timex current = containing(*ctx.reference, Grain::Season);
  Timex value{Grain::Season, year_of(*ctx.reference), c.season, 0};
  if (c.direction < 0) {
    value.year += 1;
    while (first_day(value) >= first_day(current)) value.year -= 1;
  } else if (c.direction > 0) {
    value.year -= 1;
    while (first_day(value) <= first_day(current)) value.year += 1;
  }
  return date(value);
}

std::optional<Resolution> build_season_year(const Captures& c, const Context&) {
  return date(Timex{Grain::Season, c.year, c.season, 0});
}

// "the summer": the nearest summer, by the clause's tense; "the fall of Rome" is no date.
std::optional<Resolution> build_the_season(const Captures& c, const Context& ctx) {
  if (is_word(after(ctx), {"of", "and"})) return std::nullopt;
  if (!ctx.reference) return unresolved();
  int year = year_of(*ctx.reference);
  std::vector<sys_days> middles;
  for (int y : {year - 1, year, year + 1})
    middles.push_back(first_day(Timex{Grain::Season, y, c.season, 0}) + days{45});
  Timex current = containing(*ctx.reference, Grain::Season);
  if (current.part == c.season) return date(current);
  return date(containing(*pick_by_tense(ctx, middles), Grain::Season));
}

std::optional<Resolution> build_reference_word(const Captures& c, const Context& ctx) {
  const Token* next = after(ctx);
  if (next && next->lower == "-" && !next->space_before) return std::nullopt;  // "now-defunct"
  // Accounting terms, not time: "the current account deficit", "current assets".
  if (is_word(next, {"account", "accounts", "assets", "liabilities", "ratio"})) return std::nullopt;
  switch (c.key) {
    case -1: return reference_word(ValueKind::PastRef);
    case 1: return reference_word(ValueKind::FutureRef);
    default: return reference_word(ValueKind::PresentRef);
  }
}

// "in the past" is PAST_REF, "the past three years" a duration.
std::optional<Resolution> build_the_past(const Captures&, const Context& ctx) {
  const Token* next = after(ctx);
  if (next && (next->kind == TokenKind::Number ||
               (next->lexeme && (next->lexeme->cardinal >= 0 || next->lexeme->unit != Unit::None)) ||
               is_word(next, {"few", "several", "couple", "two", "many", "decade"})))
    return std::nullopt;
  return reference_word(ValueKind::PastRef);
}

// ---------------------------------------------------------------------------------------------------
// Holidays

enum class HolidayKind { Fixed, NthWeekday, LastWeekday, Easter, ElectionDay };

struct Holiday {
  HolidayKind kind;
  int month;
  int day;      // Fixed: day of month; NthWeekday: n
  int weekday;  // 1 = Monday
};

// Indexed by the Captures::key of the holiday rules.
constexpr std::array<Holiday, 13> kHolidays = {{
    {HolidayKind::Fixed, 12, 25, 0},       // 0 Christmas
    {HolidayKind::Fixed, 12, 24, 0},       // 1 Christmas Eve
    {HolidayKind::Fixed, 1, 1, 0},         // 2 New Year's Day
    {HolidayKind::Fixed, 12, 31, 0},       // 3 New Year's Eve
    {HolidayKind::NthWeekday, 11, 4, 4},   // 4 Thanksgiving (US): fourth Thursday of November
    {HolidayKind::Easter, 0, 0, 0},        // 5 Easter Sunday
    {HolidayKind::ElectionDay, 11, 0, 0},  // 6 Election Day (US)
    {HolidayKind::Fixed, 7, 4, 0},         // 7 Independence Day (US)
    {HolidayKind::NthWeekday, 9, 1, 1},    // 8 Labor Day (US): first Monday of September
    {HolidayKind::LastWeekday, 5, 0, 1},   // 9 Memorial Day (US): last Monday of May
    {HolidayKind::Fixed, 10, 31, 0},       // 10 Halloween
    {HolidayKind::Fixed, 2, 14, 0},        // 11 Valentine's Day
    {HolidayKind::Fixed, 11, 11, 0},       // 12 Veterans Day, Armistice Day
}};

sys_days easter_sunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return to_days(year, month, day);
}

sys_days holiday_in(const Holiday& holiday, int year) {
  switch (holiday.kind) {
    case HolidayKind::Fixed: return to_days(year, holiday.month, holiday.day);
    case HolidayKind::NthWeekday: {
      sys_days first = to_days(year, holiday.month, 1);
      int ahead = (holiday.weekday - weekday_of(first) + 7) % 7;
      return first + days{ahead + 7 * (holiday.day - 1)};
    }
    case HolidayKind::LastWeekday: {
      sys_days last = to_days(year, holiday.month + 1, 1) - days{1};
      return last - days{(weekday_of(last) - holiday.weekday + 7) % 7};
    }
    case HolidayKind::Easter: return easter_sunday(year);
    case HolidayKind::ElectionDay: {
      // The Tuesday after the first Monday of November.
      sys_days first = to_days(year, 11, 1);
      sys_days monday = first + days{(1 - weekday_of(first) + 7) % 7};
      return monday + days{1};
    }
  }
  return to_days(year, 1, 1);
}

// A holiday with a year written, or "last"/"next" one, or the nearest one (the coming one with a
// future marker).
std::optional<Resolution> build_holiday(const Captures& c, const Context& ctx) {
  if (c.key < 0 || static_cast<std::size_t>(c.key) >= kHolidays.size()) return std::nullopt;
  const Holiday& holiday = kHolidays[static_cast<std::size_t>(c.key)];
  if (c.year != 0) return date(make_day(holiday_in(holiday, c.year)));
  if (!ctx.reference) return unresolved();
  sys_days ref = *ctx.reference;
  int year = year_of(ref);
  std::array<sys_days, 3> around = {holiday_in(holiday, year - 1), holiday_in(holiday, year),
                                    holiday_in(holiday, year + 1)};
  if (c.has_direction && c.direction < 0) {
    for (auto it = around.rbegin(); it != around.rend(); ++it) {
      if (*it < ref) return date(make_day(*it));
    }
  }
  if (c.has_direction && c.direction > 0) {
    for (auto day : around) {
      if (day > ref) return date(make_day(day));
    }
  }
  return date(make_day(*pick_by_tense(ctx, {around.begin(), around.end()})));
}

// ---------------------------------------------------------------------------------------------------
// The table

std::vector<Elem> holiday(std::vector<Elem> name) {
  std::vector<Elem> pattern{opt({this_before_direction(), direction()})};
  pattern.insert(pattern.end(), name.begin(), name.end());
  pattern.push_back(opt({opt(punct(",")), el(Match::Year)}));
  return pattern;
}

Elem capitalized_key(std::string_view word, int value) {
  Elem e = key({{word, value}});
  e.capitalized = true;
  return e;
}

std::vector<Rule> make_rules() {
  const Elem year = el(Match::Year);
  const Elem month = el(Match::Month);
  const Elem day = el(Match::Day);
  const Elem comma = punct(",");
  const Elem unit = el(Match::Unit);
  const Elem weekday_lead = opt(el(Match::WeekdayLead));
  Elem relative_year = word({});
  relative_year.alts = {{"last", -1}, {"this", 0}, {"next", 1}};
  relative_year.into = Into::Direction;

  std::vector<Rule> table;
  auto add = [&](std::string_view group, std::string_view name, std::vector<Elem> pattern, Builder build) {
    table.push_back({group, name, std::move(pattern), build});
  };

  // Absolute calendar dates.
  add("absolute", "month day year", {weekday_lead, month, day, opt(comma), year}, build_ymd);
  add("absolute", "day month year", {weekday_lead, day, opt(word({"of"})), month, opt(comma), year},
      build_ymd);
  const Elem any_year = one_of({{year}, {el(Match::SpelledYear)}});
  add("absolute", "month year", {month, opt(one_of({{comma}, {word({"of"})}})), any_year}, build_month_year);
  add("absolute", "month day", {weekday_lead, month, day}, build_month_day);
  add("absolute", "day of month", {weekday_lead, day, opt(word({"of"})), month}, build_month_day);

  // Numeric dates: ISO 8601 and the US month/day/year.
  add("numeric", "iso date",
      {year, tight(punct("-")), tight(el(Match::NumMonth)), tight(punct("-")), tight(el(Match::NumDay))},
      build_ymd);
  add("numeric", "year/month/day",
      {year, tight(punct("/")), tight(el(Match::NumMonth)), tight(punct("/")), tight(el(Match::NumDay))},
      build_ymd);
  add("numeric", "month/day/year",
      {el(Match::NumMonth), tight(punct("/")), tight(el(Match::NumDay)), tight(punct("/")),
       tight(one_of({{year}, {el(Match::NumYear2)}}))},
      build_ymd);

  // Years, decades, centuries.
  add("year", "year", {year}, build_year);
  add("year", "fiscal year", {word({"fiscal"}), opt(word({"year"})), year}, build_plain_year);
  add("year", "the year", {word({"year"}), one_of({{year}, {el(Match::SpelledYear)}})}, build_plain_year);
  add("year", "spelled year", {el(Match::SpelledYear)}, build_spelled_year);
  add("decade", "decade", {el(Match::Decade)}, build_decade);
  add("decade", "century", {el(Match::Ordinal), word({"century"})}, build_century);

  // Months named alone or relative to the reference year.
  add("month", "month", {el(Match::MonthName)}, build_month);
  add("month", "month of relative year",
      {el(Match::MonthName), opt(word({"of"})), relative_year, word({"year"})}, build_month_of_relative_year);
  add("month", "relative month", {this_before_direction(), direction(), el(Match::MonthName)},
      build_relative_month);

  // Days relative to the reference date.
  add("deictic", "yesterday today tomorrow",
      {key({{"yesterday", -1}, {"today", 0}, {"tomorrow", 1}, {"tonight", 0}})}, build_day_offset);
  add("weekday", "weekday", {el(Match::Weekday)}, build_weekday);
  add("weekday", "relative weekday", {this_before_direction(), direction(), el(Match::Weekday)},
      build_relative_weekday);

  // Weeks, months, years... relative to the reference date.
  add("relative", "relative unit", {this_before_direction(), direction(), opt(word({"fiscal"})), unit},
      build_relative_unit);
  add("relative", "the unit", {word({"the"}), opt(word({"fiscal", "full"})), unit}, build_the_unit);
  add("relative", "year end",
      {word({"year"}), opt(one_of({{tight(punct("-"))}, {punct("'"), tight(word({"s"}))}})), word({"end"})},
      build_year_end);
  add("ago", "ago", {el(Match::Count), unit, word({"ago"})}, build_ago);
  add("anaphora", "earlier later", {el(Match::Count), unit, key({{"earlier", -1}, {"later", 1}})},
      build_anaphoric_shift);
  add("anaphora", "year-earlier",
      {word({"year"}), tight(punct("-")), tight(word({"earlier", "ago"})),
       opt(key({{"quarter", 1}, {"period", 1}}))},
      build_year_earlier);
  add("anaphora", "the same unit",
      {one_of({{word({"that"})}, {word({"the", "that"}), word({"same"})}}), unit}, build_same_unit);
  add("anaphora", "the following unit", {word({"the"}), key({{"following", 1}, {"preceding", -1}}), unit},
      build_following_unit);

  // Quarters and halves of a year.
  const Elem quarter_year = opt(one_of(
      {{year}, {word({"fiscal"}), year}, {relative_year, word({"year"}), punct("'"), tight(word({"s"}))}}));
  add("quarter", "ordinal quarter",
      {quarter_year, opt(word({"fiscal"})), el(Match::Ordinal), opt(tight(punct("-"))), opt(word({"fiscal"})),
       unit, opt({word({"of"}), opt(word({"fiscal"})), year})},
      build_part_of_year);
  add("quarter", "year quarter",
      {one_of({{year},
               {word({"fiscal"}), year},
               {relative_year, word({"year"}), punct("'"), tight(word({"s"}))}}),
       word({"quarter", "period"})},
      build_year_quarter);
  add("quarter", "quarter a year ago",
      {word({"the"}), opt(word({"same", "comparable", "corresponding"})), word({"quarter", "period"}),
       one_of({{word({"a"}), word({"year"}), word({"ago", "earlier"})}, {word({"last"}), word({"year"})}})},
      build_quarter_year_ago);
  add("quarter", "reported quarter",
      {word({"the"}), opt(key({{"latest", 1}, {"recent", 1}})), word({"quarter"})}, build_reported_quarter);
  add("quarter", "latest period", {word({"the"}), word({"latest", "same"}), word({"period"})},
      build_reported_quarter);

  // Seasons.
  add("season", "relative season", {this_before_direction(), direction(), el(Match::Season)},
      build_relative_season);
  add("season", "season year", {el(Match::Season), opt(word({"of"})), any_year}, build_season_year);
  add("season", "the season", {word({"the"}), el(Match::Season)}, build_the_season);

  // Holidays.
  add("holiday", "christmas", holiday({capitalized_key("christmas", 0), opt(word({"day"}))}), build_holiday);
  add("holiday", "christmas eve", holiday({capitalized_key("christmas", 1), word({"eve"})}), build_holiday);
  add("holiday", "new year's day",
      holiday({word({"new"}), capitalized_key("year", 2), punct("'"), tight(word({"s"})), word({"day"})}),
      build_holiday);
  add("holiday", "new year's eve",
      holiday({word({"new"}), capitalized_key("year", 3), punct("'"), tight(word({"s"})), word({"eve"})}),
      build_holiday);
  add("holiday", "thanksgiving", holiday({capitalized_key("thanksgiving", 4), opt(word({"day"}))}),
      build_holiday);
  add("holiday", "easter", holiday({capitalized_key("easter", 5), opt(word({"sunday", "day"}))}),
      build_holiday);
  add("holiday", "election day", holiday({capitalized_key("election", 6), word({"day"})}), build_holiday);
  add("holiday", "independence day", holiday({capitalized_key("independence", 7), word({"day"})}),
      build_holiday);
  add("holiday", "labor day", holiday({capitalized_key("labor", 8), word({"day"})}), build_holiday);
  add("holiday", "memorial day", holiday({capitalized_key("memorial", 9), word({"day"})}), build_holiday);
  add("holiday", "halloween", holiday({capitalized_key("halloween", 10)}), build_holiday);
  add("holiday", "valentine's day",
      holiday({capitalized_key("valentine", 11), opt({punct("'"), tight(word({"s"}))}), word({"day"})}),
      build_holiday);
  add("holiday", "veterans day",
      holiday({key({{"veterans", 12}, {"armistice", 12}}), opt(punct("'")), word({"day"})}), build_holiday);

  // Words that refer to the past, present or future without a date.
  add("reference", "now",
      {opt(word({"right", "just"})), key({{"now", 0}, {"currently", 0}, {"nowadays", 0}})},
      build_reference_word);
  add("reference", "current", {key({{"current", 0}})}, build_reference_word);
  add("reference", "these days", {word({"these"}), key({{"days", 0}})}, build_reference_word);
  add("reference", "recently", {key({{"recently", -1}})}, build_reference_word);
  add("reference", "recent units",
      {key({{"recent", -1}}), word({"years", "months", "weeks", "days", "decades"})}, build_reference_word);
  add("reference", "the future",
      {word({"the"}), opt(word({"near", "distant", "foreseeable"})), key({{"future", 1}})},
      build_reference_word);
  add("reference", "the past", {word({"the"}), word({"past"})}, build_the_past);
  return table;
}

struct Prefix {
  std::vector<std::string_view> words;
  std::string_view only_before;  // the date must start with this word
  bool not_before_number = false;
};

const std::vector<Prefix>& prefixes() {
  static const std::vector<Prefix> table = [] {
    std::vector<Prefix> list;
    for (auto words : std::initializer_list<std::vector<std::string_view>>{{"the", "end", "of"},
                                                                           {"the", "beginning", "of"},
                                                                           {"the", "start", "of"},
                                                                           {"the", "middle", "of"},
                                                                           {"the", "turn", "of"},
                                                                           {"end", "of"},
                                                                           {"beginning", "of"},
                                                                           {"start", "of"},
                                                                           {"middle", "of"},
                                                                           {"mid", "-"},
                                                                           {"early", "-"},
                                                                           {"late", "-"},
                                                                           {"mid"},
                                                                           {"early"},
                                                                           {"late"},
                                                                           {"earlier"},
                                                                           {"later"},
                                                                           {"sometime"}}) {
      list.push_back({words, {}, false});
    }
    list.push_back({{"the"}, {}, true});
    return list;
  }();
  return table;
}

}  // namespace

std::string value_text(const Resolution& resolution) {
  switch (resolution.kind) {
    case ValueKind::Date: return to_value(resolution.timex);
    case ValueKind::Unresolved: return {};
    case ValueKind::PastRef: return "PAST_REF";
    case ValueKind::PresentRef: return "PRESENT_REF";
    case ValueKind::FutureRef: return "FUTURE_REF";
  }
  return {};
}

const std::vector<Rule>& rules() {
  static const std::vector<Rule> table = make_rules();
  return table;
}

std::vector<std::string_view> rule_groups() {
  std::vector<std::string_view> groups;
  for (const auto& rule : rules()) {
    if (std::find(groups.begin(), groups.end(), rule.group) == groups.end()) groups.push_back(rule.group);
  }
  return groups;
}

std::size_t extend_left(const std::vector<Token>& tokens, std::size_t first, std::size_t last,
                        std::size_t floor) {
  bool single_number = last == first + 1 && tokens[first].kind == TokenKind::Number;
  bool extended = true;
  while (extended) {
    extended = false;
    for (const auto& prefix : prefixes()) {
      std::size_t n = prefix.words.size();
      if (first < floor + n || tokens[first].break_before) continue;
      if (!prefix.only_before.empty() && tokens[first].lower != prefix.only_before) continue;
      if (prefix.not_before_number && single_number) continue;
      std::size_t start = first - n;
      bool ok = true;
      for (std::size_t j = 0; j < n && ok; ++j) {
        const Token& t = tokens[start + j];
        ok = t.lower == prefix.words[j] && (j == 0 || !t.break_before);
        // A hyphen joins the words on both sides without space: "mid-1996".
        if (ok && t.lower == "-") ok = !t.space_before && !tokens[start + j + 1].space_before;
      }
      if (!ok) continue;
      first = start;
      extended = true;
      break;
    }
  }
  return first;
}

}  // namespace newsdig::extract::dates
