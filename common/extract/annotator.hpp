#pragma once
// Everything extraction adds to an article before it is indexed: its named entities (with canonical
// names, counts and search aliases) and the dates it talks about, resolved against its publication date.
#include "common/article.hpp"
#include "common/extract/dates/date_tagger.hpp"
#include "common/extract/ner/entity_extractor.hpp"

namespace newsdig::extract {

// Not thread-safe (the entity extractor keeps scratch buffers): one per worker thread.
class Annotator {
 public:
  // Throws std::runtime_error when the built-in entity model cannot be read (a broken build).
  Annotator() = default;

  // Replaces article.entities and article.mentions with what title and body say. Never throws for any
  // article text (std::bad_alloc aside).
  void annotate(Article& article);

 private:
  EntityExtractor entities_;
  DateTagger dates_;
};

}  // namespace newsdig::extract
