#pragma once
// Input bytes to UTF-8, whatever their encoding: a byte order mark decides first; then valid UTF-8 stays
// as it is; then a charset the input declares (an HTML <meta charset>); then uchardet's guess, converted
// with ICU. Bytes no decoder can read become U+FFFD and are counted, never fatal.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "indexer/formats/reader.hpp"

namespace newsdig::formats {

// How the encoding of an input was found.
enum class EncodingSource {
  Utf8,           // valid UTF-8 (ASCII included), or UTF-8 with a few bad bytes among good sequences
  ByteOrderMark,  // UTF-8, UTF-16LE/BE or UTF-32LE/BE by its byte order mark
  Declared,       // the charset the caller passed (from the input itself, an HTML <meta charset>)
  Detected,       // uchardet's guess
};

class DecodedText {
 public:
  // The text: valid UTF-8, without a byte order mark. A view into the input when it needed no change,
  // else into this object (valid while it lives, and across moves).
  std::string_view text() const { return converted_ ? std::string_view(*converted_) : original_; }
  const std::string& encoding() const { return encoding_; }  // "UTF-8", "windows-1252", "UTF-16LE"...
  EncodingSource source() const { return source_; }
  std::size_t replaced() const { return replaced_; }  // byte sequences that became U+FFFD
  // 1-based line of the first replaced sequence in the decoded text; 0 when none was replaced.
  std::uint64_t first_replaced_line() const { return first_replaced_line_; }

 private:
  friend DecodedText decode(std::string_view bytes, std::string_view declared_charset);
  std::string_view original_;
  std::optional<std::string> converted_;
  std::string encoding_ = "UTF-8";
  EncodingSource source_ = EncodingSource::Utf8;
  std::size_t replaced_ = 0;
  std::uint64_t first_replaced_line_ = 0;
};

// Decodes `bytes`:
//   1. a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE) names the encoding and is dropped;
//   2. valid UTF-8 is taken as it is (a declared charset does not override it: mislabelled UTF-8 pages are
//      common, UTF-8 by accident is not);
//   3. bytes that hold at least as many well-formed multi-byte UTF-8 sequences as ill-formed ones are
//      UTF-8 with damage: each ill-formed sequence becomes U+FFFD;
//   4. `declared_charset`, when ICU knows it;
//   5. uchardet's guess, when ICU knows it; else windows-1252 (every byte is a character there).
// ISO-8859-1 and US-ASCII, declared or detected, are read as windows-1252, as browsers do (the WHATWG
// Encoding Standard): their 0x80-0x9F bytes are in practice Windows curly quotes and dashes, never C1
// controls; likewise ISO-8859-2, -5, -7, -8, -9, -13 and -15 for bytes that use 0x80-0x9F are read as their
// Windows code pages. Bytes a converter cannot map become U+FFFD and are counted. Never throws but
// std::bad_alloc.
DecodedText decode(std::string_view bytes, std::string_view declared_charset = {});

// decode(input.bytes, declared_charset), reporting replaced bytes to `sink` as one warning for the input
// (line 0): "replaced N invalid UTF-8 sequences (first on line L)", or "... invalid windows-1252 bytes".
DecodedText decode_input(const Input& input, ArticleSink& sink, std::string_view declared_charset = {});

// The warning decode_input gives, for readers that report it themselves; `first_line` is the number of the
// input's first line (Input::first_line).
std::string replaced_warning(const DecodedText& decoded, std::uint64_t first_line = 1);

// Whether `bytes` starts with a UTF-16 or UTF-32 byte order mark (text whose ASCII has NUL bytes).
bool has_wide_byte_order_mark(std::string_view bytes);

}  // namespace newsdig::formats
