#pragma once
// What the session draws: one hit as the one-shot human output draws it, the status line under a page,
// and an article in full for the pager (matches highlighted, its entities and dates listed).
#include <string>
#include <vector>

#include <xapian.h>

#include "common/article.hpp"
#include "searcher/output/human.hpp"
#include "searcher/output/page.hpp"
#include "searcher/results/search.hpp"
#include "searcher/results/snippet.hpp"

namespace newsdig::searcher::interactive {

// The hit as newsdig-search prints it (rank, title, date, source, snippets wrapped to style.width),
// followed by its blank line.
std::string render_hit(const output::ShownHit& hit, const output::HumanStyle& style);

// What the status line under a page says.
struct Status {
  Xapian::doccount matches = 0;
  bool exact = true;   // the count is exact, not an estimate
  unsigned first = 0;  // ranks shown, 1-based; 0 when none
  unsigned last = 0;
  double elapsed_ms = 0;
  results::SortOrder sort = results::SortOrder::Relevance;
  std::string since;  // date filters as typed; empty = none
  std::string until;
  std::string like;      // "like 3": the query is :like's
  bool more = false;     // hits after `last`
  bool earlier = false;  // pages before this one
};

// One line, no newline: "about 1234 hits, 1-4 | 12 ms | sort relevance | since 2014 | :n next page".
std::string status_line(const Status& status, bool color);

std::string_view sort_name(results::SortOrder sort);

// The whole article for the pager: title and metadata, the body's paragraphs wrapped to `width` with what
// `highlighter` (set to the query) marks, then its entities by kind and the dates it mentions.
std::string render_article(const Article& article, results::SnippetMaker& highlighter, unsigned width,
                           bool color);

// `text` wrapped greedily at spaces (anywhere in text without spaces) to `width` display columns, each
// line starting with `indent`, the `marks` (ascending byte ranges of `text`) in colour, or between **
// without colour. Ends with a newline.
std::string wrap_marked(std::string_view text, const std::vector<results::Highlight>& marks, unsigned width,
                        std::string_view indent, bool color);

}  // namespace newsdig::searcher::interactive
