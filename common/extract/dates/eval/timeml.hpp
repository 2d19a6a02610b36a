#pragma once
// Evaluation of the date tagger on TimeML (TempEval-3 TimeBank and AQUAINT): reading a .tml file into
// plain text with its gold TIMEX3 spans, and scoring tagger output against the gold DATE expressions
// (relaxed spans: any overlap; values: equal at the gold value's granularity).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"
#include "common/util/iso_date.hpp"

namespace newsdig::extract::dates::eval {

struct GoldTimex {
  std::uint32_t start = 0;  // byte offsets into TimemlDocument::text
  std::uint32_t end = 0;
  std::string type;   // DATE, TIME, DURATION, SET
  std::string value;  // as annotated: "1998-02-13", "PRESENT_REF", "1989-WXX"
};

struct TimemlDocument {
  std::string id;                                // DOCID
  std::optional<util::Timestamp> creation_time;  // the DCT (functionInDocument="CREATION_TIME")
  std::string text;                              // the TEXT element without its tags, entities decoded
  std::vector<GoldTimex> timexes;                // the TIMEX3s inside TEXT, in text order
};

// Throws std::runtime_error when the document has no TEXT element or its TIMEX3 tags do not nest.
TimemlDocument parse_timeml(std::string_view xml);

enum class Placeholders {
  Strict,       // a gold placeholder ("1989-WXX") matches only the same text
  Unspecified,  // trailing placeholder components count as unspecified: "1989-WXX" is compared as "1989"
};

// Whether a tagger value counts as the gold one: equal, or finer and equal once coarsened to the gold
// value's grain ("1998-02-13" for gold "1998-02" or "1998-W07"); "PRESENT_REF" and the like only equal.
// Gold values in another notation for the same value are read as TIMEX3 writes them: "2000-W7" as
// "2000-W07", "196X" as the decade "196", "19XX" as the century "19".
bool value_matches(std::string_view system, std::string_view gold,
                   Placeholders placeholders = Placeholders::Strict);

struct Score {
  std::size_t gold = 0;                       // gold DATE expressions
  std::size_t system = 0;                     // tagger mentions
  std::size_t span_matched = 0;               // pairs matched one to one by overlapping spans
  std::size_t value_matched = 0;              // of those, pairs whose values match
  std::size_t value_matched_unspecified = 0;  // the same with Placeholders::Unspecified
  std::size_t other_overlaps = 0;  // unmatched tagger mentions that overlap a gold TIME, DURATION or SET

  Score& operator+=(const Score& other);
  double span_precision() const;
  double span_recall() const;
  double span_f1() const;
  double value_precision() const;
  double value_recall() const;
  double value_f1() const;
  double value_accuracy() const;  // value_matched / span_matched
  double value_f1_unspecified() const;
};

enum class FindingKind { Missed, Spurious, WrongValue, Correct };

struct Finding {
  FindingKind kind;
  std::string text;          // the gold text (Missed, WrongValue) or the tagger's (Spurious)
  std::string gold_value;    // empty for Spurious
  std::string system_value;  // empty for Missed
  std::uint32_t start = 0;   // offsets of `text` in the document
  std::uint32_t end = 0;
};

// Scores one document: each tagger mention is paired with the first unpaired gold DATE it overlaps, in
// text order. `findings`, when given, receives every miss, spurious mention, wrong and correct value.
Score score_document(const TimemlDocument& document, const std::vector<DateMention>& mentions,
                     std::vector<Finding>* findings = nullptr);

}  // namespace newsdig::extract::dates::eval
