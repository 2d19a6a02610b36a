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

char32_t next_code_point(std::string_view text, std::size_t& offset) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(offset);
  std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (offset + length > text.size()) length = text.size() - offset;
  char32_t value = length == 1   ? lead
                   : length == 2 ? (lead & 0x1Fu)
                   : length == 3 ? (lead & 0x0Fu)
                                 : (lead & 0x07u);
  for (std::size_t i = 1; i < length; ++i) value = (value << 6) | (byte(offset + i) & 0x3Fu);
  offset += length;
  return value;
}

}  // namespace newsdig::util
