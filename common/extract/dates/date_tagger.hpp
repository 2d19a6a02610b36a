#pragma once
// Dates an article talks about: a rule-based tagger (in the spirit of HeidelTime) for English news text.
// It finds absolute dates ("Sept. 21, 2014", "21 September 2014", "2014-09-21", "September 2014",
// "1998"), relative ones ("Monday", "last week", "in November", "earlier this month", "two years ago")
// and resolves them against the publication date into TIMEX3-style values: "2014-09-21", "2014-09",
// "2014", "2014-W38", "2014-Q3", "2014-H1", "2014-SU", "199" (a decade), "19" (a century), and
// "PAST_REF" / "PRESENT_REF" / "FUTURE_REF" for "recently", "now", "soon". docs/dates.md lists the rules.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"
#include "common/util/iso_date.hpp"

namespace newsdig::extract {

struct DateTaggerOptions {
  // Rule groups to leave out, by the names DateTagger::rule_groups() gives: for measuring what each group
  // contributes. Unknown names are ignored.
  std::vector<std::string> disabled_groups;
};

// Immutable once built: find() may be called from several threads at once.
class DateTagger {
 public:
  DateTagger();
  explicit DateTagger(const DateTaggerOptions& options);
  ~DateTagger();
  DateTagger(DateTagger&&) noexcept;
  DateTagger& operator=(DateTagger&&) noexcept;
  DateTagger(const DateTagger&) = delete;
  DateTagger& operator=(const DateTagger&) = delete;

  // The date expressions of `text` (UTF-8; ill-formed bytes are tolerated), in text order and never
  // overlapping, each with its value, its text as written, `field` ("title" or "body"), and its UTF-8
  // byte offsets into `text`. Relative expressions are resolved against `reference` (the publication
  // date; its time and zone are ignored, the calendar date is the one the article gives); without a
  // reference, or with an impossible one, they keep an empty value. Anaphoric ones ("a year earlier",
  // "the quarter") are resolved against the date mentioned before them in the same text. Never throws
  // except std::bad_alloc.
  std::vector<DateMention> find(std::string_view text, std::string_view field,
                                const std::optional<util::Timestamp>& reference) const;

  // The names of the rule groups, in priority order ("absolute", "numeric", "year", ...).
  static std::vector<std::string> rule_groups();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdig::extract
