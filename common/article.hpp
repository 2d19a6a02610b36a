#pragma once
// Article: what every reader produces and what the indexer stores, independent of Xapian.
// All strings are valid UTF-8 (readers repair input through analysis::repair_utf8).
#include <string>
#include <utility>
#include <vector>

namespace newsdig {

struct Article {
  std::string id;  // stable id: the input's own, else derived from where it came from
  std::string title;
  std::string body;      // paragraphs separated by a blank line ("\n\n")
  std::string source;    // agency or publisher as written ("Kyodo, JIJI")
  std::string dateline;  // place of the dateline ("TOKYO"), without the dash
  std::string date;  // publication date, ISO 8601 ("2014-09-22" or "2014-09-22T10:00:00Z"); empty = unknown
  std::string url;
  std::string lang;  // ISO 639-1 code; empty = the indexer's default
  std::string byline;
  std::string origin;  // where it was read: "corpus/seeds/a.txt", "feed.jsonl:12"
  // Input fields newsdig has no column for, kept verbatim in the stored record (JSON text for non-strings).
  std::vector<std::pair<std::string, std::string>> extra;
};

}  // namespace newsdig
