#pragma once
// Article: what every reader produces, what extraction annotates and what the indexer stores,
// independent of Xapian. All strings are valid UTF-8 (readers decode and repair their input).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/analysis/sentences.hpp"

namespace newsdig {

// A value the input itself files the article under (Reuters-21578 TOPICS, EXCHANGES...). `field` is the
// name of a boolean field of common/schema.hpp (`topic`, `exchange`, `person`, `org`, `place`); readers
// only produce fields the schema has.
struct Tag {
  std::string field;
  std::string value;
};

enum class EntityType { Person, Org, Place, Misc };

// A named entity found in the article, after canonicalisation: every mention of one person is one Entity.
struct Entity {
  EntityType type = EntityType::Misc;
  std::string name;    // canonical display form ("Shinzo Abe")
  std::string key;     // case- and accent-folded form ("shinzo abe"): the term the field holds
  unsigned count = 0;  // mentions in title and body
};

// A date the article talks about, as a TIMEX3-style value.
struct DateMention {
  std::string value;        // "2014-09-21", "2014-09", "2014", "2014-W38"
  std::string text;         // as written ("Sept. 21, 2014", "last week")
  std::string field;        // "title" or "body"
  std::uint32_t start = 0;  // UTF-8 byte offsets into that field's text
  std::uint32_t end = 0;
};

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
  std::vector<Tag> tags;
  std::vector<Entity> entities;       // filled by common/extract
  std::vector<DateMention> mentions;  // filled by common/extract
  // The body's sentences (analysis::BodySentences::split), filled by the indexer and kept in the stored
  // record so snippets need not split text at search time; empty when not known (then split as needed).
  std::vector<analysis::SentenceSpan> sentences;
  // Input fields newsdig has no column for, kept verbatim in the stored record (JSON text for non-strings).
  std::vector<std::pair<std::string, std::string>> extra;
};

}  // namespace newsdig
