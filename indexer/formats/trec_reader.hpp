#pragma once
// TREC SGML, as in the TREC news collections (AP, WSJ, FT, LA Times, FBIS...): <DOC> elements, each with
// <DOCNO>, a headline, a date and <TEXT>; the tag set varies by collection, so the reader knows the
// usual names of each field.
#include "indexer/formats/reader.hpp"

namespace newsdig::formats {

// Each <DOC> becomes one article:
//   id       DOCNO, trimmed ("AP880212-0001")
//   origin   "<input.origin>:<line of <DOC>>"
//   title    the first of HEADLINE, HL, HEAD, TI, TITLE, H3 (tags inside dropped, white space collapsed)
//   date     the first of DATE, DD, DATE1, in util::parse_pubdate forms ("940101", "January 1, 1989,
//            Sunday, Home Edition", "02/26/87"); one that does not parse is warned about and left out
//   byline   BYLINE or AU; dateline DATELINE's place; source SO or SOURCE
//   body     LP (a lead paragraph) then every TEXT, in order: <P> elements and blank or indented lines
//            start paragraphs, wrapped lines are joined
// Element names are upper case, as the collections write them. Skipped with their line: a DOC without
// DOCNO, one whose </DOC> is missing (the next DOC is still read), one with neither title nor body
// words. An input with no <DOC> element is skipped as a whole. Character references are decoded; the
// input may be in any encoding (decode.hpp). Never throws but std::bad_alloc.
void read_trec(const Input& input, ArticleSink& sink);

}  // namespace newsdig::formats
