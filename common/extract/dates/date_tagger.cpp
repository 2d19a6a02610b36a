#include "common/extract/dates/date_tagger.hpp"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "common/extract/dates/calendar.hpp"
#include "common/extract/dates/pattern.hpp"
#include "common/extract/dates/rules.hpp"
#include "common/extract/dates/tokens.hpp"

namespace newsdig::extract {

namespace {

struct Variant {
  std::vector<dates::Elem> elems;
  std::size_t rule;
};

std::optional<std::chrono::sys_days> reference_day(const std::optional<util::Timestamp>& reference) {
  if (!reference || !dates::valid_date(reference->year, reference->month, reference->day))
    return std::nullopt;
  return std::chrono::sys_days{std::chrono::year{reference->year} /
                               std::chrono::month{static_cast<unsigned>(reference->month)} /
                               std::chrono::day{static_cast<unsigned>(reference->day)}};
}

}  // namespace

struct DateTagger::Impl {
  std::vector<Variant> variants;
  // Variants that start with a literal word or punctuation, by that literal; the rest are tried everywhere
  // their first element could start.
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_literal;
  struct KindBucket {
    dates::Elem first;  // the element kind the bucket's variants start with
    std::vector<std::size_t> variants;
  };
  std::vector<KindBucket> by_kind;

  explicit Impl(const DateTaggerOptions& options) {
    const auto& rules = dates::rules();
    for (std::size_t r = 0; r < rules.size(); ++r) {
      const auto& disabled = options.disabled_groups;
      if (std::find(disabled.begin(), disabled.end(), rules[r].group) != disabled.end()) continue;
      for (auto& flat : dates::expand(rules[r].pattern)) {
        if (flat.empty()) continue;
        std::size_t index = variants.size();
        const auto& first = flat.front();
        if (first.match == dates::Match::Word || first.match == dates::Match::Punct) {
          for (const auto& alt : first.alts) by_literal[alt.word].push_back(index);
        } else {
          auto bucket = std::find_if(by_kind.begin(), by_kind.end(),
                                     [&](const KindBucket& b) { return b.first.match == first.match; });
          if (bucket == by_kind.end()) {
            dates::Elem kind_only;
            kind_only.match = first.match;
            by_kind.push_back({kind_only, {}});
            bucket = by_kind.end() - 1;
          }
          bucket->variants.push_back(index);
        }
        variants.push_back({std::move(flat), r});
      }
    }
  }
};

DateTagger::DateTagger() : DateTagger(DateTaggerOptions{}) {}

DateTagger::DateTagger(const DateTaggerOptions& options) : impl_(std::make_unique<Impl>(options)) {}

DateTagger::~DateTagger() = default;
DateTagger::DateTagger(DateTagger&&) noexcept = default;
DateTagger& DateTagger::operator=(DateTagger&&) noexcept = default;

std::vector<std::string> DateTagger::rule_groups() {
  std::vector<std::string> names;
  for (auto group : dates::rule_groups()) names.emplace_back(group);
  return names;
}

std::vector<DateMention> DateTagger::find(std::string_view text, std::string_view field,
                                          const std::optional<util::Timestamp>& reference) const {
  std::vector<DateMention> mentions;
  const auto tokens = dates::tokenize(text);
  const auto& rules = dates::rules();
  const auto reference_date = reference_day(reference);
  std::optional<dates::Timex> previous;
  std::optional<dates::Timex> previous_quarter;
  std::size_t floor = 0;

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::size_t best_end = 0;
    std::size_t best_rule = rules.size();
    dates::Resolution best;
    auto consider = [&](std::size_t index) {
      const Variant& variant = impl_->variants[index];
      dates::Captures captures;
      std::size_t end = dates::match(variant.elems, tokens, i, captures);
      if (end == 0 || end < best_end || (end == best_end && variant.rule >= best_rule)) return;
      dates::Context context{tokens, i, end, reference_date, previous, previous_quarter};
      auto resolution = rules[variant.rule].build(captures, context);
      if (!resolution) return;
      best_end = end;
      best_rule = variant.rule;
      best = *resolution;
    };
    if (auto found = impl_->by_literal.find(tokens[i].lower); found != impl_->by_literal.end()) {
      for (std::size_t index : found->second) consider(index);
    }
    for (const auto& bucket : impl_->by_kind) {
      if (!dates::could_start(bucket.first, tokens[i])) continue;
      for (std::size_t index : bucket.variants) consider(index);
    }
    if (best_end == 0) continue;
    // Arithmetic near the ends of the calendar (a reference in year 1 or 9999) leaves years 1-9999.
    if (best.kind == dates::ValueKind::Date) {
      bool coarse = best.timex.grain == dates::Grain::Century || best.timex.grain == dates::Grain::Decade;
      if (best.timex.year < (coarse ? 0 : 1) || best.timex.year > 9999) best = dates::Resolution{};
    }

    // Words before "now" or "recently" ("the recently passed law") are not part of a date.
    std::size_t first =
        rules[best_rule].group == "reference" ? i : dates::extend_left(tokens, i, best_end, floor);
    DateMention mention;
    mention.value = dates::value_text(best);
    mention.start = tokens[first].start;
    mention.end = tokens[best_end - 1].end;
    mention.text = std::string(text.substr(mention.start, mention.end - mention.start));
    mention.field = std::string(field);
    mentions.push_back(std::move(mention));
    if (best.kind == dates::ValueKind::Date && best.focus) {
      previous = best.timex;
      // Reports are on a finished quarter: one still running or to come is a forecast.
      if (best.timex.grain == dates::Grain::Quarter &&
          (!reference_date || dates::first_day(dates::shift(best.timex, 1)) <= *reference_date))
        previous_quarter = best.timex;
    }
    floor = best_end;
    i = best_end - 1;
  }
  return mentions;
}

}  // namespace newsdig::extract
