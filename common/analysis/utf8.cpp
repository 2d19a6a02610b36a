#include "common/analysis/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace newsdig::analysis {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Well-formed sequences are those of Unicode Table 3-7. `Step::length` is the length of the sequence at
// the current position when it is well-formed, and otherwise the length of its maximal subpart (the lead
// byte and the continuation bytes that could still belong to it): replacing each maximal subpart by one
// U+FFFD is the Unicode recommendation that ICU, the WHATWG encoding standard and Python also follow.
struct Step {
  std::size_t length;
  bool valid;
};

Step step(const unsigned char* p, std::size_t available) noexcept {
  const unsigned char lead = p[0];
  if (lead < 0x80) return {1, true};
  std::size_t needed = 0;
  unsigned char low = 0x80;  // allowed range of the second byte; later bytes are always 80..BF
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    needed = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    needed = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong below U+0800
    if (lead == 0xED) high = 0x9F;  // surrogates U+D800..U+DFFF
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    needed = 4;
    if (lead == 0xF0) low = 0x90;   // overlong below U+10000
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return {1, false};  // continuation byte, C0/C1 (always overlong) or F5..FF
  }
  std::size_t length = 1;
  for (; length < needed; ++length) {
    if (length == available) return {length, false};
    const unsigned char byte = p[length];
    const bool fits = length == 1 ? (byte >= low && byte <= high) : (byte >= 0x80 && byte <= 0xBF);
    if (!fits) return {length, false};
  }
  return {length, true};
}

// Length of the leading run of ASCII bytes, eight at a time: news text is mostly ASCII.
std::size_t ascii_prefix(const unsigned char* p, std::size_t size) noexcept {
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t chunk = 0;
    std::memcpy(&chunk, p + i, sizeof chunk);
    if ((chunk & 0x8080808080808080ULL) != 0) break;
  }
  while (i < size && p[i] < 0x80) ++i;
  return i;
}

// Length of the leading run of well-formed UTF-8.
std::size_t valid_prefix(std::string_view bytes) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  std::size_t i = 0;
  while (i < size) {
    i += ascii_prefix(p + i, size - i);
    if (i == size) break;
    const Step s = step(p + i, size - i);
    if (!s.valid) break;
    i += s.length;
  }
  return i;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) noexcept {
  return valid_prefix(bytes) == bytes.size();
}

RepairedText repair_utf8(std::string_view bytes) {
  RepairedText result;
  std::size_t i = valid_prefix(bytes);
  if (i == bytes.size()) {
    result.text.assign(bytes);
    return result;
  }
  result.text.reserve(bytes.size() + 16);
  for (;;) {
    result.text.append(bytes.substr(0, i));
    bytes.remove_prefix(i);
    if (bytes.empty()) break;
    const Step bad = step(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    result.text.append(kReplacement);
    ++result.replaced;
    bytes.remove_prefix(bad.length);
    i = valid_prefix(bytes);
  }
  return result;
}

}  // namespace newsdig::analysis
