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
};

// The unique-id term of `id` (Q prefix; ids too long for a term are hashed).
std::string id_term(const std::string& id);

// Throws std::invalid_argument if the article has no id.
Xapian::Document build_document(const Article& article, analysis::Analyzer& analyzer,
                                const BuildOptions& options, BuildStats* stats = nullptr);

}  // namespace newsdig::store
