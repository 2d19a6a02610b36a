#pragma once
// JSON Lines: one article per line, an object with `id`, `title`, `body`, `date` (ISO 8601, or another
// form util::parse_pubdate reads), `source`, `url`, `lang`, `byline`; `title` or `body` is required; other
// fields go to Article::extra. Blank lines are ignored; a malformed line is skipped with its line number and
// the lines around it are still read.
#include "indexer/formats/reader.hpp"

namespace newsdig::formats {

// Each line's origin is "<input.origin>:<line>"; articles without an `id` get "<id_base>#<line>".
// Known fields: a string is taken trimmed, a number as its JSON text, null as absent; an object, array or
// boolean skips the line. `date` is stored in util::to_iso8601 form; one that does not parse is warned
// about and left empty. `lang` is lower-cased to its primary subtag ("en-US" -> "en"); one that is not a
// 2-3 letter code is warned about and left empty. Other fields go to Article::extra in line order, strings
// as they are and anything else as JSON text. Skipped with a reason: malformed JSON, a line that is not an
// object, one nested deeper than 64 levels, one with neither title nor body. Invalid UTF-8 in a line is
// repaired with a warning for that line; input that is not UTF-8 at all (Latin-1...) is converted as a
// whole (decode.hpp).
// `body` (and `body-paragraphs`, `paragraphs`) may also be an array of strings, nested or not: each string
// is a paragraph.
// A .json file that is one pretty-printed document is read as such: an object is one article (id
// input.id_base when it has none, origin input.origin), an array one article per object element (id
// "<id_base>#<n>", origin "<origin>#<n>", diagnostics "element n: ..."). Never throws but std::bad_alloc.
void read_jsonl(const Input& input, ArticleSink& sink);

}  // namespace newsdig::formats
