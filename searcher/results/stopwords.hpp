#pragma once
// The words a query may hold that say nothing about its subject ("the", "what", "of"): Snowball's English
// stop list. Any-word ranking leaves them out, and snippets do not mark them on their own.
#include <string_view>

namespace newsdig::results {

// True when `stem` is the English stem of a stopword (the terms the query parser makes for them), for
// `language` English (ISO 639-1); every stem of other languages is false: only English has a list.
bool is_stopword_stem(std::string_view stem, std::string_view language);

}  // namespace newsdig::results
