#pragma once
// How many terminal columns text takes: East Asian wide and full-width characters take two, combining
// marks and controls none, everything else one.
#include <cstddef>
#include <string_view>

namespace newsdig::util {

unsigned display_width(char32_t code_point);

// Decodes one code point of valid UTF-8 at text[offset]; advances offset past it.
char32_t next_code_point(std::string_view text, std::size_t& offset);

}  // namespace newsdig::util
