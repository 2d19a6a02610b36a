#pragma once
// JSON Lines: one article per line, an object with `id`, `title`, `body`, `date` (ISO 8601 date or
// date-time), `source`, `url`, `lang`, `byline`; `title` or `body` is required; other fields go to
// Article::extra. Blank lines are ignored; a malformed line is skipped with its line number and the
// lines around it are still read.
#include "indexer/formats/reader.hpp"

namespace newsdig::formats {

// Articles without an `id` get "<id_base>#<line>".
void read_jsonl(const Input& input, ArticleSink& sink);

}  // namespace newsdig::formats
