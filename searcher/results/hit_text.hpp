#pragma once
// The text a page shows of its hits: each headline's highlights and each body's snippets, made on
// several threads at once. Snippets are the largest part of a search's time once the hits are found (on
// the Reuters financial archive, 0.43 ms of a 1.4 ms top-10 query), and each hit's are independent of the
// others', so a page's hits are shared among the cores: the latency a reader waits for falls, while the
// work stays the same.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/results/query_terms.hpp"
#include "searcher/results/search.hpp"
#include "searcher/results/snippet.hpp"

namespace newsdig::results {

struct HitText {
  std::vector<Highlight> title;   // what matched in the headline
  std::vector<Snippet> snippets;  // the body's best sentences
};

class HitTextMaker {
 public:
  // Up to `threads` threads (0: one per core, at most kMaxThreads), including the caller's.
  explicit HitTextMaker(unsigned threads = 0);
  ~HitTextMaker();
  HitTextMaker(const HitTextMaker&) = delete;
  HitTextMaker& operator=(const HitTextMaker&) = delete;

  static constexpr unsigned kMaxThreads = 4;

  // As SnippetMaker::set_query, for every thread's SnippetMaker (the database is read here, once, on the
  // caller's thread only: a Xapian::Database is not to be used by two threads at once).
  void set_query(const QueryTerms& terms, const std::string& language, const Xapian::Database* database);

  // The text of each hit, in the order of `hits`. Reads only the hits' records, decoding those that come
  // encoded (Hit::data) in place. On the caller's thread, first `read` (if given) is called for each hit in
  // order, to fill in its Hit::data, while the other threads make the text of the hits already read; then
  // `alongside` (if given) runs; then the caller joins the others. Neither may touch the hits' records
  // but through `read`.
  std::vector<HitText> make(std::vector<Hit>& hits, const SnippetOptions& options,
                            const std::function<void()>& alongside = {},
                            const std::function<void(Hit&)>& read = {});

  // The caller's thread's SnippetMaker, set to the last query (the article view highlights with it).
  SnippetMaker& snippets();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdig::results
