#include "common/extract/story/minhash.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "common/util/hash.hpp"

namespace newsdig::extract::story {
namespace {

using util::mix64;

constexpr std::array<std::uint64_t, kMinHashSize> make_seeds() {
  std::array<std::uint64_t, kMinHashSize> seeds{};
  std::uint64_t state = 0x6e657773646967ULL;  // "newsdig"
  for (auto& seed : seeds) {
    state += 0x9e3779b97f4a7c15ULL;
    seed = mix64(state);
  }
  return seeds;
}
constexpr auto kSeeds = make_seeds();

bool word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

std::vector<std::uint64_t> word_hashes(std::string_view text) {
  std::vector<std::uint64_t> hashes;
  std::string lowered;  // a word with capitals, folded; other words are hashed where they lie
  for (std::size_t begin = 0; begin < text.size();) {
    if (!word_byte(static_cast<unsigned char>(text[begin]))) {
      ++begin;
      continue;
    }
    std::size_t end = begin;
    bool capitals = false;
    for (; end < text.size() && word_byte(static_cast<unsigned char>(text[end])); ++end) {
      capitals = capitals || (text[end] >= 'A' && text[end] <= 'Z');
    }
    const std::string_view word = text.substr(begin, end - begin);
    if (capitals) {
      lowered.assign(word);
      for (char& c : lowered) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      hashes.push_back(util::stable_hash64(lowered));
    } else {
      hashes.push_back(util::stable_hash64(word));
    }
    begin = end;
  }
  return hashes;
}

}  // namespace

// 64 hashes per shingle are most of what a fingerprint costs: on x86-64 with AVX-512 (x86-64-v4) the
// compiler does eight at a time, with the same results; other processors take the default version.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define NEWSDIG_MINHASH_CLONES [[gnu::target_clones("arch=x86-64-v4", "default")]]
#else
#define NEWSDIG_MINHASH_CLONES
#endif

NEWSDIG_MINHASH_CLONES std::optional<MinHash> minhash(std::string_view text) {
  const auto words = word_hashes(text);
  if (words.size() < kShingleWords) return std::nullopt;
  MinHash result;
  result.fill(std::numeric_limits<std::uint64_t>::max());
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t shingle = 0;
    for (std::size_t k = 0; k < kShingleWords; ++k) shingle = mix64(shingle ^ words[i + k]);
    for (std::size_t h = 0; h < kMinHashSize; ++h)
      result[h] = std::min(result[h], mix64(shingle ^ kSeeds[h]));
  }
  return result;
}

double estimated_jaccard(const MinHash& a, const MinHash& b) {
  std::size_t same = 0;
  for (std::size_t h = 0; h < kMinHashSize; ++h)
    if (a[h] == b[h]) ++same;
  return static_cast<double>(same) / static_cast<double>(kMinHashSize);
}

std::array<std::uint64_t, kBands> band_keys(const MinHash& fingerprint) {
  std::array<std::uint64_t, kBands> keys{};
  for (std::size_t band = 0; band < kBands; ++band) {
    std::uint64_t key = mix64(band + 1);
    for (std::size_t row = 0; row < kBandRows; ++row) key = mix64(key ^ fingerprint[band * kBandRows + row]);
    keys[band] = key;
  }
  return keys;
}

}  // namespace newsdig::extract::story
