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
  // Both passes' weight rows of one feature (kNoRow: the pass does not know it).
  static constexpr std::uint32_t kNoRow = 0xffffffffU;
  struct JointRows {
    std::uint32_t first = kNoRow;
    std::uint32_t second = kNoRow;
  };

  void run_pass(std::size_t pass, const DocumentView& document, std::span<const Label> first_pass,
                std::vector<Label>& labels);
  void tag_jointly(const DocumentView& document, std::vector<Label>& labels);
  void decode(std::size_t pass, const DocumentView& document, std::vector<Label>& labels);

  const Model& model_;
  std::vector<FeatureExtractor> extractors_;
  std::vector<Transitions> transitions_;
  // With two passes that read the same features but the first pass's labels, the features are made once
  // and each is looked up once for both passes in joint_ (see tag_jointly).
  bool joint_passes_ = false;
  KeyTable<JointRows> joint_;
  FeatureSet features_;
  FeatureSet first_pass_features_;
  std::vector<std::int32_t> sums_;         // per token and label: the weights of its features, summed
  std::vector<std::int32_t> second_sums_;  // the same in the second pass (tag_jointly)
  std::vector<float> emissions_;
  std::vector<const std::int16_t*> rows_;         // per key of features_: its weights in the pass decoded
  std::vector<const std::int16_t*> second_rows_;  // per key of features_: its weights in the second pass
  std::vector<Label> first_pass_;
  std::vector<std::uint8_t> back_;
};

}  // namespace newsdig::extract::ner
