#include "searcher/interactive/render.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "common/util/display_width.hpp"
#include "searcher/results/query_terms.hpp"

namespace newsdig::searcher::interactive {
namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kMatch = "\x1b[1;31m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kPlainMark = "**";

std::string styled(std::string_view text, std::string_view style, bool color) {
  if (!color) return std::string(text);
  return std::string(style) + std::string(text) + std::string(kReset);
}

std::string_view entity_kind(EntityType type) {
  switch (type) {
    case EntityType::Person: return "people";
    case EntityType::Org: return "organisations";
    case EntityType::Place: return "places";
    case EntityType::Misc: return "other names";
  }
  return "other names";
}

// Paragraphs of a body: separated by blank lines; a paragraph's own line breaks become spaces.
std::vector<std::string> paragraphs(std::string_view body) {
  std::vector<std::string> found;
  std::string current;
  std::size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      if (!current.empty()) found.push_back(std::move(current));
      current.clear();
    } else {
      if (!current.empty()) current.push_back(' ');
      current.append(line);
    }
    start = end + 1;
  }
  if (!current.empty()) found.push_back(std::move(current));
  return found;
}

}  // namespace

std::string render_hit(const output::ShownHit& hit, const output::HumanStyle& style) {
  output::Page page;
  page.hits.push_back(hit);
  page.matches_estimated = 1;
  page.matches_lower_bound = page.matches_upper_bound = 1;
  std::ostringstream out;
  output::write_human(out, page, style);
  std::string text = out.str();
  // write_human closes a page with its count line ("1 hit, showing 3-3"); the session has its own status
  // line, so the hit's lines are what comes before it.
  if (!text.empty() && text.back() == '\n') text.pop_back();
  auto last_line = text.rfind('\n');
  text.erase(last_line == std::string::npos ? 0 : last_line + 1);
  return text;
}

std::string_view sort_name(results::SortOrder sort) {
  switch (sort) {
    case results::SortOrder::Relevance: return "relevance";
    case results::SortOrder::Newest: return "newest";
    case results::SortOrder::Oldest: return "oldest";
  }
  return "relevance";
}

std::string status_line(const Status& status, bool color) {
  std::string line = fmt::format("{}{} {}", status.exact ? "" : "about ", status.matches,
                                 status.matches == 1 ? "hit" : "hits");
  if (status.first > 0) line += fmt::format(", {}-{}", status.first, status.last);
  line += fmt::format(" | {:.0f} ms | sort {}", status.elapsed_ms, sort_name(status.sort));
  if (!status.like.empty()) line += " | " + status.like;
  if (!status.since.empty()) line += " | since " + status.since;
  if (!status.until.empty()) line += " | until " + status.until;
  if (status.more) line += " | :n next page";
  if (status.earlier) line += " | :p previous";
  return styled(line, kDim, color);
}

std::string wrap_marked(std::string_view text, const std::vector<results::Highlight>& marks, unsigned width,
                        std::string_view indent, bool color) {
  const unsigned indent_width = static_cast<unsigned>(indent.size());
  const unsigned line_width = width > indent_width + 20 ? width - indent_width : 20;
  // Where lines start: greedy, breaking at the last space that fits.
  std::vector<std::size_t> starts{0};
  unsigned column = 0, column_after_space = 0;
  std::size_t last_space = std::string_view::npos;
  for (std::size_t offset = 0; offset < text.size();) {
    const std::size_t here = offset;
    const char32_t c = util::next_code_point(text, offset);
    if (c == ' ') {
      last_space = here;
      column_after_space = ++column;
      continue;
    }
    const unsigned w = util::display_width(c);
    if (column + w > line_width && column > 0) {
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
  std::string out(indent);
  std::size_t next_start = 1, next_mark = 0;
  bool inside = false;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (inside && marks[next_mark].end <= i) {
      out += color ? kReset : kPlainMark;
      inside = false;
      ++next_mark;
    }
    if (i == text.size()) break;
    if (next_start < starts.size() && starts[next_start] == i) {
      ++next_start;
      while (!out.empty() && out.back() == ' ') out.pop_back();  // the space the break replaces
      if (inside && color) out += kReset;
      out += '\n';
      out += indent;
      if (inside && color) out += kMatch;
    }
    if (!inside && next_mark < marks.size() && marks[next_mark].begin == i) {
      out += color ? kMatch : kPlainMark;
      inside = true;
    }
    out += text[i];
  }
  if (inside) out += color ? kReset : kPlainMark;
  out += '\n';
  return out;
}

std::string render_article(const Article& article, results::SnippetMaker& highlighter, unsigned width,
                           bool color) {
  // Long lines are hard to read: the text keeps to 100 columns on a wide terminal.
  width = std::min(width, 100U);
  const std::string_view language =
      article.lang.empty() ? std::string_view("en") : std::string_view(article.lang);
  std::string out;
  std::string_view title =
      article.title.empty() ? std::string_view("(untitled)") : std::string_view(article.title);
  std::string heading = wrap_marked(title, highlighter.highlight_title(article), width, "", color);
  out += color ? std::string(kBold) + heading + std::string(kReset) : heading;
  std::string meta;
  for (const std::string* part : {&article.date, &article.source, &article.dateline, &article.byline}) {
    if (!part->empty()) meta += (meta.empty() ? "" : " | ") + *part;
  }
  meta += (meta.empty() ? "id " : " | id ") + article.id;
  out += styled(meta, kDim, color) + "\n";
  if (!article.url.empty()) out += styled(article.url, kDim, color) + "\n";
  for (const auto& paragraph : paragraphs(article.body)) {
    out += '\n';
    out += wrap_marked(paragraph, highlighter.highlight(paragraph, results::TextArea::AllText, language),
                       width, "", color);
  }
  if (!article.entities.empty()) {
    out += '\n' + styled("Names", kBold, color) + '\n';
    std::map<EntityType, std::vector<const Entity*>> by_type;
    for (const auto& entity : article.entities) by_type[entity.type].push_back(&entity);
    for (auto& [type, entities] : by_type) {
      std::stable_sort(entities.begin(), entities.end(),
                       [](const Entity* a, const Entity* b) { return a->count > b->count; });
      std::string line = std::string(entity_kind(type)) + ": ";
      for (std::size_t i = 0; i < entities.size(); ++i) {
        line += (i == 0 ? "" : ", ") + entities[i]->name;
        if (entities[i]->count > 1) line += fmt::format(" ({})", entities[i]->count);
      }
      out += wrap_marked(line, {}, width, "  ", false);
    }
  }
  if (!article.mentions.empty()) {
    out += '\n' + styled("Dates mentioned", kBold, color) + '\n';
    for (const auto& mention : article.mentions) {
      out += fmt::format("  {:<11} {}\n", mention.value, mention.text);
    }
  }
  return out;
}

}  // namespace newsdig::searcher::interactive
