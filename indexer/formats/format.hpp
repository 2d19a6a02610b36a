#pragma once
// Input formats and their detection: by file name first, then by content.
#include <optional>
#include <string_view>

#include "indexer/formats/reader.hpp"

namespace newsdig::formats {

enum class Format { Auto, Text, Jsonl };

// "auto", "text", "jsonl" -> Format; nullopt for anything else.
std::optional<Format> parse_format_name(std::string_view name);
std::string_view format_name(Format format);

// Decides the format of an input named `name` (a path; "-" or empty for stdin) with content `bytes`.
// First the content: a NUL byte in the first 8 KiB -> nullopt, why = "binary file (not text)"; nothing but
// white space (or a byte order mark) -> nullopt, why = "empty file". Then the name, case-insensitively:
// .jsonl/.ndjson -> Jsonl; .txt/.text -> Text. Otherwise the content again: first non-blank byte '{' ->
// Jsonl; text that is valid-ish UTF-8 (at most 10% invalid sequences and control bytes in the first 8 KiB)
// -> Text, else nullopt with why = "binary file (not text: ...)". `why` may be null. Never throws.
std::optional<Format> detect_format(std::string_view name, std::string_view bytes, std::string* why);

// Reads `input` as `format` into `sink`. Problems with the input go to the sink; throws
// std::invalid_argument only when `format` is Auto (a caller's bug: detect first).
void read_input(Format format, const Input& input, ArticleSink& sink);

}  // namespace newsdig::formats
