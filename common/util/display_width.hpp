#pragma once
// How many terminal columns text takes: East Asian wide and full-width characters take two, combining
// marks and controls none, everything else one.
#include <cstddef>
#include <string_view>

#include "common/util/text.hpp"  // next_code_point, for callers measuring text

namespace newsdig::util {

unsigned display_width(char32_t code_point);

}  // namespace newsdig::util
