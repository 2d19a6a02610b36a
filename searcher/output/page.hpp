#pragma once
// One page of results as the output formats receive it: the hits with their snippets and title
// highlights already made, the figures of the whole result, its facets and timeline.
#include <optional>
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
  unsigned query_number = 0;  // 1-based in --batch mode, 0 for a single query
  std::string qid;            // query id (trec output; --batch lines may name theirs)
  unsigned offset = 0;
  unsigned limit = 0;
  Xapian::doccount matches_estimated = 0;
  Xapian::doccount matches_lower_bound = 0;
  Xapian::doccount matches_upper_bound = 0;
  double elapsed_ms = 0;
  std::vector<ShownHit> hits;
  std::vector<results::FacetCounts> facets;
  std::optional<results::Timeline> timeline;
  std::vector<std::string> expansion_terms;  // --expand: stems the feedback added
  // Query advice (searcher/query/advice.hpp); JSON keys only when non-empty.
  std::vector<std::string> notices;         // a wildcard cut short, what --lenient ignored
  std::vector<std::string> suggestions;     // "did you mean": the corrected query
  std::vector<std::string> zero_hit_terms;  // no hits: the parts of the query that match nothing
  std::string fallback;                     // "any": the query found nothing; the hits are its --any form's
  // --allow-partial: the shards that did not answer (JSON "partial": true and "missing_shards").
  std::vector<std::string> missing_shards;
};

}  // namespace newsdig::output
