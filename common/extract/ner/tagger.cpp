#include "common/extract/ner/tagger.hpp"

#include <limits>

namespace newsdig::extract::ner {
namespace {

constexpr float kImpossible = -1e30F;

}  // namespace

Transitions constrain(const Transitions& scores) {
  Transitions constrained = scores;
  for (int previous = 0; previous <= kLabels; ++previous) {
    for (int next = 0; next < kLabels; ++next) {
      if (!allowed_transition(previous, static_cast<Label>(next))) {
        constrained[static_cast<std::size_t>(previous * kLabels + next)] = kImpossible;
      }
    }
  }
  return constrained;
}

void viterbi(std::span<const float> emissions, const Transitions& transitions, std::span<Label> out,
             std::vector<std::uint8_t>& back) {
  const std::size_t count = out.size();
  if (count == 0) return;
  back.resize(count * kLabels);
  std::array<float, kLabels> best{};
  std::array<float, kLabels> next{};
  for (std::size_t y = 0; y < kLabels; ++y) {
    best[y] = transitions[static_cast<std::size_t>(kStart) * kLabels + y] + emissions[y];
  }
  for (std::size_t i = 1; i < count; ++i) {
    const float* emission = emissions.data() + i * kLabels;
    for (std::size_t y = 0; y < kLabels; ++y) {
      float top = -std::numeric_limits<float>::infinity();
      std::uint8_t from = 0;
      for (std::size_t p = 0; p < kLabels; ++p) {
        float score = best[p] + transitions[p * kLabels + y];
        if (score > top) {
          top = score;
          from = static_cast<std::uint8_t>(p);
        }
      }
      next[y] = top + emission[y];
      back[i * kLabels + y] = from;
    }
    best = next;
  }
  float top = -std::numeric_limits<float>::infinity();
  Label last = kOutside;
  for (std::size_t y = 0; y < kLabels; ++y) {
    float score = allowed_final(static_cast<Label>(y)) ? best[y] : best[y] + kImpossible;
    if (score > top) {
      top = score;
      last = static_cast<Label>(y);
    }
  }
  out[count - 1] = last;
  for (std::size_t i = count - 1; i > 0; --i) out[i - 1] = back[i * kLabels + out[i]];
}

Tagger::Tagger(const Model& model) : model_(model) {
  for (const Pass& pass : model.passes) {
    extractors_.emplace_back(model.lexicon, pass.groups);
    transitions_.push_back(constrain(pass.transitions));
  }
}

void Tagger::run_pass(std::size_t pass_index, const DocumentView& document, std::span<const Label> first_pass,
                      std::vector<Label>& labels) {
  const Pass& pass = model_.passes[pass_index];
  extractors_[pass_index].extract(document, first_pass, features_);
  const std::size_t count = document.words.size();
  emissions_.resize(count * kLabels);
  sums_.resize(kLabels);
  for (std::size_t i = 0; i < count; ++i) {
    std::fill(sums_.begin(), sums_.end(), 0);
    for (std::uint64_t key : features_.of(i)) {
      const std::int16_t* row = pass.find(key);
      if (row == nullptr) continue;
      for (std::size_t y = 0; y < kLabels; ++y) sums_[y] += row[y];
    }
    for (std::size_t y = 0; y < kLabels; ++y) {
      emissions_[i * kLabels + y] = static_cast<float>(sums_[y]) * pass.scale();
    }
  }
  labels.assign(count, kOutside);
  for (const Sentence& sentence : document.sentences) {
    std::span<const float> emissions(emissions_.data() + std::size_t{sentence.first} * kLabels,
                                     std::size_t{sentence.last - sentence.first} * kLabels);
    viterbi(emissions, transitions_[pass_index],
            std::span<Label>(labels.data() + sentence.first, sentence.last - sentence.first), back_);
  }
}

void Tagger::tag(const DocumentView& document, std::vector<Label>& labels) {
  if (model_.passes.size() == 1) {
    run_pass(0, document, {}, labels);
    return;
  }
  run_pass(0, document, {}, first_pass_);
  run_pass(1, document, first_pass_, labels);
}

}  // namespace newsdig::extract::ner
