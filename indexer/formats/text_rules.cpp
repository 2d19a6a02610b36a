#include "indexer/formats/text_rules.hpp"

#include <algorithm>
#include <array>

namespace newsdig::formats {
namespace {

// Boilerplate notices are short; a body paragraph that merely begins like one is not.
constexpr std::size_t kMaxNoticeBytes = 200;
// Agency and byline lines: "Kyodo, JIJI", "By Jane Doe and John Roe".
constexpr std::size_t kMaxNamesLineBytes = 80;
constexpr std::size_t kMaxWordsPerName = 4;
constexpr std::size_t kMaxNameWords = 8;
// Datelines: "NEW YORK, Sept 22 (Reuters) - ".
constexpr std::size_t kMaxPlaceWords = 4;
constexpr std::size_t kMaxPlaceBytes = 40;
constexpr std::size_t kMaxDatelineDateBytes = 30;
constexpr std::size_t kMaxDatelineAgencyBytes = 40;

constexpr std::string_view kEnDash = "\xE2\x80\x93";
constexpr std::string_view kEmDash = "\xE2\x80\x94";

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
bool is_ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_alpha(char c) {
  return is_ascii_upper(c) || (c >= 'a' && c <= 'z');
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

bool iends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && iequals(text.substr(text.size() - suffix.size()), suffix);
}

std::string_view trim_ascii(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "Advertisement:", "All rights reserved." -> without the closing punctuation.
std::string_view strip_closing_punctuation(std::string_view text) {
  while (!text.empty() && std::string_view(" .:!").find(text.back()) != std::string_view::npos) {
    text.remove_suffix(1);
  }
  return text;
}

// Lower case, white space runs as one space: how headlines are compared.
std::string comparable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += ascii_lower(c);
  }
  return out;
}

// Bytes of a capital letter at `i`: ASCII A-Z, or a Latin-1 capital (U+00C0..U+00DE but U+00D7).
std::size_t capital_at(std::string_view text, std::size_t i) {
  if (i >= text.size()) return 0;
  if (is_ascii_upper(text[i])) return 1;
  if (i + 1 < text.size() && text[i] == '\xC3') {
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second >= 0x80 && second <= 0x9E && second != 0x97) return 2;
  }
  return 0;
}

// Bytes of a Latin letter beyond ASCII at `i` (U+00C0..U+017F but the two signs), whatever its case.
std::size_t latin_letter_at(std::string_view text, std::size_t i) {
  if (i + 1 >= text.size()) return 0;
  const auto lead = static_cast<unsigned char>(text[i]);
  const auto second = static_cast<unsigned char>(text[i + 1]);
  if (second < 0x80 || second > 0xBF) return 0;
  if (lead == 0xC3) return second == 0x97 || second == 0xB7 ? 0 : 2;
  return lead == 0xC4 || lead == 0xC5 ? 2 : 0;
}

bool is_connector(std::string_view word) {
  static constexpr std::array<std::string_view, 15> kConnectors = {
      "and", "&", "of", "the", "for", "de", "du", "des", "la", "le", "der", "die", "und", "et", "y"};
  return std::find(kConnectors.begin(), kConnectors.end(), word) != kConnectors.end();
}

