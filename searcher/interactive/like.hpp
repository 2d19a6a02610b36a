#pragma once
// `:like N`: articles like one article, by Xapian relevance feedback. The article alone is the relevant
// set (Xapian::RSet); the expand set (Enquire::get_eset) names the word stems that best tell it apart
// from the collection (its words, where its language has no stemmer); their weighted OR, without the
// article itself, is the query.
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdig::searcher::interactive {

struct LikeQuery {
  Xapian::Query query;
  std::vector<std::string> words;  // the stems chosen, best first (for the user)
};

// Throws std::runtime_error when no article has the id `article_id` in `database`, or when it has no
// words to go by; what Xapian throws otherwise.
LikeQuery like_query(const Xapian::Database& database, const std::string& article_id, unsigned terms = 20);

}  // namespace newsdig::searcher::interactive
