#pragma once
// UTF-8 validation and repair: every byte sequence that is not well-formed UTF-8 (including overlongs,
// surrogates and code points above U+10FFFF) becomes U+FFFD, and the number of replacements is counted.
// Never throws on any input.
#include <cstddef>
#include <string>
#include <string_view>

namespace newsdig::analysis {

struct RepairedText {
  std::string text;          // valid UTF-8
  std::size_t replaced = 0;  // how many ill-formed sequences became U+FFFD
};

bool is_valid_utf8(std::string_view bytes) noexcept;

// Returns the input unchanged (replaced == 0) when it is already valid.
RepairedText repair_utf8(std::string_view bytes);

}  // namespace newsdig::analysis