// "Kyodo, JIJI", "Reuters/AFP", "Jane Doe and John Roe": capitalised names separated by ',', '/', '|', "and"
// or '&', at most kMaxWordsPerName words each and kMaxNameWords in all, with no sentence punctuation.
bool is_names_line(std::string_view text) {
  if (text.empty() || text.size() > kMaxNamesLineBytes) return false;
  if (text.find_first_of("!?:;\"()[]{}<>@#*=+_~") != std::string_view::npos) return false;
  if (text.find("\xE2\x80\x9C") != std::string_view::npos ||
      text.find("\xE2\x80\x9D") != std::string_view::npos) {
    return false;
  }
  if (text.back() == '.' || text.back() == ',') return false;

  std::size_t total_words = 0;
  std::size_t words_in_name = 0;
  std::size_t capitalised = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ') {
      ++i;
      continue;
    }
    if (c == ',' || c == '/' || c == '|') {
      if (words_in_name == 0) return false;  // an empty name: ", ," or a leading separator
      words_in_name = 0;
      ++i;
      continue;
    }
    const std::size_t end = std::min(text.find_first_of(" ,/|", i), text.size());
    const std::string_view word = text.substr(i, end - i);
    i = end;
    if (word == "and" || word == "&") {
      if (words_in_name == 0) return false;
      words_in_name = 0;
      continue;
    }
    if (capital_at(word, 0) > 0) {
      ++capitalised;
    } else if (!is_connector(word) || words_in_name == 0) {
      return false;  // a lower-case word, a number, a lone dash; a name never starts with "of"
    }
    if (++words_in_name > kMaxWordsPerName || ++total_words > kMaxNameWords) return false;
  }
  return words_in_name > 0 && capitalised > 0;
}

// --- matchers: each recognises one shape of line (the table below gives them names) ---

std::optional<RuleMatch> line_is(std::string_view line, std::string_view phrase, const LineContext&) {
  if (line.size() > kMaxNoticeBytes || !iequals(strip_closing_punctuation(line), phrase)) return std::nullopt;
  return RuleMatch{};
}

std::optional<RuleMatch> line_starts_with(std::string_view line, std::string_view phrase,
                                          const LineContext&) {
  if (line.size() > kMaxNoticeBytes || !istarts_with(line, phrase)) return std::nullopt;
  return RuleMatch{};
}

std::optional<RuleMatch> line_ends_with(std::string_view line, std::string_view phrase, const LineContext&) {
  if (line.size() > kMaxNoticeBytes || !iends_with(strip_closing_punctuation(line), phrase))
    return std::nullopt;
  return RuleMatch{};
}

// "Copyright 2014 Kyodo News", "(c) The Daily Gazette", "© 2014 Reuters. All rights reserved."; not
// "Copyright law changed in 2014" nor a headline "Copyright 2014: a year in court".
std::optional<RuleMatch> copyright_notice(std::string_view line, std::string_view, const LineContext&) {
  if (line.size() > kMaxNoticeBytes || line.find_first_of(":?!") != std::string_view::npos)
    return std::nullopt;
  std::string_view rest = line;
  bool word = false;
  bool symbol = false;
  if (istarts_with(rest, "copyright")) {
    word = true;
    rest = trim_ascii(rest.substr(9));
  }
  for (std::string_view sign : {std::string_view("\xC2\xA9"), std::string_view("(c)")}) {
    if (istarts_with(rest, sign)) {
      symbol = true;
      rest = trim_ascii(rest.substr(sign.size()));
      break;
    }
  }
  if (!word && !symbol) return std::nullopt;
  const bool year = rest.size() >= 4 && std::all_of(rest.begin(), rest.begin() + 4, is_ascii_digit);
  if (!symbol && !year) return std::nullopt;
  return RuleMatch{};
}

std::optional<RuleMatch> same_as_headline(std::string_view line, std::string_view,
                                          const LineContext& context) {
  if (context.headline.empty() || comparable(line) != comparable(context.headline)) return std::nullopt;
  return RuleMatch{};
}

std::optional<RuleMatch> agency_line(std::string_view line, std::string_view, const LineContext&) {
  if (line.starts_with("By ") || line.starts_with("BY ") || !is_names_line(line)) return std::nullopt;
  return RuleMatch{line, {}, {}};
}

std::optional<RuleMatch> byline_line(std::string_view line, std::string_view, const LineContext&) {
  if (!(line.starts_with("By ") || line.starts_with("BY "))) return std::nullopt;
  const std::string_view names = trim_ascii(line.substr(3));
  if (!is_names_line(names)) return std::nullopt;
  return RuleMatch{names, {}, {}};
}

// Bytes of a dateline dash at `i`: "--", an en or em dash, or '-' between spaces (so "TOKYO-BASED" is not).
std::size_t dash_at(std::string_view line, std::size_t i, bool space_before) {
  const std::string_view at = line.substr(std::min(i, line.size()));
  if (at.starts_with("--")) return 2;
  if (at.starts_with(kEnDash) || at.starts_with(kEmDash)) return 3;
  if (at.starts_with('-') && space_before && (at.size() == 1 || at[1] == ' ')) return 1;
  return 0;
}

