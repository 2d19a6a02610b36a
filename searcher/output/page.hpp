#pragma once
// One page of results as the output formats receive it: the hits with their snippets and title
// highlights already made, and the figures of the whole result.
#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/results/search.hpp"
#include "searcher/results/snippet.hpp"

namespace newsdig::output {

struct ShownHit {
  results::Hit hit;
  std::vector<results::Highlight> title_highlights;
  std::vector<results::Snippet> snippets;
};

struct Page {
  std::string query;
  std::string database;
  unsigned offset = 0;
  unsigned limit = 0;
  Xapian::doccount matches_estimated = 0;
  Xapian::doccount matches_lower_bound = 0;
  Xapian::doccount matches_upper_bound = 0;
  double elapsed_ms = 0;
  std::vector<ShownHit> hits;
};

}  // namespace newsdig::output
