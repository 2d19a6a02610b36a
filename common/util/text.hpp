#pragma once
// Small byte-level string helpers that need no ICU.
#include <string>
#include <string_view>
#include <vector>

namespace newsdig::util {

// ASCII letters lower-cased, every other byte unchanged.
std::string ascii_lower(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` bytes that does not cut a UTF-8 sequence.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);

// Decodes the code point of well-formed UTF-8 at text[offset] and advances offset past it (a sequence cut
// short by the end of text is decoded from the bytes there are).
char32_t next_code_point(std::string_view text, std::size_t& offset);

// `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

// The words of `text` between single spaces (runs of spaces give no empty words): the words of an
// entity's name or folded key.
std::vector<std::string> space_separated(std::string_view text);

}  // namespace newsdig::util
