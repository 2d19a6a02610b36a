#pragma once
// The stored record: what the searcher shows of a hit, kept as the Xapian document data.
//
// Every hit of every search reads one, so it is made to be read fast: a binary layout compressed with
// zstd, which decompresses faster than the zlib Xapian would otherwise apply to the data (zstd's output
// does not deflate further, so Xapian stores it as it is). Reading and parsing the JSON records of version
// 2 was a large share of a top-10 search.
//
// Encoding (version 4):
//   byte 0     kRecordVersion
//   bytes 1..  one zstd frame of the payload:
//     strings  id, title, source, dateline, date, url, lang, byline, origin  (each: varint length, bytes)
//     tags     varint count, then field and value strings
//     extra    varint count, then key and value strings (the input's fields newsdig has no column for)
//     entities varint count, then: type byte (p person, o org, l place, m misc), name, varint count,
//              key (empty when it is fold_key(name), as it almost always is)
//     mentions varint count, then: value, field byte (t title, b body), varint start, varint end: the
//              mention's text is the field's bytes between the offsets, not stored twice
//     body     varint length, bytes
//     sentences (version 4) varint count, then for each of the body's sentences in order: varint bytes
//              from the end of the one before (from 0 for the first) to its start, varint length. The
//              indexer splits the body once (analysis::BodySentences) so that snippets, which need the
//              sentences of every hit, never run ICU's sentence rules at search time.
//   Varints are LEB128 (7 bits a byte, low first).
// Records of version 3 (no sentences) are read too: their Article::sentences is empty.
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"

namespace newsdig::store {

inline constexpr unsigned char kRecordVersion = 4;
inline constexpr unsigned char kOldestRecordVersion = 3;  // the oldest version decode_record reads

// The record of `article`, with its Article::sentences, or with `sentences` (spans into its body, in order;
// std::invalid_argument if they are not).
std::string encode_record(const Article& article);
std::string encode_record(const Article& article, const std::vector<analysis::SentenceSpan>& sentences);

// Throws std::runtime_error (naming what is wrong) if `data` is not a record of a version it reads
// (kOldestRecordVersion to kRecordVersion) or is damaged.
Article decode_record(std::string_view data);

}  // namespace newsdig::store
