#include "searcher/output/human.hpp"

#include <ostream>
#include <string>
#include <string_view>

#include "common/util/display_width.hpp"

namespace newsdig::output {
namespace {

constexpr std::string_view kIndent = "    ";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kMatch = "\x1b[1;31m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kPlainMark = "**";

// Byte offsets in `text` where a new line starts, wrapping greedily at spaces (or anywhere in text with
// no spaces, such as Chinese) so no line is wider than `width` columns.
std::vector<std::size_t> line_starts(std::string_view text, unsigned width) {
  std::vector<std::size_t> starts{0};
  unsigned column = 0;
  std::size_t last_space = std::string_view::npos;  // in the current line
  unsigned column_after_space = 0;
  for (std::size_t offset = 0; offset < text.size();) {
    std::size_t here = offset;
    char32_t c = util::next_code_point(text, offset);
    if (c == ' ') {
      if (column + 1 > width) {
        starts.push_back(here + 1);
        column = 0;
        last_space = std::string_view::npos;
      } else {
        last_space = here;
        column_after_space = ++column;
      }
      continue;
    }
    unsigned w = util::display_width(c);
    if (column + w > width && column > 0) {
      if (last_space != std::string_view::npos) {
        starts.push_back(last_space + 1);
        column -= column_after_space;
      } else {
        starts.push_back(here);
        column = 0;
      }
      last_space = std::string_view::npos;
    }
    column += w;
  }
  return starts;
}

// Writes `text` with its highlights marked; a new line and the indent at each offset of `breaks` but the
// first (the space a break replaces is not written).
void write_marked(std::ostream& out, std::string_view text, const std::vector<results::Highlight>& marks,
                  const std::vector<std::size_t>& breaks, const HumanStyle& style) {
  std::size_t next_break = 1;
  std::size_t next_mark = 0;
  bool inside = false;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (inside && next_mark < marks.size() && marks[next_mark].end == i) {
      out << (style.color ? kReset : kPlainMark);
      inside = false;
      ++next_mark;
    }
    if (i == text.size()) break;
    if (next_break < breaks.size() && breaks[next_break] == i) {
      ++next_break;
      if (inside && style.color) out << kReset;
      out << '\n' << kIndent;
      if (inside && style.color) out << kMatch;
    }
    if (!inside && next_mark < marks.size() && marks[next_mark].begin == i) {
      out << (style.color ? kMatch : kPlainMark);
      inside = true;
    }
    // A space that a line break replaced is dropped.
    if (text[i] == ' ' && next_break < breaks.size() && breaks[next_break] == i + 1) continue;
    out << text[i];
  }
  if (inside) out << (style.color ? kReset : kPlainMark);
}

std::string count_line(const Page& page) {
  auto count = page.matches_estimated;
  bool exact = page.matches_lower_bound == page.matches_upper_bound;
  std::string line = (exact ? "" : "about ") + std::to_string(count) + (count == 1 ? " hit" : " hits");
  if (!page.hits.empty()) {
    line += ", showing " + std::to_string(page.hits.front().hit.rank) + "-" +
            std::to_string(page.hits.back().hit.rank);
  }
  return line;
}

}  // namespace

void write_human(std::ostream& out, const Page& page, const HumanStyle& style) {
  const unsigned text_width =
      style.width > kIndent.size() + 20 ? style.width - static_cast<unsigned>(kIndent.size()) : 20;
  for (const auto& shown : page.hits) {
    const auto& record = shown.hit.record;
    std::string rank = std::to_string(shown.hit.rank) + ".";
    out << rank << std::string(kIndent.size() > rank.size() ? kIndent.size() - rank.size() : 1, ' ');
    if (style.color) out << kBold;
    std::string_view title =
        record.title.empty() ? std::string_view("(untitled)") : std::string_view(record.title);
    write_marked(out, title, shown.title_highlights, {0}, style);
    if (style.color) out << kReset;
    out << '\n' << kIndent;
    if (style.color) out << kDim;
    std::string meta;
    for (const std::string* part : {&record.date, &record.source, &record.dateline}) {
      if (part->empty()) continue;
      meta += (meta.empty() ? "" : " | ") + *part;
    }
    meta += (meta.empty() ? "id " : " | id ") + record.id;
    out << meta;
    if (style.color) out << kReset;
    out << '\n';
    for (const auto& snippet : shown.snippets) {
      out << kIndent;
      write_marked(out, snippet.text, snippet.highlights, line_starts(snippet.text, text_width), style);
      out << '\n';
    }
    out << '\n';
  }
  if (style.color) out << kDim;
  out << count_line(page);
  if (style.color) out << kReset;
  out << '\n';
}

}  // namespace newsdig::output
