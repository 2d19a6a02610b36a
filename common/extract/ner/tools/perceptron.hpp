#pragma once
// Training of one pass of the entity tagger: an averaged structured perceptron (Collins 2002) over
// whole sentences, with Viterbi decoding limited to well-formed BILOU sequences.
#include <cstdint>
#include <iosfwd>
#include <span>
#include <vector>

#include "common/extract/ner/lexicon.hpp"
#include "common/extract/ner/model.hpp"
#include "common/extract/ner/tools/conll.hpp"

namespace newsdig::extract::ner::tools {

struct TrainOptions {
  int epochs = 15;
  std::uint32_t min_count = 1;  // features seen fewer times in the training data are left out
  float prune = 0.0F;           // drop features whose largest weight is below this share of the largest
  std::uint64_t seed = 1;       // sentence order of each epoch
};

// The documents to learn from. Each document has its lexicon (so a gazetteer built from the training data
// can leave out the document's own fold) and, for a second pass, the first pass's labels.
struct TrainingSet {
  std::span<const LabelledDocument> documents;
  std::span<const Lexicon* const> lexicons;        // one per document
  std::span<const std::vector<Label>> first_pass;  // one per document, or empty
};

Pass train_pass(std::uint32_t groups, const TrainingSet& set, const TrainOptions& options, std::ostream& log);

// First-pass labels for every training document as an unseen text would get them: document d is in fold
// d % folds, and each fold is tagged by a first pass trained on the others (with the fold's lexicon).
std::vector<std::vector<Label>> jackknife_first_pass(std::uint32_t groups, const TrainingSet& set, int folds,
                                                     const TrainOptions& options, std::ostream& log);

}  // namespace newsdig::extract::ner::tools
