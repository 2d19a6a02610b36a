#pragma once
// Reuters-21578 SGML (David D. Lewis' distribution of 1987 Reuters newswire): one file holds many
// <REUTERS NEWID="..."> elements, each with DATE, the category lists TOPICS, PLACES, PEOPLE, ORGS and
// EXCHANGES (<D> items), and TEXT holding TITLE, AUTHOR, DATELINE and BODY (TYPE="BRIEF": a title only;
// TYPE="UNPROC": raw text only).
#include "indexer/formats/reader.hpp"

namespace newsdig::formats {

// Each element becomes one article:
//   id      "reuters21578:<NEWID>" (NEWID is unique across the collection; stable whatever the file name)
//   origin  "<input.origin>:<line of <REUTERS>>"
//   title   TITLE (white space collapsed; for UNPROC, the first line of the text)
//   body    BODY: paragraphs kept (a blank or indented line starts one), wrapped lines joined, the
//           "Reuter"/"REUTER" sign-off and the wire's control references (&#2; &#3;) dropped
//   date    DATE in ISO 8601 without zone ("1987-02-26T15:01:01"); a DATE whose time is unreadable keeps
//           its day, with a warning; one that does not parse at all is warned about and left out
//   dateline DATELINE's place ("SALVADOR"); byline AUTHOR without "By" and ", Reuters"; source "Reuters"
//   tags    TOPICS -> topic, PLACES -> place, PEOPLE -> person, ORGS -> org, EXCHANGES -> exchange
//   extra   lewissplit, cgisplit, oldid (the attributes the standard splits use)
// Skipped with their line: an element without NEWID, one whose end tag is missing (the next element is
// still read), one with neither title nor body words ("empty article"). An input with no <REUTERS>
// element at all is skipped as a whole. Character references are decoded; the input may be in any
// encoding (decode.hpp). Never throws but std::bad_alloc.
void read_reuters21578(const Input& input, ArticleSink& sink);

}  // namespace newsdig::formats
