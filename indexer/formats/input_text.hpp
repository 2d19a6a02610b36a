#pragma once
// Private to indexer/formats: the small text chores every reader shares - a byte order mark stripped, lines
// split whatever their line ends (LF, CRLF, lone CR), white space trimmed, the wording of the bad-UTF-8
// warning, and the "does this have any words" test behind "empty article". Header-only; never throws
// except std::bad_alloc.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdig::formats::detail {

inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

inline std::string_view strip_bom(std::string_view text) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  return text;
}

// Lines without their line ends. A final line end does not start another (empty) line.
inline std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back(text.substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// Length of the white space (ASCII, NO-BREAK SPACE, IDEOGRAPHIC SPACE, ZERO WIDTH SPACE, ZERO WIDTH
// NO-BREAK SPACE) at the start of `text`, or 0.
inline std::size_t space_at(std::string_view text) {
  if (text.empty()) return 0;
  switch (text.front()) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\f':
    case '\v': return 1;
    default: break;
  }
  for (std::string_view space : {"\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\x8B", "\xEF\xBB\xBF"}) {
    if (text.starts_with(space)) return space.size();
  }
  return 0;
}

inline std::size_t space_before(std::string_view text) {
  if (text.empty()) return 0;
  if (space_at(text.substr(text.size() - 1)) == 1) return 1;
  for (std::string_view space : {"\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\x8B", "\xEF\xBB\xBF"}) {
    if (text.ends_with(space)) return space.size();
  }
  return 0;
}

inline std::string_view trim_space(std::string_view text) {
  while (std::size_t n = space_at(text)) text.remove_prefix(n);
  while (std::size_t n = space_before(text)) text.remove_suffix(n);
  return text;
}

inline std::string replaced_message(std::size_t replaced) {
  return "replaced " + std::to_string(replaced) +
         (replaced == 1 ? " invalid UTF-8 sequence" : " invalid UTF-8 sequences");
}

// Whether `text` (valid UTF-8) holds a letter or digit: ASCII letters and digits, and any code point
// outside the ranges of spaces, punctuation, symbols and the replacement character. No ICU here: a
// generous test is enough to tell an article from a file of dashes or of replaced bytes.
inline bool has_words(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      if ((lead >= '0' && lead <= '9') || ((lead | 0x20U) >= 'a' && (lead | 0x20U) <= 'z')) return true;
      ++i;
      continue;
    }
    std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (length == 1 || i + length > text.size()) {
      ++i;
      continue;
    }
    std::uint32_t code = lead & (0x7FU >> length);
    for (std::size_t k = 1; k < length; ++k) {
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    }
    i += length;
    const bool not_a_letter = code <= 0xBF || code == 0xD7 || code == 0xF7 ||
                              (code >= 0x2000 && code <= 0x2BFF) || (code >= 0x3000 && code <= 0x303F) ||
                              (code >= 0xFE00 && code <= 0xFE0F) || code == 0xFEFF ||
                              (code >= 0xFFF0 && code <= 0xFFFF) || (code >= 0x1F000 && code <= 0x1FAFF);
    if (!not_a_letter) return true;
  }
  return false;
}

}  // namespace newsdig::formats::detail
