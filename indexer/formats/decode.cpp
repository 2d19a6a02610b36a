#include "indexer/formats/decode.hpp"

#include <algorithm>
#include <array>
#include <memory>

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>

#include "common/analysis/utf8.hpp"

namespace newsdig::formats {
namespace {

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";
// uchardet reads this much around the first non-UTF-8 byte: plenty for a guess, bounded for big files.
constexpr std::size_t kDetectionSample = 64 * 1024;

struct ByteOrderMark {
  std::string_view bytes;
  const char* encoding;
};
// UTF-32LE before UTF-16LE: its mark starts with UTF-16LE's.
constexpr std::array<ByteOrderMark, 5> kByteOrderMarks = {{
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
    {"\xEF\xBB\xBF", "UTF-8"},
    {"\xFF\xFE", "UTF-16LE"},
    {"\xFE\xFF", "UTF-16BE"},
}};

// Well-formed multi-byte sequences and ill-formed ones (maximal subparts, as analysis::repair_utf8 counts
// them), and where the first ill-formed one starts.
struct Utf8Census {
  std::size_t multibyte = 0;
  std::size_t invalid = 0;
  std::size_t first_invalid = std::string_view::npos;
};

Utf8Census take_census(std::string_view bytes) {
  Utf8Census census;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char lead = p[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t needed = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      needed = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      needed = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      needed = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    }
    std::size_t length = needed == 0 ? 0 : 1;
    while (length > 0 && length < needed && i + length < size) {
      const unsigned char byte = p[i + length];
      const bool fits = length == 1 ? (byte >= low && byte <= high) : (byte >= 0x80 && byte <= 0xBF);
      if (!fits) break;
      ++length;
    }
    if (needed > 0 && length == needed) {
      ++census.multibyte;
      i += length;
      continue;
    }
    if (census.first_invalid == std::string_view::npos) census.first_invalid = i;
    ++census.invalid;
    i += std::max<std::size_t>(length, 1);
  }
  return census;
}

std::uint64_t line_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::uint64_t>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool has_c1_bytes(std::string_view bytes) {
  return std::any_of(bytes.begin(), bytes.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 && byte <= 0x9F;
  });
}

// The converter name to use for a charset label: Latin-1 and ASCII labels mean windows-1252 (WHATWG).
// An ISO-8859 guess for bytes that use 0x80-0x9F (C1 controls there, never in text) means the Windows code
// page of the same script, which puts quotes and dashes there.
std::string converter_label(std::string_view label, std::string_view bytes) {
  const std::string lower = lower_ascii(label);
  for (std::string_view latin1 : {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "ascii",
                                  "us-ascii", "iso-ir-100", "cp819", "ibm819", "x-cp1252", "cp1252"}) {
    if (lower == latin1) return "windows-1252";
  }
  struct Twin {
    std::string_view iso;
    std::string_view windows;
  };
  static constexpr std::array<Twin, 7> kTwins = {{{"iso-8859-2", "windows-1250"},
                                                  {"iso-8859-5", "windows-1251"},
                                                  {"iso-8859-7", "windows-1253"},
                                                  {"iso-8859-8", "windows-1255"},
                                                  {"iso-8859-9", "windows-1254"},
                                                  {"iso-8859-13", "windows-1257"},
                                                  {"iso-8859-15", "windows-1252"}}};
  for (const Twin& twin : kTwins) {
    if (lower == twin.iso && has_c1_bytes(bytes)) return std::string(twin.windows);
  }
  return std::string(label);
}

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// ICU calls this for every byte sequence the source converter cannot map: count it, write U+FFFD.
void count_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                          UConverterCallbackReason reason, UErrorCode* error) {
  if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
  ++*static_cast<std::size_t*>(const_cast<void*>(context));
  *error = U_ZERO_ERROR;
  static constexpr UChar kReplacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, error);
}

struct Conversion {
  std::string text;
  std::string encoding;  // IANA name when ICU has one
  std::size_t replaced = 0;
};

// `bytes` in `charset` to UTF-8; nullopt when ICU does not know the charset.
std::optional<Conversion> convert(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  Converter source(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status) || !source) return std::nullopt;
  Conversion result;
  ucnv_setToUCallBack(source.get(), count_and_substitute, &result.replaced, nullptr, nullptr, &status);
  Converter target(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status) || !target) return std::nullopt;

  UErrorCode name_status = U_ZERO_ERROR;
  const char* internal = ucnv_getName(source.get(), &name_status);
  const char* iana = U_SUCCESS(name_status) ? ucnv_getStandardName(internal, "IANA", &name_status) : nullptr;
  result.encoding = iana != nullptr && U_SUCCESS(name_status) ? iana : charset;

  // Three UTF-8 bytes per input byte cover every charset: one byte makes at most one BMP character, and
  // characters beyond the BMP take at least two input bytes for their four.
  result.text.resize(bytes.size() * 3 + 4);
  char* out = result.text.data();
  const char* in = bytes.data();
  ucnv_convertEx(target.get(), source.get(), &out, result.text.data() + result.text.size(), &in,
                 bytes.data() + bytes.size(), nullptr, nullptr, nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return std::nullopt;
  result.text.resize(static_cast<std::size_t>(out - result.text.data()));
  return result;
}

