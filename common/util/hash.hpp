#pragma once
// Stable, non-cryptographic hashes: the same bytes give the same value on every machine and build, so
// hashed ids and keys stay valid across releases.
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdig::util {

// 64-bit FNV-1a.
constexpr std::uint64_t stable_hash64(std::string_view bytes) noexcept {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// splitmix64's finaliser: a bijection that spreads every input bit over the output (hash tables, MinHash).
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

}  // namespace newsdig::util
