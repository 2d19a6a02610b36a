#pragma once
// Decoding with a Model: features -> a score per token and label -> Viterbi over each sentence, limited
// to well-formed BILOU sequences. When the model has a second pass, it reads the first pass's labels.
#include <array>
#include <span>
#include <vector>

#include "common/extract/ner/features.hpp"
#include "common/extract/ner/labels.hpp"
#include "common/extract/ner/model.hpp"

namespace newsdig::extract::ner {

using Transitions = std::array<float, (kLabels + 1) * kLabels>;

// `scores` with ill-formed BILOU transitions made impossible.
Transitions constrain(const Transitions& scores);

// The best labels for one sentence: emissions[i * kLabels + y] is token i's score for label y;
// `transitions` comes from constrain(). `back` is scratch space.
void viterbi(std::span<const float> emissions, const Transitions& transitions, std::span<Label> out,
             std::vector<std::uint8_t>& back);

// Not thread-safe (scratch buffers): one per thread; the model must outlive it.
class Tagger {
 public:
  explicit Tagger(const Model& model);

  // One label per token of `document`.
  void tag(const DocumentView& document, std::vector<Label>& labels);

 private:
  void run_pass(std::size_t pass, const DocumentView& document, std::span<const Label> first_pass,
                std::vector<Label>& labels);

  const Model& model_;
  std::vector<FeatureExtractor> extractors_;
  std::vector<Transitions> transitions_;
  FeatureSet features_;
  std::vector<float> emissions_;
  std::vector<std::int32_t> sums_;
  std::vector<Label> first_pass_;
  std::vector<std::uint8_t> back_;
};

}  // namespace newsdig::extract::ner