std::string detect_charset(std::string_view bytes, std::size_t around) {
  const std::size_t start = around > kDetectionSample / 2 ? around - kDetectionSample / 2 : 0;
  const std::string_view sample = bytes.substr(std::min(start, bytes.size()), kDetectionSample);
  uchardet_t detector = uchardet_new();
  if (detector == nullptr) return {};
  std::string charset;
  if (uchardet_handle_data(detector, sample.data(), sample.size()) == 0) {
    uchardet_data_end(detector);
    const char* guess = uchardet_get_charset(detector);
    if (guess != nullptr) charset = guess;
  }
  uchardet_delete(detector);
  return charset;
}

}  // namespace

bool has_wide_byte_order_mark(std::string_view bytes) {
  return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
         bytes.starts_with(std::string_view("\x00\x00\xFE\xFF", 4));
}

DecodedText decode(std::string_view bytes, std::string_view declared_charset) {
  DecodedText result;
  result.original_ = bytes;

  auto take_conversion = [&](Conversion conversion, EncodingSource source) {
    result.source_ = source;
    result.encoding_ = std::move(conversion.encoding);
    result.replaced_ = conversion.replaced;
    if (conversion.replaced > 0) {
      result.first_replaced_line_ = line_of(conversion.text, conversion.text.find(kReplacementUtf8));
    }
    if (conversion.text.starts_with("\xEF\xBB\xBF")) conversion.text.erase(0, 3);
    result.converted_ = std::move(conversion.text);
  };
  auto take_utf8 = [&](std::string_view text, EncodingSource source) {
    result.source_ = source;
    result.encoding_ = "UTF-8";
    result.original_ = text;
    const Utf8Census census = take_census(text);
    if (census.invalid == 0) return;
    result.replaced_ = census.invalid;
    result.first_replaced_line_ = line_of(text, census.first_invalid);
    result.converted_ = analysis::repair_utf8(text).text;
  };

  for (const ByteOrderMark& mark : kByteOrderMarks) {
    if (!bytes.starts_with(mark.bytes)) continue;
    const std::string_view rest = bytes.substr(mark.bytes.size());
    if (std::string_view(mark.encoding) == "UTF-8") {
      take_utf8(rest, EncodingSource::ByteOrderMark);
    } else if (auto conversion = convert(rest, mark.encoding)) {
      take_conversion(std::move(*conversion), EncodingSource::ByteOrderMark);
    } else {
      take_utf8(rest, EncodingSource::ByteOrderMark);  // ICU always has UTF-16/32; never reached
    }
    return result;
  }

  if (analysis::is_valid_utf8(bytes)) return result;
  const Utf8Census census = take_census(bytes);
  if (census.multibyte >= census.invalid) {
    take_utf8(bytes, EncodingSource::Utf8);
    return result;
  }

  if (!declared_charset.empty()) {
    const std::string label = converter_label(declared_charset, bytes);
    if (lower_ascii(label) == "utf-8" || lower_ascii(label) == "utf8") {
      take_utf8(bytes, EncodingSource::Declared);
      return result;
    }
    if (auto conversion = convert(bytes, label)) {
      take_conversion(std::move(*conversion), EncodingSource::Declared);
      return result;
    }
  }

  const std::string guess = detect_charset(bytes, census.first_invalid);
  const std::string label = guess.empty() ? std::string("windows-1252") : converter_label(guess, bytes);
  if (lower_ascii(label) == "utf-8") {
    take_utf8(bytes, EncodingSource::Detected);
    return result;
  }
  auto conversion = convert(bytes, label);
  if (!conversion) conversion = convert(bytes, "windows-1252");
  if (conversion) {
    take_conversion(std::move(*conversion), EncodingSource::Detected);
  } else {
    take_utf8(bytes, EncodingSource::Detected);
  }
  return result;
}

std::string replaced_warning(const DecodedText& decoded, std::uint64_t first_line) {
  const std::size_t n = decoded.replaced();
  std::string message = "replaced " + std::to_string(n) + " invalid " + decoded.encoding() +
                        (decoded.encoding() == "UTF-8" ? (n == 1 ? " sequence" : " sequences")
                                                       : (n == 1 ? " byte sequence" : " byte sequences"));
  if (decoded.first_replaced_line() > 0) {
    message += " (first on line " + std::to_string(decoded.first_replaced_line() + first_line - 1) + ")";
  }
  return message;
}

DecodedText decode_input(const Input& input, ArticleSink& sink, std::string_view declared_charset) {
  DecodedText decoded = decode(input.bytes, declared_charset);
  if (decoded.replaced() > 0) sink.warn({input.origin, 0, replaced_warning(decoded, input.first_line)});
  return decoded;
}

}  // namespace newsdig::formats