// "TOKYO - ", "TOKYO (Reuters) - ", "WASHINGTON, Sept 22 - ", "NEW YORK, N.Y. -- ", "BERLIN — ": a place in
// capitals (at most kMaxPlaceWords words), optionally ", <date or state>" and "(<agency>)", then a dash.
std::optional<RuleMatch> dateline_prefix(std::string_view line, std::string_view, const LineContext&) {
  const std::size_t n = line.size();
  std::size_t i = 0;
  std::size_t words = 0;
  std::size_t ascii_capitals = 0;
  while (true) {
    if (capital_at(line, i) == 0) return std::nullopt;
    ++words;
    while (i < n) {
      if (is_ascii_upper(line[i])) {
        ++ascii_capitals;
        ++i;
      } else if (const std::size_t latin = latin_letter_at(line, i)) {
        i += latin;
      } else if (line[i] == '.' || line[i] == '\'' || (line[i] == '-' && capital_at(line, i + 1) > 0)) {
        ++i;
      } else {
        break;
      }
    }
    if (words < kMaxPlaceWords && i + 1 < n && line[i] == ' ' && capital_at(line, i + 1) > 0) {
      ++i;
      continue;
    }
    break;
  }
  const std::string_view place = line.substr(0, i);
  if (ascii_capitals < 2 || place.size() > kMaxPlaceBytes) return std::nullopt;
  if (i < n && is_ascii_alpha(line[i])) return std::nullopt;  // "TOKYOites": the word went on in lower case

  if (i < n && line[i] == ',') {
    std::size_t j = i + 1;
    while (j < n && line[j] == ' ') ++j;
    if (j >= n || !(is_ascii_upper(line[j]) || is_ascii_digit(line[j]))) return std::nullopt;
    while (j < n && (is_ascii_alpha(line[j]) || is_ascii_digit(line[j]) || line[j] == '.' || line[j] == ',' ||
                     (line[j] == ' ' && dash_at(line, j + 1, true) == 0))) {
      ++j;
    }
    if (j - i > kMaxDatelineDateBytes) return std::nullopt;
    i = j;
  }

  std::string_view agency;
  std::size_t k = i;
  while (k < n && line[k] == ' ') ++k;
  if (k < n && line[k] == '(') {
    const std::size_t close = line.find(')', k);
    if (close == std::string_view::npos || close - k > kMaxDatelineAgencyBytes) return std::nullopt;
    agency = trim_ascii(line.substr(k + 1, close - k - 1));
    if (agency.empty() || agency.find('(') != std::string_view::npos) return std::nullopt;
    i = close + 1;
  }

  std::size_t dash = i;
  while (dash < n && line[dash] == ' ') ++dash;
  const std::size_t dash_bytes = dash_at(line, dash, dash > i);
  if (dash_bytes == 0) return std::nullopt;
  return RuleMatch{place, trim_ascii(line.substr(dash + dash_bytes)), agency};
}

// The table. Order matters within a scope: the first rule that matches a line wins.
constexpr std::array kRules = {
    TextRule{"repeated-headline", RuleScope::AfterHeadline, RuleAction::DropLine, same_as_headline},
    TextRule{"byline", RuleScope::AfterHeadline, RuleAction::TakeByline, byline_line},
    TextRule{"agency-line", RuleScope::AfterHeadline, RuleAction::TakeSource, agency_line},
    TextRule{"dateline", RuleScope::FirstParagraph, RuleAction::TakeDateline, dateline_prefix},
    TextRule{"best-viewed-notice", RuleScope::AnyLine, RuleAction::DropLine, line_starts_with,
             "This website is best viewed"},
    TextRule{"rights-reserved", RuleScope::AnyLine, RuleAction::DropLine, line_ends_with,
             "All rights reserved"},
    TextRule{"copyright-notice", RuleScope::AnyLine, RuleAction::DropLine, copyright_notice},
    TextRule{"click-here", RuleScope::AnyLine, RuleAction::DropLine, line_starts_with, "Click here to "},
    TextRule{"share-this", RuleScope::AnyLine, RuleAction::DropLine, line_is, "Share this article"},
    TextRule{"advertisement", RuleScope::AnyLine, RuleAction::DropLine, line_is, "Advertisement"},
};

