#include "indexer/formats/format.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "common/analysis/utf8.hpp"
#include "indexer/formats/csv_reader.hpp"
#include "indexer/formats/decode.hpp"
#include "indexer/formats/html_reader.hpp"
#include "indexer/formats/input_text.hpp"
#include "indexer/formats/jsonl_reader.hpp"
#include "indexer/formats/reuters21578_reader.hpp"
#include "indexer/formats/reuters_text_reader.hpp"
#include "indexer/formats/text_reader.hpp"
#include "indexer/formats/trec_reader.hpp"

namespace newsdig::formats {
namespace {

// How much of an input detection looks at (git looks at as much for its own binary test).
constexpr std::size_t kSniffBytes = 8 * 1024;
// Above this share of invalid UTF-8 sequences and control bytes, unnamed content is not taken for text.
constexpr std::size_t kMaxJunkPercent = 10;
// At most this share of control bytes, invalid UTF-8 is taken for a legacy encoding, not for binary.
constexpr std::size_t kMaxLegacyControlPercent = 1;

std::string lower_extension(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string extension(name.substr(dot + 1));
  for (char& c : extension) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return extension;
}

// C0 control bytes that text does not contain (tab, line feed, vertical tab, form feed, carriage return do).
bool is_junk_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && (byte < 0x09 || byte > 0x0D)) || byte == 0x7F;
}

// `sample` without a multi-byte character cut in two at its end (where the sniffed prefix stops).
std::string_view without_cut_character(std::string_view sample) {
  std::size_t start = sample.size();
  std::size_t continuation = 0;
  while (start > 0 && continuation < 3 && (static_cast<unsigned char>(sample[start - 1]) & 0xC0U) == 0x80U) {
    --start;
    ++continuation;
  }
  if (start == 0) return sample;
  const auto lead = static_cast<unsigned char>(sample[start - 1]);
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return length > continuation + 1 ? sample.substr(0, start - 1) : sample;
}

// How a sample reads as text: control bytes (besides white space), and ill-formed UTF-8 sequences.
std::optional<std::string_view> why_not_text(std::string_view sample) {
  sample = without_cut_character(sample);
  const std::size_t controls =
      static_cast<std::size_t>(std::count_if(sample.begin(), sample.end(), is_junk_control));
  if (controls * 100 > sample.size() * kMaxJunkPercent) return "binary file (not text: many control bytes)";
  // Almost no control bytes: text in a legacy encoding (Latin-1, Windows-1252...) that decode() converts.
  if (controls * 100 <= sample.size() * kMaxLegacyControlPercent) return std::nullopt;
  const std::size_t invalid = analysis::repair_utf8(sample).replaced;
  if ((controls + invalid) * 100 > sample.size() * kMaxJunkPercent) {
    return "binary file (not text: mostly invalid UTF-8 or control bytes)";
  }
  return std::nullopt;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// The SGML formats by their first element: Reuters-21578 files open with its DOCTYPE or <REUTERS.
bool starts_reuters21578(std::string_view content) {
  return content.starts_with("<!DOCTYPE lewis") || content.starts_with("<REUTERS ") ||
         content.starts_with("<REUTERS>");
}
bool starts_trec(std::string_view content) {
  return istarts_with(content, "<doc>");
}

void set_why(std::string* why, std::string_view reason) {
  if (why != nullptr) *why = reason;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view severity) {
  std::string out = diagnostic.origin;
  if (diagnostic.line > 0) {
    out += ':';
    out += std::to_string(diagnostic.line);
  }
  out += ": ";
  if (!severity.empty()) {
    out += severity;
    out += ": ";
  }
  out += diagnostic.message;
  return out;
}

std::optional<Format> parse_format_name(std::string_view name) {
  for (const FormatInfo& info : kFormatTable) {
    if (info.name == name) return info.format;
  }
  return std::nullopt;
}

std::string_view format_name(Format format) {
  for (const FormatInfo& info : kFormatTable) {
    if (info.format == format) return info.name;
  }
  return "unknown";
}

std::optional<Format> detect_format(std::string_view name, std::string_view bytes, std::string* why) {
  std::string_view head = bytes.substr(0, kSniffBytes);
  std::string wide_head;
  if (has_wide_byte_order_mark(head)) {
    // UTF-16/32 text: look at it decoded (its NUL bytes are halves of characters); drop a last unit cut
    // in two by the sample, which would decode to U+FFFD.
    const bool utf32 = head.starts_with(std::string_view("\xFF\xFE\0\0", 4)) ||
                       head.starts_with(std::string_view("\0\0\xFE\xFF", 4));
    const std::size_t unit = utf32 ? 4 : 2;
    wide_head = std::string(decode(head.substr(0, head.size() - head.size() % unit)).text());
    head = wide_head;
  } else if (head.find('\0') != std::string_view::npos) {
    set_why(why, "binary file (not text)");
    return std::nullopt;
  }
  const std::string_view content = detail::trim_space(detail::strip_bom(head));
  if (content.empty()) {
    set_why(why, "empty file");
    return std::nullopt;
  }

  const std::string extension = lower_extension(name);
  if (extension == "jsonl" || extension == "ndjson" || extension == "json") return Format::Jsonl;
  if (extension == "txt" || extension == "text") return Format::Text;
  if (extension == "csv") return Format::Csv;
  if (extension == "tsv" || extension == "tab") return Format::Tsv;
  if (extension == "html" || extension == "htm" || extension == "xhtml" || extension == "shtml") {
    return Format::Html;
  }
  if (extension == "sgm" || extension == "sgml") {
    return content.find("<REUTERS") != std::string_view::npos ? Format::Reuters21578 : Format::Trec;
  }

  if (starts_reuters21578(content)) return Format::Reuters21578;
  if (starts_trec(content)) return Format::Trec;
  if (looks_like_html(content)) return Format::Html;
  if (looks_like_reuters_text(content)) return Format::ReutersText;
  if (content.front() == '{') return Format::Jsonl;
  if (auto reason = why_not_text(head)) {
    set_why(why, *reason);
    return std::nullopt;
  }
  return Format::Text;
}

void read_input(Format format, const Input& input, ArticleSink& sink, const ReaderSettings& settings) {
  switch (format) {
    case Format::Text: return read_text(input, sink);
    case Format::Jsonl: return read_jsonl(input, sink);
    case Format::ReutersText: return read_reuters_text(input, sink);
    case Format::Reuters21578: return read_reuters21578(input, sink);
    case Format::Trec: return read_trec(input, sink);
    case Format::Csv: return read_csv(input, sink, settings, '\0');
    case Format::Tsv: return read_csv(input, sink, settings, '\t');
    case Format::Html: return read_html(input, sink);
    case Format::Auto: break;
  }
  throw std::invalid_argument("read_input needs a detected format, not \"" +
                              std::string(format_name(format)) + "\" (" + input.origin + ")");
}

}  // namespace newsdig::formats
