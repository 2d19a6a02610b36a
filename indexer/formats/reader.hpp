#pragma once
// What a format reader receives and what it hands back. Readers turn one input (a file, an archive member,
// standard input) into Articles; they know nothing of Xapian. Every problem with one article is a value
// (a Diagnostic) handed to the sink, never an exception, so the run goes on.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"

namespace newsdig::formats {

// One input as the sources hand it over.
struct Input {
  std::string_view bytes;  // the whole content, any bytes (readers repair UTF-8)
  std::string origin;      // shown in diagnostics and stored: "corpus/seeds/a.txt", "-" for stdin
  std::string id_base;     // stable id root for articles without their own id ("corpus/seeds/a.txt")
  // Line number of the first line of `bytes`: above 1 when the input stage cut a long input into pieces
  // (at record ends), so line numbers in origins, ids and diagnostics stay those of the whole input.
  std::uint64_t first_line = 1;
};

// What a reader may be told besides the input (command-line settings of newsdig-index).
struct ReaderSettings {
  // CSV/TSV column names in order, for files without a header row (--columns title,body,...): an Article
  // field (id, title, body, date, source, url, lang, byline, dateline), a tag field (topic, exchange,
  // person, org, place), "-" or "" for a column to leave out, anything else an extra field. Empty: the
  // first row is the header.
  std::vector<std::string> csv_columns;
  // CSV field delimiter; '\0' = by format: ',' for csv (';' or tab when the first line has more of those),
  // tab for tsv.
  char csv_delimiter = '\0';
};

// A problem tied to a place in an input. line is 1-based; 0 means the input as a whole.
struct Diagnostic {
  std::string origin;
  std::uint64_t line = 0;
  std::string message;
};

// "origin:line: severity: message" ("feed.jsonl:3: error: malformed JSON (...)"), "origin: severity: message"
// when line is 0; an empty severity is left out.
std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view severity);

class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  // A complete article (title or body non-empty, id and origin set, valid UTF-8).
  virtual void article(Article article) = 0;
  // An article, or a whole input, that could not be indexed; the message is the reason.
  virtual void skip(Diagnostic diagnostic) = 0;
  // Something repaired or ignored while the article was still indexed (bad bytes replaced, bad date).
  virtual void warn(Diagnostic diagnostic) = 0;
};

}  // namespace newsdig::formats
