#include "common/util/display_width.hpp"

#include <unicode/uchar.h>

namespace newsdig::util {

unsigned display_width(char32_t code_point) {
  if (code_point < 0x20 || (code_point >= 0x7F && code_point < 0xA0)) return 0;
  if (code_point < 0x300) return 1;  // Latin and friends: the common case, no ICU look-up
  auto c = static_cast<UChar32>(code_point);
  auto category = u_charType(c);
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) return 0;
  auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
}

}  // namespace newsdig::util