// The engine's state: what the next non-blank line can be.
enum class Phase { Headline, AfterHeadline, FirstParagraph, Body };

class Engine {
 public:
  explicit Engine(std::span<const TextRule> rules) : rules_(rules) {}

  TextLayout run(std::span<const std::string_view> lines) {
    for (std::size_t index = 0; index < lines.size(); ++index) {
      const std::string_view line = lines[index];
      if (line.empty()) {
        end_paragraph();
      } else {
        take_line(line, index);
      }
    }
    end_paragraph();
    return std::move(layout_);
  }

 private:
  void take_line(std::string_view line, std::size_t index) {
    if (try_rules(RuleScope::AnyLine, line, index)) return;
    switch (phase_) {
      case Phase::Headline:
        layout_.headline = line;
        phase_ = Phase::AfterHeadline;
        return;
      case Phase::AfterHeadline:
        if (try_rules(RuleScope::AfterHeadline, line, index)) return;
        phase_ = Phase::FirstParagraph;
        [[fallthrough]];
      case Phase::FirstParagraph:
        phase_ = Phase::Body;
        if (try_rules(RuleScope::FirstParagraph, line, index)) return;
        [[fallthrough]];
      case Phase::Body: add_body(line); return;
    }
  }

  // The field a Take* action fills; nullptr for DropLine.
  std::string* field_of(RuleAction action) {
    switch (action) {
      case RuleAction::DropLine: return nullptr;
      case RuleAction::TakeSource: return &layout_.source;
      case RuleAction::TakeByline: return &layout_.byline;
      case RuleAction::TakeDateline: return &layout_.dateline;
    }
    return nullptr;
  }

  bool try_rules(RuleScope scope, std::string_view line, std::size_t index) {
    const LineContext context{layout_.headline};
    for (const TextRule& rule : rules_) {
      if (rule.scope != scope) continue;
      std::string* field = field_of(rule.action);
      if (field != nullptr && !field->empty()) continue;
      const auto match = match_rule(rule, line, context);
      if (!match) continue;
      layout_.applied.push_back({rule.name, index});
      if (field != nullptr) *field = match->value.empty() ? line : match->value;
      if (rule.action == RuleAction::TakeDateline) {
        if (layout_.source.empty()) layout_.source = match->source;
        if (!match->rest.empty()) {
          add_body(match->rest);
          phase_ = Phase::Body;
        }
      }
      return true;
    }
    return false;
  }

  void add_body(std::string_view text) {
    if (!paragraph_.empty()) paragraph_ += ' ';
    paragraph_ += text;
  }

  void end_paragraph() {
    if (paragraph_.empty()) return;
    layout_.paragraphs.push_back(std::move(paragraph_));
    paragraph_.clear();
  }

  std::span<const TextRule> rules_;
  TextLayout layout_;
  std::string paragraph_;
  Phase phase_ = Phase::Headline;
};

}  // namespace

std::span<const TextRule> text_rules() {
  return kRules;
}

const TextRule* find_text_rule(std::string_view name) {
  const auto found =
      std::find_if(kRules.begin(), kRules.end(), [&](const TextRule& rule) { return rule.name == name; });
  return found == kRules.end() ? nullptr : &*found;
}

std::optional<RuleMatch> match_rule(const TextRule& rule, std::string_view line, const LineContext& context) {
  if (rule.matcher == nullptr || line.empty()) return std::nullopt;
  return rule.matcher(line, rule.argument, context);
}

TextLayout apply_text_rules(std::span<const std::string_view> lines, std::span<const TextRule> rules) {
  return Engine(rules).run(lines);
}

}  // namespace newsdig::formats
