#include "common/extract/ner/tagger.hpp"

#include <algorithm>
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
  // Only the transitions BILOU allows are compared (about a third): after the first token every label has
  // an allowed predecessor with a finite score, which an impossible one (kImpossible added) never beats, so
  // the best paths are the ones a comparison with every predecessor finds.
  std::array<std::array<std::uint8_t, kLabels>, kLabels> allowed{};
  std::array<std::size_t, kLabels> allowed_count{};
  for (std::size_t y = 0; y < kLabels; ++y) {
    for (std::size_t p = 0; p < kLabels; ++p) {
      if (transitions[p * kLabels + y] > kImpossible / 2)
        allowed[y][allowed_count[y]++] = static_cast<std::uint8_t>(p);
    }
  }
  for (std::size_t i = 1; i < count; ++i) {
    const float* emission = emissions.data() + i * kLabels;
    for (std::size_t y = 0; y < kLabels; ++y) {
      float top = -std::numeric_limits<float>::infinity();
      std::uint8_t from = 0;
      for (std::size_t k = 0; k < allowed_count[y]; ++k) {
        const std::size_t p = allowed[y][k];
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

namespace {

// Adds the weight rows of one token's keys (null rows: features the pass does not know) to its integer
// sums; to_emissions() scales them once summed, so the order keys are added in changes nothing.
void add_rows(const FeatureSet& features, std::size_t token, std::span<const std::int16_t* const> rows,
              std::vector<std::int32_t>& sums) {
  std::int32_t* out = sums.data() + token * kLabels;
  for (std::size_t k = features.offsets[token]; k < features.offsets[token + 1]; ++k) {
    const std::int16_t* row = rows[k];
    if (row == nullptr) continue;
    for (std::size_t y = 0; y < kLabels; ++y) out[y] += row[y];
  }
}

void to_emissions(const std::vector<std::int32_t>& sums, float scale, std::vector<float>& emissions) {
  emissions.resize(sums.size());
  for (std::size_t i = 0; i < sums.size(); ++i) emissions[i] = static_cast<float>(sums[i]) * scale;
}

const std::int16_t* prefetched(const std::int16_t* row) {
  if (row != nullptr) __builtin_prefetch(row);
  return row;
}

// Looks every key of `features` up with find(k, key), prefetching the slots of the keys kAhead further on,
// and calls sum(token) one token after that token's keys were found (find prefetches the rows it finds): the
// cache misses of the weight table and of its rows overlap instead of coming one after another.
template <class Table, class Find, class Sum>
void find_and_sum(const Table& table, const FeatureSet& features, Find&& find, Sum&& sum) {
  constexpr std::size_t kAhead = 16;
  const std::span<const std::uint64_t> keys(features.keys);
  for (std::size_t k = 0; k < std::min(kAhead, keys.size()); ++k) table.prefetch(keys[k]);
  const std::size_t count = features.offsets.size() - 1;
  for (std::size_t token = 0; token < count; ++token) {
    for (std::size_t k = features.offsets[token]; k < features.offsets[token + 1]; ++k) {
      if (k + kAhead < keys.size()) table.prefetch(keys[k + kAhead]);
      find(k, keys[k]);
    }
    if (token > 0) sum(token - 1);
  }
  if (count > 0) sum(count - 1);
}

}  // namespace

Tagger::Tagger(const Model& model) : model_(model) {
  for (const Pass& pass : model.passes) {
    extractors_.emplace_back(model.lexicon, pass.groups);
    transitions_.push_back(constrain(pass.transitions));
  }
  const auto& passes = model.passes;
  joint_passes_ = passes.size() == 2 && (passes[0].groups & kFirstPassFeatures) == 0 &&
                  passes[1].groups == (passes[0].groups | kFirstPassFeatures);
  if (joint_passes_) {
    joint_.reserve(passes[0].features() + passes[1].features());
    passes[0].for_each_feature([&](std::uint64_t key, std::uint32_t row) {
      joint_.insert(key, {row, kNoRow});
    });
    passes[1].for_each_feature([&](std::uint64_t key, std::uint32_t row) {
      const JointRows* found = joint_.find(key);
      joint_.insert(key, {found != nullptr ? found->first : kNoRow, row});
    });
  }
}

void Tagger::decode(std::size_t pass_index, const DocumentView& document, std::vector<Label>& labels) {
  labels.assign(document.words.size(), kOutside);
  for (const Sentence& sentence : document.sentences) {
    std::span<const float> emissions(emissions_.data() + std::size_t{sentence.first} * kLabels,
                                     std::size_t{sentence.last - sentence.first} * kLabels);
    viterbi(emissions, transitions_[pass_index],
            std::span<Label>(labels.data() + sentence.first, sentence.last - sentence.first), back_);
  }
}

void Tagger::run_pass(std::size_t pass_index, const DocumentView& document, std::span<const Label> first_pass,
                      std::vector<Label>& labels) {
  const Pass& pass = model_.passes[pass_index];
  extractors_[pass_index].extract(document, first_pass, features_);
  rows_.resize(features_.keys.size());
  sums_.assign(document.words.size() * kLabels, 0);
  find_and_sum(
      pass, features_, [&](std::size_t k, std::uint64_t key) { rows_[k] = prefetched(pass.find(key)); },
      [&](std::size_t token) { add_rows(features_, token, rows_, sums_); });
  to_emissions(sums_, pass.scale(), emissions_);
  decode(pass_index, document, labels);
}

// The second pass reads every feature the first reads, and the first pass's labels: the shared features
// are made once, looked up once in joint_ for both passes' rows, and only the first-pass features are made
// and looked up again. The integer weights are summed before they are scaled, so the emissions, and the
// labels, are exactly the ones two run_pass calls give.
void Tagger::tag_jointly(const DocumentView& document, std::vector<Label>& labels) {
  const Pass& first = model_.passes[0];
  const Pass& second = model_.passes[1];
  extractors_[0].extract(document, {}, features_);
  rows_.resize(features_.keys.size());
  second_rows_.resize(features_.keys.size());
  sums_.assign(document.words.size() * kLabels, 0);
  second_sums_.assign(document.words.size() * kLabels, 0);
  find_and_sum(
      joint_, features_,
      [&](std::size_t k, std::uint64_t key) {
        const JointRows* found = joint_.find(key);
        rows_[k] = found != nullptr && found->first != kNoRow ? prefetched(first.row(found->first)) : nullptr;
        second_rows_[k] =
            found != nullptr && found->second != kNoRow ? prefetched(second.row(found->second)) : nullptr;
      },
      [&](std::size_t token) {
        add_rows(features_, token, rows_, sums_);
        add_rows(features_, token, second_rows_, second_sums_);
      });
  to_emissions(sums_, first.scale(), emissions_);
  decode(0, document, first_pass_);

  extractors_[0].extract_first_pass(document, first_pass_, first_pass_features_);
  rows_.resize(first_pass_features_.keys.size());
  find_and_sum(
      second, first_pass_features_,
      [&](std::size_t k, std::uint64_t key) { rows_[k] = prefetched(second.find(key)); },
      [&](std::size_t token) { add_rows(first_pass_features_, token, rows_, second_sums_); });
  to_emissions(second_sums_, second.scale(), emissions_);
  decode(1, document, labels);
}

void Tagger::tag(const DocumentView& document, std::vector<Label>& labels) {
  if (model_.passes.size() == 1) {
    run_pass(0, document, {}, labels);
  } else if (joint_passes_) {
    tag_jointly(document, labels);
  } else {
    run_pass(0, document, {}, first_pass_);
    run_pass(1, document, first_pass_, labels);
  }
}

}  // namespace newsdig::extract::ner
