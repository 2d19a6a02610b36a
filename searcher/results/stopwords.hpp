#pragma once
// The words a query may hold that say nothing about its subject ("the", "what", "of"): Snowball's English
// stop list. Any-word ranking leaves them out, and snippets do not mark them on their own.
#include <string_view>

namespace newsdig::results {

// True when `word` (a normalized, unstemmed word) is a stopword of `language` (ISO 639-1). Only English
// has a list; every word of other languages is false.
bool is_stopword(std::string_view word, std::string_view language);

// True when `stem` is the English stem of a stopword (the Z terms the query parser makes for them).
bool is_stopword_stem(std::string_view stem, std::string_view language);

}  // namespace newsdig::results
