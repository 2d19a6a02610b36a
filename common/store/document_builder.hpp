#pragma once
// Article -> Xapian::Document, following common/schema.hpp: the terms of every field (through the common
// analyzer), the value slots and the stored record. The only place documents are made.
#include <cstddef>
#include <string>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "common/article.hpp"

namespace newsdig::store {

struct BuildStats {
  std::size_t words = 0;         // tokens indexed across all fields
  std::size_t dropped_long = 0;  // words over the term length limit
};

struct BuildOptions {
  std::string default_language = "en";  // for articles whose lang is empty
  // The input file the article was read from, its absolute canonical path (the archive, for an archive
  // member); empty for standard input. Becomes the XIN term; part of the content hash.
  std::string input;
  // Names what filled Article::entities and Article::mentions from the text ("" when nothing did): part of
  // the content hash in their place, since they are derived from what the hash covers.
  std::string annotation;
};

// The unique-id term of `id` (Q prefix; ids too long for a term are hashed).
std::string id_term(const std::string& id);

// The ContentHash value of what build_document(article, analyzer, options) gives: 16 bytes, xxHash3-128
// of every Article member that makes its terms and record except entities and mentions, of
// options.default_language, input and annotation, and of the schema version. Computed before extraction, it
// tells an incremental run that an article is unchanged without annotating or analysing it.
std::string content_hash(const Article& article, const BuildOptions& options);

// Throws std::invalid_argument if the article has no id. The document carries content_hash() in
// Slot::ContentHash and, when options.input is set, the XIN term.
Xapian::Document build_document(const Article& article, analysis::Analyzer& analyzer,
                                const BuildOptions& options, BuildStats* stats = nullptr);

}  // namespace newsdig::store
