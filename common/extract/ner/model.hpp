#pragma once
// A trained entity tagger: its lexicon (word clusters, gazetteers), one or two passes of weights of a
// linear-chain model over BILOU labels, and well-known persons' names for canonical names. The file format is
// little-endian binary, written by newsdig-ner-train and embedded into the library at build time
// (model/ner.model).
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/extract/ner/canonical.hpp"
#include "common/extract/ner/labels.hpp"
#include "common/extract/ner/lexicon.hpp"

namespace newsdig::extract::ner {

// Bumped whenever features or the file layout change meaning: a model of another version is refused.
inline constexpr std::uint32_t kModelVersion = 2;

// The weights of one pass over a document.
class Pass {
 public:
  std::uint32_t groups = 0;  // FeatureGroup bits the pass reads
  // Transition scores, [previous][next], previous = kStart before a sentence's first token.
  std::array<float, (kLabels + 1) * kLabels> transitions{};

  // The feature's weight per label, stored scaled as 16-bit integers (weight = scale() * value), or null
  // for a feature the model does not know.
  const std::int16_t* find(std::uint64_t key) const noexcept {
    const std::uint32_t* row = index_.find(key);
    return row == nullptr ? nullptr : rows_[*row].weights.data();
  }
  // A hint that find(key) comes soon (see KeyTable::prefetch).
  void prefetch(std::uint64_t key) const noexcept { index_.prefetch(key); }
  // Every feature the pass knows, as function(key, row number); row(number) gives its weights.
  template <class Function>
  void for_each_feature(Function&& function) const {
    index_.for_each(function);
  }
  const std::int16_t* row(std::uint32_t number) const noexcept { return rows_[number].weights.data(); }
  float scale() const noexcept { return scale_; }
  std::size_t features() const noexcept { return index_.size(); }

  // Sets the weights from real values (kLabels per feature), quantised to 16 bits; features whose largest
  // weight is below `prune` times the largest weight of all are dropped.
  void set_weights(std::span<const std::uint64_t> keys, std::span<const float> weights, float prune);

  void write(ByteWriter& out) const;
  static Pass read(ByteReader& in);

 private:
  float scale_ = 1.0F;
  KeyTable<std::uint32_t> index_;
  // One cache line per row: a row found is one memory access, never two.
  struct alignas(64) Row {
    std::array<std::int16_t, kLabels> weights{};
  };
  std::vector<Row> rows_;
};

class Model {
 public:
  Lexicon lexicon;
  std::vector<Pass> passes;  // the first reads only the text; a second also reads the first's labels
  KnownNames names;          // persons' full names for spelling fixes (may be empty)
  std::string description;   // how it was made (the trainer's summary)

  // Throws std::runtime_error if the bytes are not a model of kModelVersion.
  static Model read(std::span<const unsigned char> bytes);
  std::string write() const;

  // The model built into the library, read once on first use (thread-safe) and shared.
  // Throws std::runtime_error if the build embedded no usable model.
  static const Model& embedded();
};

}  // namespace newsdig::extract::ner
