#include "searcher/results/search.hpp"

#include <stdexcept>

#include "common/store/record.hpp"

namespace newsdig::results {

SearchResult search(const Xapian::Database& database, const SearchRequest& request) {
  SearchResult result;
  try {
    Xapian::Enquire enquire(database);
    enquire.set_query(request.query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    // Ask for enough hits to know the count exactly on small results.
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, 100);
    result.matches_estimated = mset.get_matches_estimated();
    result.matches_lower_bound = mset.get_matches_lower_bound();
    result.matches_upper_bound = mset.get_matches_upper_bound();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.rank = it.get_rank() + 1;  // get_rank() already counts the offset
      hit.docid = *it;
      hit.score = it.get_weight();
      hit.record = store::decode_record(it.get_document().get_data());
      result.hits.push_back(std::move(hit));
    }
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("search failed: " + e.get_description());
  }
  return result;
}

}  // namespace newsdig::results
