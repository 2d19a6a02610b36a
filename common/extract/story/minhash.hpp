#pragma once
// Near-duplicate fingerprints: MinHash over word 5-shingles of a text, and the locality-sensitive band keys
// that let an index find the texts whose fingerprints agree. Pure functions; the same text gives the same
// fingerprint on every machine (stable hashes, fixed seeds).
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace newsdig::extract::story {

inline constexpr std::size_t kShingleWords = 5;
inline constexpr std::size_t kMinHashSize = 64;
inline constexpr std::size_t kBandRows = 4;
inline constexpr std::size_t kBands = kMinHashSize / kBandRows;

// The least hash of the text's shingles under each of kMinHashSize hash functions.
using MinHash = std::array<std::uint64_t, kMinHashSize>;

// The fingerprint of `text` (UTF-8). Words are runs of ASCII letters and digits and of non-ASCII bytes,
// ASCII letters folded to lower case: cheap, and the same for two copies that differ only in punctuation,
// spacing or case. Nothing when the text has fewer than kShingleWords words.
std::optional<MinHash> minhash(std::string_view text);

// The share of hash functions on which two fingerprints agree: an estimate of the Jaccard similarity of
// the two texts' shingle sets (standard error about 0.06).
double estimated_jaccard(const MinHash& a, const MinHash& b);

// One key per band of kBandRows hashes: two texts of Jaccard similarity s share at least one key with
// probability 1 - (1 - s^4)^16 (0.98 at s = 0.6, 0.05 at s = 0.2).
std::array<std::uint64_t, kBands> band_keys(const MinHash& fingerprint);

}  // namespace newsdig::extract::story
