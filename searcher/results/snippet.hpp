#pragma once
// Snippets: the whole sentences of an article that best match the query, with the matched words marked.
// Words are matched through the common analyzer (a text word matches a query word when their stems are
// equal, or their normalized forms for words that are not stemmed), so what is highlighted is what
// the index matched.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "common/analysis/sentences.hpp"
#include "common/article.hpp"

namespace newsdig::results {

struct Highlight {
  std::uint32_t begin = 0;  // byte offsets into the text they belong to
  std::uint32_t end = 0;
};

struct Snippet {
  std::string text;                   // one or more sentences, "…" where a long sentence was cut
  std::vector<Highlight> highlights;  // ascending, not overlapping
};

struct SnippetOptions {
  unsigned max_snippets = 2;  // sentences (or sentence windows) per hit
  unsigned max_bytes = 320;   // a longer sentence is cut to a window around its matches
};

class SnippetMaker {
 public:
  // `words`: ParsedQuery::highlight_words; `language`: the query's stemming language.
  SnippetMaker(std::vector<std::string> words, std::string language);

  // The best sentences of the article's body (its first sentences when no word matches, so a hit always
  // shows some text). Empty only when the body is empty.
  std::vector<Snippet> make(const Article& article, const SnippetOptions& options = {});

  // Where the query words occur in `text` (for titles).
  std::vector<Highlight> highlight(std::string_view text);

 private:
  bool matches(const analysis::Token& token);

  std::vector<std::string> words_;
  std::vector<std::string> stems_;
  std::string language_;
  analysis::Analyzer analyzer_;
  analysis::SentenceSplitter sentences_;
};

// Converts byte-offset highlights of `text` to code-point offsets (for JSON consumers).
std::vector<Highlight> to_code_points(std::string_view text, const std::vector<Highlight>& highlights);

}  // namespace newsdig::results
