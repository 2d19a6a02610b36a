#pragma once
// CoNLL-2003 files (one "TOKEN POS CHUNK NER" line per token, IOB1 tags, blank lines between sentences,
// -DOCSTART- lines between articles) as documents for training and evaluating the entity tagger.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/extract/ner/features.hpp"
#include "common/extract/ner/labels.hpp"

namespace newsdig::extract::ner::tools {

struct LabelledDocument {
  std::vector<std::string> words;
  std::vector<std::string_view> views;  // views of `words`, for DocumentView
  std::vector<Sentence> sentences;
  std::vector<TokenSpan> gold;  // token indexes within the document
  std::vector<Label> labels;    // gold as BILOU labels

  DocumentView view() const { return {views, sentences}; }
};

// Throws std::runtime_error ("path:line: message") for a file that cannot be read or a malformed line.
std::vector<LabelledDocument> read_conll(const std::filesystem::path& path);

}  // namespace newsdig::extract::ner::tools
