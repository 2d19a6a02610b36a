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

// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

}  // namespace newsdig::util
