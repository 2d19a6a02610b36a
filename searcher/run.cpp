#include "searcher/run.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "common/analysis/analyzer.hpp"
#include "common/store/database.hpp"
#include "common/util/display_width.hpp"
#include "searcher/output/human.hpp"
#include "searcher/output/json.hpp"
#include "searcher/query/query_parser.hpp"
#include "searcher/results/search.hpp"
#include "searcher/results/snippet.hpp"

namespace newsdig::searcher {
namespace {

bool use_color(ColorMode mode, bool out_is_terminal) {
  switch (mode) {
    case ColorMode::Always: return true;
    case ColorMode::Never: return false;
    case ColorMode::Auto: break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  return out_is_terminal && (no_color == nullptr || *no_color == '\0');
}

unsigned output_width(bool out_is_terminal) {
  if (out_is_terminal) {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    long value = std::strtol(columns, nullptr, 10);
    if (value >= 20 && value <= 1000) return static_cast<unsigned>(value);
  }
  return 100;
}

// The query echoed under an error, with a caret under the 1-based code-point `column`: control
// characters shown as spaces so the line stays one line, wide characters counted as two columns.
std::string pointed_query(std::string_view text, std::size_t column) {
  std::string line, caret;
  std::size_t index = 0;
  for (std::size_t offset = 0; offset < text.size(); ++index) {
    std::size_t start = offset;
    char32_t c = util::next_code_point(text, offset);
    bool control = c < 0x20 || c == 0x7F;
    if (control)
      line.push_back(' ');
    else
      line.append(text.substr(start, offset - start));
    if (index + 1 < column) caret.append(control ? 1 : std::max(1U, util::display_width(c)), ' ');
  }
  return "  " + line + "\n  " + caret + "^";
}

}  // namespace

int run(const Options& options, std::ostream& out, std::ostream& err, bool out_is_terminal) {
  const auto started = std::chrono::steady_clock::now();
  const std::string text = query_text(options);
  try {
    Xapian::Database database = store::open_for_search(options.db);
    analysis::Analyzer analyzer;
    query::ParseOptions parse_options;
    parse_options.default_op = options.any ? query::DefaultOp::Or : query::DefaultOp::And;
    parse_options.language = options.language;
    query::ParsedQuery parsed = query::parse_query(text, analyzer, parse_options);

    auto result = results::search(database, {parsed.query, options.offset, options.limit});

    output::Page page;
    page.query = text;
    page.database = options.db;
    page.offset = options.offset;
    page.limit = options.limit;
    page.matches_estimated = result.matches_estimated;
    page.matches_lower_bound = result.matches_lower_bound;
    page.matches_upper_bound = result.matches_upper_bound;
    results::SnippetMaker snippets(parsed.highlight_words, options.language);
    for (auto& hit : result.hits) {
      output::ShownHit shown;
      shown.title_highlights = snippets.highlight(hit.record.title);
      shown.snippets = snippets.make(hit.record);
      shown.hit = std::move(hit);
      page.hits.push_back(std::move(shown));
    }
    page.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();

    switch (options.format) {
      case OutputFormat::Human:
        if (page.matches_estimated == 0) {
          fmt::print(err, "newsdig-search: no articles match {}\n", text);
        } else {
          output::write_human(out, page,
                              {use_color(options.color, out_is_terminal), output_width(out_is_terminal)});
        }
        break;
      case OutputFormat::Json: output::write_json(out, page); break;
      case OutputFormat::Jsonl: output::write_jsonl(out, page); break;
    }
    out.flush();
    return result.matches_estimated > 0 ? kExitHits : kExitNoHits;
  } catch (const query::SyntaxError& e) {
    fmt::print(err, "newsdig-search: query error: {}\n{}\n", e.what(), pointed_query(text, e.column()));
  } catch (const store::StoreError& e) {
    fmt::print(err, "newsdig-search: {}\n", e.what());
  } catch (const std::exception& e) {
    fmt::print(err, "newsdig-search: error: {} (database {})\n", e.what(), options.db);
  }
  return kExitError;
}

}  // namespace newsdig::searcher
