#include "indexer/formats/reuters_text_reader.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "indexer/formats/decode.hpp"
#include "indexer/formats/input_text.hpp"
#include "indexer/formats/markup.hpp"

namespace newsdig::formats {
namespace {

constexpr std::size_t kHeaderLines = 4;
constexpr std::size_t kDatelineSearchLines = 3;  // non-blank body lines searched for the dateline
constexpr std::size_t kMaxDatelineOffset = 400;  // bytes into its line where the dateline may stand
constexpr std::size_t kMaxAgencyBytes = 40;      // "(Reuters Life!)"
constexpr std::size_t kMaxPlaceBytes = 80;       // "SAN FRANCISCO/NEW YORK"
constexpr std::size_t kMaxHeadingBytes = 80;     // an all-capitals subheading ("NEW AD MARKETS")

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim_ascii(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::size_t leading_spaces(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && is_space(line[n])) ++n;
  return n;
}

// An all-capitals word at text[0]: ASCII capitals (two at least), non-ASCII letters and . / - ' up to the
// next space or comma, no lower-case ASCII letter.
bool capitals_word_at(std::string_view text) {
  std::size_t capitals = 0;
  for (char c : text) {
    if (is_space(c) || c == ',') break;
    if (is_lower(c) || is_digit(c)) return false;
    if (is_upper(c)) ++capitals;
  }
  return capitals >= 2 && is_upper(text.front());
}

struct Dateline {
  std::vector<std::string_view> notes;  // what stood before the place: editor's notes, a "By ..." line
  std::string_view place;               // "ANCHORAGE, Alaska", "CHICAGO, Oct 23"
  std::string_view agency;              // "Reuters"
  std::string_view rest;                // the body text after the dash
};

// A dateline without agency, which has a date instead: "SANTIAGO, Jan 2 - Text".
std::optional<Dateline> dated_place_line(std::string_view line) {
  const std::string_view text = trim_ascii(line);
  const std::size_t dash = text.substr(0, kMaxPlaceBytes).find(" - ");
  if (dash == std::string_view::npos || !capitals_word_at(text)) return std::nullopt;
  const std::string_view prefix = trim_ascii(text.substr(0, dash));
  const std::string place = detail::dateline_place(prefix);
  if (place.empty() || place.size() == detail::collapse_space(prefix).size()) return std::nullopt;
  Dateline found;
  found.place = prefix;
  found.rest = trim_ascii(text.substr(dash + 3));
  return found;
}

// "NEW YORK  (Reuters) - Text" in one line, maybe after notes: "(Adds comment)      By  Jo Lee       CHICAGO,
// Oct 23 (Reuters) - Text".
std::optional<Dateline> find_dateline(std::string_view line) {
  const std::string_view window = line.substr(0, kMaxDatelineOffset);
  for (std::size_t open = window.find('('); open != std::string_view::npos;
       open = window.find('(', open + 1)) {
    const std::size_t close = line.find(')', open);
    if (close == std::string_view::npos || close - open - 1 > kMaxAgencyBytes) continue;
    const std::string_view agency = trim_ascii(line.substr(open + 1, close - open - 1));
    if (agency.empty() || !is_upper(agency.front()) || agency.find('(') != std::string_view::npos) continue;
    std::size_t dash = close + 1;
    while (dash < line.size() && is_space(line[dash])) ++dash;
    if (dash >= line.size() || line[dash] != '-') continue;
    std::size_t after = dash + 1;
    if (after < line.size() && line[after] == '-') ++after;

    const std::string_view prefix = trim_ascii(line.substr(0, open));
    // The place starts at the first all-capitals word outside parentheses ("By  Jo Lee WASHINGTON  Oct 27").
    std::optional<std::size_t> place_start;
    std::size_t depth = 0;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      if (prefix[i] == '(') ++depth;
      if (prefix[i] == ')' && depth > 0) --depth;
      if (depth == 0 && (i == 0 || prefix[i - 1] == ' ') && capitals_word_at(prefix.substr(i))) {
        place_start = i;
        break;
      }
    }
    // No place: "(Reuters) - ", "Nov 16 (Reuters) - " still name the agency; the date goes with the dateline.
    const bool date_only = !place_start && detail::dateline_place(prefix).empty();
    if (date_only) place_start = 0;
    if (!place_start || prefix.size() - *place_start > kMaxPlaceBytes) continue;

    Dateline found;
    found.place = date_only ? std::string_view() : prefix.substr(*place_start);
    found.agency = agency;
    found.rest = trim_ascii(line.substr(after));
    // Notes are separated by runs of three spaces or more ("By  Jo Lee" keeps its two).
    std::string_view notes = trim_ascii(prefix.substr(0, *place_start));
    while (!notes.empty()) {
      const std::size_t gap = notes.find("   ");
      found.notes.push_back(trim_ascii(notes.substr(0, gap)));
      if (gap == std::string_view::npos) break;
      notes = trim_ascii(notes.substr(gap));
    }
    return found;
  }
  return dated_place_line(line);
}

// Builds the body's paragraphs from hard-wrapped lines.
class Paragraphs {
 public:
  // A line of the body as it stands in the file.
  void line(std::string_view raw) {
    const std::string_view text = trim_ascii(raw);
    if (text.empty() || leading_spaces(raw) >= 2) end();
    add(text);
  }

