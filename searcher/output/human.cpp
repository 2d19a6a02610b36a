#include "searcher/output/human.hpp"

#include <algorithm>
#include <array>
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
constexpr std::string_view kPeak = " ◀ peak";
constexpr std::array<std::string_view, 8> kEighths = {"▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};

unsigned text_width(std::string_view text) {
  unsigned width = 0;
  for (std::size_t offset = 0; offset < text.size();)
    width += util::display_width(util::next_code_point(text, offset));
  return width;
}

// A bar of `eighths` eighths of a column.
std::string bar(std::size_t eighths) {
  std::string out;
  for (std::size_t i = 0; i < eighths / 8; ++i) out += kEighths.back();
  if (eighths % 8 != 0) out += kEighths[eighths % 8 - 1];
  return out;
}

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

void write_facets(std::ostream& out, const Page& page, const HumanStyle& style) {
  std::size_t label_width = 0;
  for (const auto& counts : page.facets)
    label_width = std::max(label_width, results::facet_name(counts.facet).size());
  const std::string indent(label_width + 2, ' ');
  for (const auto& counts : page.facets) {
    std::string_view name = results::facet_name(counts.facet);
    if (style.color) out << kBold;
    out << name;
    if (style.color) out << kReset;
    out << std::string(label_width + 2 - name.size(), ' ');
    unsigned column = static_cast<unsigned>(indent.size());
    if (counts.values.empty()) out << "(none)";
    for (std::size_t i = 0; i < counts.values.size(); ++i) {
      std::string item = counts.values[i].value + " " + std::to_string(counts.values[i].count);
      if (i + 1 < counts.values.size()) item += ",";
      unsigned width = text_width(item);
      if (i > 0 && column + 1 + width > style.width) {
        out << '\n' << indent;
        column = static_cast<unsigned>(indent.size());
      } else if (i > 0) {
        out << ' ';
        ++column;
      }
      out << item;
      column += width;
    }
    if (counts.distinct > counts.values.size()) {
      std::string more = "(" + std::to_string(counts.distinct - counts.values.size()) + " more)";
      if (style.color) out << kDim;
      out << ' ' << more;
      if (style.color) out << kReset;
    }
    out << '\n';
  }
}

void write_timeline(std::ostream& out, const results::Timeline& timeline, const HumanStyle& style) {
  if (timeline.buckets.empty()) {
    out << "timeline: no dated hits\n";
    return;
  }
  const results::TimelineBucket* peak = &timeline.buckets.front();
  for (const auto& bucket : timeline.buckets) {
    if (bucket.count > peak->count) peak = &bucket;
  }
  const std::string peak_count = std::to_string(peak->count);
  const bool by_day = timeline.granularity == results::Granularity::Day;
  if (style.color) out << kDim;
  out << "hits per " << (by_day ? "day" : "month") << ", " << timeline.buckets.front().period << " to "
      << timeline.buckets.back().period << "; peak " << peak->period << " with " << peak_count;
  if (timeline.undated > 0) out << "; " << timeline.undated << " undated";
  if (style.color) out << kReset;
  out << '\n';
  // label, " │", bar, " ", count, peak marker: the bar gets what the terminal has left.
  const std::size_t label = timeline.buckets.front().period.size();
  const std::size_t fixed = label + 2 + 1 + peak_count.size() + text_width(kPeak);
  const std::size_t columns = style.width > fixed + 10 ? style.width - fixed : 10;
  for (const auto& bucket : timeline.buckets) {
    out << bucket.period << " │";
    std::size_t eighths =
        peak->count == 0
            ? 0
            : (static_cast<std::size_t>(bucket.count) * columns * 8 + peak->count / 2) / peak->count;
    if (bucket.count > 0 && eighths == 0) eighths = 1;
    const bool is_peak = &bucket == peak;
    if (style.color && is_peak) out << kMatch;
    out << bar(eighths);
    if (style.color && is_peak) out << kReset;
    out << ' ' << bucket.count;
    if (is_peak) out << kPeak;
    out << '\n';
  }
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
    if (shown.hit.collapsed && shown.hit.story) {
      const std::string related = results::related_reports(*shown.hit.story);
      if (!related.empty()) {
        out << kIndent;
        if (style.color) out << kDim;
        out << related;
        if (style.color) out << kReset;
        out << '\n';
      }
    }
    out << '\n';
  }
  if (style.color) out << kDim;
  out << count_line(page);
  if (style.color) out << kReset;
  out << '\n';
  if (!page.facets.empty()) {
    out << '\n';
    write_facets(out, page, style);
  }
  if (page.timeline) {
    out << '\n';
    write_timeline(out, *page.timeline, style);
  }
}

}  // namespace newsdig::output
