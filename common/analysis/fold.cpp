#include "common/analysis/fold.hpp"

#include <stdexcept>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace newsdig::analysis {
namespace {

bool is_ascii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string fold_key(std::string_view name) {
  std::string result;
  bool pending_space = false;
  if (is_ascii(name)) {
    // The common case: no ICU needed.
    for (char c : name) {
      bool letter_or_digit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (c == '\'' || c == '.') continue;
      if (!letter_or_digit) {
        pending_space = !result.empty();
        continue;
      }
      if (pending_space) {
        result.push_back(' ');
        pending_space = false;
      }
      result.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return result;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU normalizer data missing");
  auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  icu::UnicodeString decomposed = nfd->normalize(nfkc_cf->normalize(text, status), status);
  if (U_FAILURE(status)) return result;
  // Marks and dropped punctuation go; other non-alphanumerics become one space between words.
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    auto category = u_charType(c);
    bool mark = category == U_NON_SPACING_MARK || category == U_COMBINING_SPACING_MARK ||
                category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR;
    if (mark || c == '\'' || c == 0x2019 || c == '.') continue;
    if (!u_isalnum(c)) {
      pending_space = kept.length() > 0;
      continue;
    }
    if (pending_space) {
      kept.append(static_cast<UChar>(' '));
      pending_space = false;
    }
    kept.append(c);
  }
  nfc->normalize(kept, status).toUTF8String(result);
  if (U_FAILURE(status)) result.clear();
  return result;
}

}  // namespace newsdig::analysis