  void end() {
    detail::append_paragraph(body_, current_);
    current_.clear();
    lower_seen_ = false;
    capitals_ = 0;
  }

  // Text that continues the current paragraph (one space apart), split where the crawler joined
  // paragraphs with a run of spaces.
  void add(std::string_view text) {
    if (text.empty()) return;
    if (!current_.empty()) current_ += ' ';
    for (std::size_t i = 0; i < text.size();) {
      if (text[i] != ' ') {
        put(text[i++]);
        continue;
      }
      std::size_t run = i;
      while (run < text.size() && text[run] == ' ') ++run;
      if (run - i >= 2 && run < text.size() && i > 0 && is_break(text[i - 1], text[run])) {
        end();
      } else if (run < text.size()) {
        put(' ');
      }
      i = run;
    }
  }

  std::string finish() {
    end();
    return std::move(body_);
  }

 private:
  void put(char c) {
    current_ += c;
    if (is_lower(c)) lower_seen_ = true;
    if (is_upper(c)) ++capitals_;
  }

  bool is_break(char before, char after) const {
    const bool opens = is_upper(after) || is_digit(after) || after == '"' || after == '(';
    if (!opens) return false;
    if (before == '.' || before == '?' || before == '!' || before == '"' || before == '\'') return true;
    return is_upper(after) && !lower_seen_ && capitals_ >= 2 && current_.size() <= kMaxHeadingBytes;
  }

  std::string body_;
  std::string current_;
  bool lower_seen_ = false;
  std::size_t capitals_ = 0;
};

}  // namespace

bool looks_like_reuters_text(std::string_view text) {
  const std::vector<std::string_view> lines = detail::split_lines(text.substr(0, 4096));
  if (lines.size() < kHeaderLines) return false;
  for (std::size_t i = 0; i < kHeaderLines; ++i) {
    if (!lines[i].starts_with("--")) return false;
  }
  return lines[0].starts_with("-- ") && !trim_ascii(lines[0].substr(3)).empty() &&
         lines[3].starts_with("-- http");
}

void read_reuters_text(const Input& input, ArticleSink& sink) {
  const DecodedText decoded = decode_input(input, sink);
  const std::vector<std::string_view> lines = detail::split_lines(detail::strip_bom(decoded.text()));

  Article article;
  article.id = input.id_base;
  article.origin = input.origin;
  std::size_t index = 0;
  while (index < kHeaderLines && index < lines.size() && lines[index].starts_with("--")) {
    const std::string_view value = trim_ascii(lines[index].substr(2));
    switch (index) {
      case 0: article.title = detail::collapse_space(value); break;
      case 1: article.byline = detail::byline_names(value); break;
      case 2:
        if (auto iso = detail::iso_pubdate(value)) {
          article.date = std::move(*iso);
        } else if (!value.empty()) {
          sink.warn({input.origin, input.first_line + index, detail::bad_date_message(value)});
        }
        break;
      default: article.url = std::string(value); break;
    }
    ++index;
  }
  if (index == 0 && detail::has_words(decoded.text())) {
    sink.warn({input.origin, 0, "no \"-- \" header lines (headline, byline, date, URL): read as body only"});
  }

  Paragraphs paragraphs;
  std::size_t searched = 0;
  bool dateline_found = false;
  for (; index < lines.size(); ++index) {
    const std::string_view raw = lines[index];
    if (!dateline_found && searched < kDatelineSearchLines && !trim_ascii(raw).empty()) {
      ++searched;
      if (auto dateline = find_dateline(raw)) {
        dateline_found = true;
        article.dateline = detail::dateline_place(dateline->place);
        article.source = std::string(dateline->agency);
        paragraphs.end();
        for (std::string_view note : dateline->notes) {
          if (note.starts_with("By ") && article.byline.empty()) {
            article.byline = detail::byline_names(note);
          } else if (!note.starts_with("By ")) {
            paragraphs.add(note);
            paragraphs.end();
          }
        }
        paragraphs.add(dateline->rest);
        continue;
      }
    }
    paragraphs.line(raw);
  }
  article.body = paragraphs.finish();

  if (!detail::has_words(article.title) && !detail::has_words(article.body)) {
    sink.skip({input.origin, 0, "empty article"});
    return;
  }
  sink.article(std::move(article));
}

}  // namespace newsdig::formats
