#pragma once
// Plain-text news files shaped like scraped web articles: the headline on the first non-blank line, then
// paragraphs separated by blank lines. The line rules of text_rules.hpp drop repeated headlines and site
// boilerplate and take an agency line as the source and a "TOKYO - " dateline as the dateline.
#include "indexer/formats/reader.hpp"

namespace newsdig::formats {

// One article per input; id = input.id_base. An input with no words becomes a skip ("empty article").
void read_text(const Input& input, ArticleSink& sink);

}  // namespace newsdig::formats
