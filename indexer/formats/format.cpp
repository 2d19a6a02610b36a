#include "indexer/formats/format.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "common/analysis/utf8.hpp"
#include "indexer/formats/input_text.hpp"
#include "indexer/formats/jsonl_reader.hpp"
#include "indexer/formats/text_reader.hpp"

namespace newsdig::formats {
namespace {

// How much of an input detection looks at (git looks at as much for its own binary test).
constexpr std::size_t kSniffBytes = 8 * 1024;
// Above this share of invalid UTF-8 sequences and control bytes, unnamed content is not taken for text.
constexpr std::size_t kMaxJunkPercent = 10;

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

// Whether a sample looks like text: few invalid UTF-8 sequences and stray control bytes.
bool looks_like_text(std::string_view sample) {
  sample = without_cut_character(sample);
  const std::size_t junk =
      analysis::repair_utf8(sample).replaced +
      static_cast<std::size_t>(std::count_if(sample.begin(), sample.end(), is_junk_control));
  return junk * 100 <= sample.size() * kMaxJunkPercent;
}

void set_why(std::string* why, std::string_view reason) {
  if (why != nullptr) *why = reason;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view severity) {
  std::string out = diagnostic.origin;
  if (diagnostic.line > 0) out += ":" + std::to_string(diagnostic.line);
  out += ": ";
  if (!severity.empty()) {
    out += severity;
    out += ": ";
  }
  out += diagnostic.message;
  return out;
}

std::optional<Format> parse_format_name(std::string_view name) {
  if (name == "auto") return Format::Auto;
  if (name == "text") return Format::Text;
  if (name == "jsonl") return Format::Jsonl;
  return std::nullopt;
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::Auto: return "auto";
    case Format::Text: return "text";
    case Format::Jsonl: return "jsonl";
  }
  return "unknown";
}

std::optional<Format> detect_format(std::string_view name, std::string_view bytes, std::string* why) {
  const std::string_view head = bytes.substr(0, kSniffBytes);
  if (head.find('\0') != std::string_view::npos) {
    set_why(why, "binary file (not text)");
    return std::nullopt;
  }
  const std::string_view content = detail::trim_space(detail::strip_bom(bytes));
  if (content.empty()) {
    set_why(why, "empty file");
    return std::nullopt;
  }

  const std::string extension = lower_extension(name);
  if (extension == "jsonl" || extension == "ndjson") return Format::Jsonl;
  if (extension == "txt" || extension == "text") return Format::Text;

  if (content.front() == '{') return Format::Jsonl;
  if (!looks_like_text(head)) {
    set_why(why, "binary file (not text: mostly invalid UTF-8 or control bytes)");
    return std::nullopt;
  }
  return Format::Text;
}

void read_input(Format format, const Input& input, ArticleSink& sink) {
  switch (format) {
    case Format::Text: return read_text(input, sink);
    case Format::Jsonl: return read_jsonl(input, sink);
    case Format::Auto: break;
  }
  throw std::invalid_argument("read_input needs a detected format, not \"" +
                              std::string(format_name(format)) + "\" (" + input.origin + ")");
}

}  // namespace newsdig::formats
