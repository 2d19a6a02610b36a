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

// Decides the format of an input named `name` (a path or "-") with content `bytes`:
// .jsonl/.ndjson -> Jsonl; .txt/.text -> Text; otherwise content: first non-blank byte '{' -> Jsonl,
// text that is valid-ish UTF-8 -> Text. Returns nullopt with `why` set for inputs no reader takes
// (binary content: NUL bytes; an empty input).
std::optional<Format> detect_format(std::string_view name, std::string_view bytes, std::string* why);

// Reads `input` as `format` (which must not be Auto) into `sink`.
void read_input(Format format, const Input& input, ArticleSink& sink);

}  // namespace newsdig::formats
