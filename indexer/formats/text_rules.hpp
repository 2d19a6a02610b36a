#pragma once
// The line rules of plain-text news files, written as data: one table (text_rules()) of rules, each with a
// name, where it applies, how it recognises its line and what it does, and one small engine
// (apply_text_rules) that runs a table over the lines of a file. Nothing here throws but std::bad_alloc.
//
// The engine, line by line (blank lines only end paragraphs):
//   1. AnyLine rules are tried on every line, so boilerplate never becomes the headline or body.
//   2. The first line left is the headline.
//   3. AfterHeadline rules are tried on the lines right after it; a line one of them takes keeps the next
//      line "right after the headline" (headline, repeated headline, agency line, byline in any order).
//   4. The first line no rule took starts the body; FirstParagraph rules are tried on it.
//   5. Every other line is body. Lines of one paragraph are joined by a space.
// Within a scope the first rule in table order that matches wins. A Take* rule whose field is already
// set does not match again (the first agency line is the source; a second one is body).
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace newsdig::formats {

// Where a rule is tried.
enum class RuleScope {
  AfterHeadline,   // the lines right after the headline
  FirstParagraph,  // the first line of the body
  AnyLine,         // every non-blank line
};

// What happens to a line a rule matches.
enum class RuleAction {
  DropLine,      // not part of the article (boilerplate, a repeated headline)
  TakeSource,    // the line is the agency: Article::source, out of the body
  TakeByline,    // "By Jane Doe": Article::byline, out of the body
  TakeDateline,  // the line opens with a dateline: its place -> Article::dateline, the rest stays body
};

// What a rule sees besides the line.
struct LineContext {
  std::string_view headline;  // empty until the headline is chosen
};

// A rule's finding on one line; views into the line.
struct RuleMatch {
  std::string_view value;   // TakeSource, TakeByline: the text taken. TakeDateline: the place ("TOKYO")
  std::string_view rest;    // TakeDateline: what follows the dateline's dash
  std::string_view source;  // TakeDateline: an agency in parentheses ("Reuters"); becomes the source if none
};

// Recognises a line: `line` is trimmed and non-blank; `argument` is the rule's own (a phrase).
using LineMatcher = std::optional<RuleMatch> (*)(std::string_view line, std::string_view argument,
                                                 const LineContext& context);

struct TextRule {
  std::string_view name;  // kebab-case, unique: shown in tests and docs
  RuleScope scope;
  RuleAction action;
  LineMatcher matcher;
  std::string_view argument = {};
};

// The rules newsdig uses, in the order they are tried (docs/formats.md lists them).
std::span<const TextRule> text_rules();

// The rule of that name in text_rules(), or nullptr.
const TextRule* find_text_rule(std::string_view name);

// Runs one rule's matcher; nullopt when the line is not the rule's.
std::optional<RuleMatch> match_rule(const TextRule& rule, std::string_view line, const LineContext& context);

// A rule that fired, for tests and debugging: its name and the 0-based index of the line.
struct AppliedRule {
  std::string_view rule;
  std::size_t line = 0;
};

// What a file's lines amount to.
struct TextLayout {
  std::string headline;
  std::string source;
  std::string byline;
  std::string dateline;
  std::vector<std::string> paragraphs;  // non-empty; the lines of each joined by one space
  std::vector<AppliedRule> applied;
};

// `lines` are the lines of one file, each already trimmed of white space (a blank line is empty).
TextLayout apply_text_rules(std::span<const std::string_view> lines,
                            std::span<const TextRule> rules = text_rules());

}  // namespace newsdig::formats
