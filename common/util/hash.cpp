#include "common/util/hash.hpp"

namespace newsdig::util {

std::string hex64(std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string result(16, '0');
  for (int i = 15; i >= 0; --i) {
    result[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
    value >>= 4;
  }
  return result;
}

}  // namespace newsdig::util
