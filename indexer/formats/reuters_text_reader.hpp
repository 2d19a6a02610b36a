#pragma once
// The text layout of Reuters news pages as crawled into dated folders (the "ReutersNews106521" financial
// news set: YYYYMMDD/<slug>): a header of four "-- " lines (headline, byline, date and time, URL), then
// the body, hard-wrapped, whose first paragraph opens with a "CITY (Reuters) - " dateline.
#include <string_view>

#include "indexer/formats/reader.hpp"

namespace newsdig::formats {

// Whether `text` (the start of an input) begins with that header: four lines starting "--", the first
// "-- " and a headline, the fourth "-- http". Never throws.
bool looks_like_reuters_text(std::string_view text);

// One article per input; id = input.id_base, origin = input.origin.
//   title   header line 1; byline: line 2 without "By" ("Eric Auchard and Paul Thomasch"); url: line 4
//   date    line 3 ("Fri Oct 20, 2006 6:15pm EDT" -> "2006-10-20T18:15:00-04:00"); one that does not
//           parse is warned about and left out (no date is made up from the folder or the file)
//   dateline, source  from "ANCHORAGE, Alaska  (Reuters) - " in the first lines of the body: the place
//           ("ANCHORAGE, Alaska", a trailing date like ", Oct 23" dropped) and the agency ("Reuters");
//           editor's notes before it ("(Adds analyst comment)") stay as a paragraph, a "By ..." before it
//           becomes the byline when the header had none
//   body    paragraphs: a blank line or a line indented by two spaces starts one, and so does a run of
//           two or more spaces after . ? ! " ' before a capital, digit, quote or parenthesis (the
//           crawler joined such paragraphs into one line), or after an all-capitals subheading; wrapped
//           lines are joined and runs of spaces collapsed
// An input without the header is read as body only, with a warning; one with neither title nor body
// words is skipped ("empty article"). Any encoding (decode.hpp). Never throws but std::bad_alloc.
void read_reuters_text(const Input& input, ArticleSink& sink);

}  // namespace newsdig::formats
