#pragma once
// Named entities of an article: people, organisations, places and other names (CoNLL-2003's PER, ORG,
// LOC, MISC) in its title and body, found by the built-in tagger, and the article's canonical entities with
// their counts and folded keys, for the person:, org:, place:, misc: and entity: fields. docs/entities.md
// describes the model, its measured accuracy and the canonical-name rules.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/article.hpp"

namespace newsdig::extract {

// One mention of an entity.
struct EntitySpan {
  EntityType type = EntityType::Misc;  // its entity's type (an acronym's long form takes the acronym's)
  std::string field;                   // "title" or "body"
  std::uint32_t start = 0;             // UTF-8 byte offsets in that field
  std::uint32_t end = 0;
  std::string text;       // the field's bytes [start, end): "Abe", "Prime Minister Shinzo Abe"
  std::string canonical;  // display name of its entity in this article: "Shinzo Abe"
};

// Not thread-safe (it keeps scratch buffers): make one per worker thread. Every instance shares the one
// model built into the library, read on first use; the model itself is immutable.
class EntityExtractor {
 public:
  // Reads the built-in model the first time. Throws std::runtime_error if it cannot be read (a broken
  // build: the library embeds common/extract/ner/model/ner.model).
  EntityExtractor();
  ~EntityExtractor();
  EntityExtractor(const EntityExtractor&) = delete;
  EntityExtractor& operator=(const EntityExtractor&) = delete;
  EntityExtractor(EntityExtractor&&) noexcept;
  EntityExtractor& operator=(EntityExtractor&&) noexcept;

  // Every entity mention of the title and the body, title first, each in text order. Within the article,
  // mentions of one entity share a canonical name: titles stripped from persons, a surname alone joins
  // the full name, a near-miss spelling joins the majority one, a long name joins its acronym. Never throws
  // for any UTF-8 (ill-formed bytes are treated as letters).
  std::vector<EntitySpan> find(const Article& article);

  // The article's entities for Article::entities: one per canonical name and type, with its mention count
  // and key = analysis::fold_key(name), most mentioned first (ties: first mentioned first). After them come
  // search aliases, marked by count 0: further keys that find an entity named `name` (a person's surname
  // "putin" for "Vladimir Putin", "shinzo abe" written "Abe", an acronym's long form). Index every entry's
  // key; show and facet only the entries with count > 0.
  std::vector<Entity> entities(const std::vector<EntitySpan>& spans);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdig::extract
