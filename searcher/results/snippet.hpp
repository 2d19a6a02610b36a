#pragma once
// Snippets: the sentences of an article that best match the query, with exactly what matched marked.
// Text is matched through the common analyzer against the terms of the query itself (query_terms.hpp):
// a stem term marks every word of that stem as written ("sanctions" for `sanction`), a phrase is marked
// as one unit and only where its words stand in order, a field's term only in that field (`title:apec`
// marks the headline, not the body), and a negated word never. A lone stopword of the query ("the" in an
// --any query) is not marked while the query has other words. Fragments are whole sentences (ICU), a
// long one cut to a window of whole words; a leading dateline ("TOKYO (Reuters) - ") and boilerplate
// sentences ("(Reporting by ...)", "Reuter") are never shown.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "common/analysis/sentences.hpp"
#include "common/article.hpp"
#include "searcher/results/query_terms.hpp"

namespace newsdig::results {

struct Highlight {
  std::uint32_t begin = 0;  // byte offsets into the text they belong to
  std::uint32_t end = 0;
};

struct Snippet {
  std::string text;                   // one sentence, "…" where a long sentence was cut
  std::vector<Highlight> highlights;  // ascending, not overlapping
};

struct SnippetOptions {
  unsigned max_snippets = 2;  // fragments per hit
  unsigned max_bytes = 320;   // a longer sentence is cut to a window around its matches
};

class SnippetMaker {
 public:
  // Makes the ICU iterators once: keep one SnippetMaker for many queries and call set_query() for each.
  // Throws std::runtime_error if ICU cannot create them (broken ICU data).
  SnippetMaker();
  // The same, then set_query().
  SnippetMaker(QueryTerms terms, std::string language, const Xapian::Database* database = nullptr);
  ~SnippetMaker();
  SnippetMaker(const SnippetMaker&) = delete;
  SnippetMaker& operator=(const SnippetMaker&) = delete;

  // `terms`: what the query matches; `language`: for articles that do not name theirs (the indexer's
  // default). With a database (which must outlive the calls that follow), a sentence's words count by
  // their rarity (idf) when sentences are ranked.
  void set_query(QueryTerms terms, std::string language, const Xapian::Database* database = nullptr);
  // The query `other` was last set to, weights included, without reading the database again: for a
  // SnippetMaker of another thread.
  void set_query_like(const SnippetMaker& other);

  // Up to options.max_snippets fragments of the body, best first by the rarity of the query words they
  // hold, shown in article order; the lead sentence when nothing in the body matches, so a hit always
  // shows some text. Empty only when the body has no sentence that is not boilerplate.
  std::vector<Snippet> make(const Article& article, const SnippetOptions& options = {});

  // What matched in the headline (all-text and title: terms).
  std::vector<Highlight> highlight_title(const Article& article);

  // What terms of `area` (and all-text terms, unless area is Source, Byline or Dateline) match in `text`,
  // stemmed as `language`.
  std::vector<Highlight> highlight(std::string_view text, TextArea area, std::string_view language);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Bytes to pass over at the start of a body's first sentence for its dateline ("TOKYO (Reuters) - ",
// "WASHINGTON, Sept 22 - ", "BERLIN—"), 0 when it has none.
std::size_t dateline_length(std::string_view sentence);

// True for sentences that are wire boilerplate rather than news: "Reuter", "(Reporting by ...)",
// "(Editing by ...)", copyright and "Click here" lines.
bool is_boilerplate(std::string_view sentence);

}  // namespace newsdig::results
