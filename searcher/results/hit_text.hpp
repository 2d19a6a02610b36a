#pragma once
// The text a page shows of its hits: each headline's highlights and each body's snippets, made on
// several threads at once. Snippets are the largest part of a search's time once the hits are found, and
// each hit's are independent of the others', so a page's hits are shared among the cores: the latency a
// reader waits for falls, while the work stays the same.
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

  // The text of each hit, in the order of `hits`. With `unread_from`, the hits were searched with
  // SearchRequest::read_hits false: their records and story facts are read from that database here, on the
  // caller's thread (a Xapian::Database is never used by two threads at once), the records one by one
  // while the other threads make the text of the hits already read, then the story facts. Throws
  // std::runtime_error when Xapian fails or a record is damaged.
  std::vector<HitText> make(std::vector<Hit>& hits, const SnippetOptions& options,
                            const Xapian::Database* unread_from = nullptr);

  // The caller's thread's SnippetMaker, set to the last query (the article view highlights with it).
  SnippetMaker& snippets();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdig::results
