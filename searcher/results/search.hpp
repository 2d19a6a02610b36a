#pragma once
// Running a parsed query against a database: BM25 ranking, paging, and the stored records of the hits.
#include <string>
#include <vector>

#include <xapian.h>

#include "common/article.hpp"

namespace newsdig::results {

struct SearchRequest {
  Xapian::Query query;
  unsigned offset = 0;
  unsigned limit = 10;
};

struct Hit {
  unsigned rank = 0;  // 1-based, counting from the first hit of the whole result (offset included)
  Xapian::docid docid = 0;
  double score = 0;
  Article record;
};

struct SearchResult {
  std::vector<Hit> hits;
  Xapian::doccount matches_estimated = 0;
  Xapian::doccount matches_lower_bound = 0;
  Xapian::doccount matches_upper_bound = 0;
};

// Throws std::runtime_error naming the database when Xapian fails (including a damaged stored record).
SearchResult search(const Xapian::Database& database, const SearchRequest& request);

}  // namespace newsdig::results
