#pragma once
// Plain-text news files shaped like scraped web articles: the headline on the first non-blank line, then
// paragraphs separated by blank lines. The line rules of text_rules.hpp drop repeated headlines and site
// boilerplate and take an agency line as the source and a "TOKYO - " dateline as the dateline.
#include "indexer/formats/reader.hpp"

namespace newsdig::formats {

// One article per input; id = input.id_base, origin = input.origin; date and lang are left empty.
// Text in any encoding is decoded (decode.hpp: Latin-1, Windows-1252, UTF-16 with a byte order mark...);
// bytes that cannot be decoded become U+FFFD with one warning for the input ("replaced N invalid UTF-8
// sequences (first on line L)"); LF, CRLF and CR line ends and a byte order mark are accepted. Lines of one
// paragraph are joined by a space, paragraphs by "\n\n". An input with no words becomes a skip ("empty
// article"). Never throws but std::bad_alloc.
void read_text(const Input& input, ArticleSink& sink);

}  // namespace newsdig::formats
