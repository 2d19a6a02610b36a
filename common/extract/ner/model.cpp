#include "common/extract/ner/model.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

#include "common/extract/ner/embedded_model.hpp"

namespace newsdig::extract::ner {
namespace {

constexpr std::uint64_t kMagic = 0x314C444D52454E44ULL;  // "DNERMDL1" read as little-endian bytes

}  // namespace

void Pass::set_weights(std::span<const std::uint64_t> keys, std::span<const float> weights, float prune) {
  float largest = 0;
  for (float weight : weights) largest = std::max(largest, std::abs(weight));
  scale_ = largest > 0 ? largest / 32767.0F : 1.0F;
  float threshold = prune * largest;
  index_ = {};
  rows_.clear();
  for (std::size_t f = 0; f < keys.size(); ++f) {
    auto row = weights.subspan(f * kLabels, kLabels);
    float row_largest = 0;
    for (float weight : row) row_largest = std::max(row_largest, std::abs(weight));
    if (row_largest == 0 || row_largest < threshold) continue;
    bool any = false;
    std::array<std::int16_t, kLabels> quantised{};
    for (std::size_t y = 0; y < kLabels; ++y) {
      quantised[y] = static_cast<std::int16_t>(std::lround(row[y] / scale_));
      any = any || quantised[y] != 0;
    }
    if (!any) continue;
    index_.insert(keys[f], static_cast<std::uint32_t>(rows_.size()));
    rows_.push_back(Row{quantised});
  }
}

void Pass::write(ByteWriter& out) const {
  out.put(groups);
  for (float score : transitions) out.put(score);
  out.put(scale_);
  out.put(static_cast<std::uint32_t>(index_.size()));
  // Rows are sparse on disk: a bit mask of the labels with a weight, then those weights.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
  entries.reserve(index_.size());
  index_.for_each([&](std::uint64_t key, std::uint32_t row) { entries.emplace_back(key, row); });
  std::sort(entries.begin(), entries.end());
  for (const auto& [key, row] : entries) {
    out.put(key);
    const std::int16_t* weights = rows_[row].weights.data();
    std::uint32_t mask = 0;
    for (std::uint32_t y = 0; y < kLabels; ++y) {
      if (weights[y] != 0) mask |= 1U << y;
    }
    out.put(mask);
    for (std::size_t y = 0; y < kLabels; ++y) {
      if (weights[y] != 0) out.put(weights[y]);
    }
  }
}

Pass Pass::read(ByteReader& in) {
  Pass pass;
  pass.groups = in.get<std::uint32_t>();
  for (float& score : pass.transitions) score = in.get<float>();
  pass.scale_ = in.get<float>();
  auto count = in.get<std::uint32_t>();
  pass.index_.reserve(count);
  pass.rows_.assign(count, Row{});
  for (std::uint32_t f = 0; f < count; ++f) {
    auto key = in.get<std::uint64_t>();
    auto mask = in.get<std::uint32_t>();
    if (mask >> kLabels != 0) throw std::runtime_error("entity model: a weight row names an unknown label");
    std::int16_t* row = pass.rows_[f].weights.data();
    for (std::uint32_t y = 0; y < kLabels; ++y) {
      if ((mask >> y) & 1U) row[y] = in.get<std::int16_t>();
    }
    pass.index_.insert(key, f);
  }
  return pass;
}

Model Model::read(std::span<const unsigned char> bytes) {
  ByteReader in(bytes);
  if (bytes.size() < 8 || in.get<std::uint64_t>() != kMagic) {
    throw std::runtime_error("entity model: not a newsdig entity model file");
  }
  auto version = in.get<std::uint32_t>();
  if (version != kModelVersion) {
    throw std::runtime_error("entity model: version " + std::to_string(version) + ", expected " +
                             std::to_string(kModelVersion) + ": retrain it with scripts/train-ner");
  }
  auto labels = in.get<std::uint32_t>();
  if (labels != kLabels) throw std::runtime_error("entity model: unexpected label set");
  Model model;
  model.description = in.get_string();
  model.lexicon.clusters = WordClusters::read(in);
  model.lexicon.gazetteer = Gazetteer::read(in);
  auto passes = in.get<std::uint32_t>();
  if (passes == 0 || passes > 2) throw std::runtime_error("entity model: it must have one or two passes");
  for (std::uint32_t i = 0; i < passes; ++i) model.passes.push_back(Pass::read(in));
  model.names = KnownNames::read(in);
  if (!in.at_end()) throw std::runtime_error("entity model: trailing bytes after the last pass");
  return model;
}

std::string Model::write() const {
  ByteWriter out;
  out.put(kMagic);
  out.put(kModelVersion);
  out.put(static_cast<std::uint32_t>(kLabels));
  out.put_string(description);
  lexicon.clusters.write(out);
  lexicon.gazetteer.write(out);
  out.put(static_cast<std::uint32_t>(passes.size()));
  for (const Pass& pass : passes) pass.write(out);
  names.write(out);
  return out.bytes();
}

const Model& Model::embedded() {
  static const Model model = read(embedded_model_bytes());
  return model;
}

}  // namespace newsdig::extract::ner
