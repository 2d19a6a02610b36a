#pragma once
// Input formats and their detection: by file name first, then by content.
#include <array>
#include <optional>
#include <string_view>

#include "indexer/formats/reader.hpp"

namespace newsdig::formats {

enum class Format { Auto, Text, Jsonl, ReutersText, Reuters21578, Trec, Csv, Tsv, Html };

// Every format with its name (what --format takes) and a line for --help and docs/formats.md.
struct FormatInfo {
  Format format;
  std::string_view name;
  std::string_view help;
};
inline constexpr std::array kFormatTable = {
    FormatInfo{Format::Auto, "auto", "detect each input's format by its name and content"},
    FormatInfo{Format::Text, "text", "plain-text news: headline, then paragraphs"},
    FormatInfo{Format::Jsonl, "jsonl", "JSON Lines: one article object per line"},
    FormatInfo{Format::ReutersText, "reuters-text",
               "Reuters news pages as text: \"-- \" header lines, then the body"},
    FormatInfo{Format::Reuters21578, "reuters21578", "Reuters-21578 SGML: <REUTERS> elements"},
    FormatInfo{Format::Trec, "trec", "TREC SGML: <DOC> elements with <DOCNO> and <TEXT>"},
    FormatInfo{Format::Csv, "csv", "CSV with a header row or --columns"},
    FormatInfo{Format::Tsv, "tsv", "tab-separated values with a header row or --columns"},
    FormatInfo{Format::Html, "html", "HTML news pages"},
};

// A name of kFormatTable -> Format (exact, lower case); nullopt for anything else.
std::optional<Format> parse_format_name(std::string_view name);
std::string_view format_name(Format format);

// Decides the format of an input named `name` (a path; "-" or empty for stdin) with content `bytes`.
// Only the first 8 KiB are looked at; text with a UTF-16 or UTF-32 byte order mark is looked at decoded.
// First the content: a NUL byte -> nullopt, why = "binary file (not text)"; nothing but white space (or
// a byte order mark) -> nullopt, why = "empty file". Then the name, case-insensitively: .jsonl/.ndjson/.json
// -> Jsonl (a .json file may hold one document: see jsonl_reader.hpp); .txt/.text -> Text; .csv -> Csv;
// .tsv/.tab -> Tsv; .html/.htm/.xhtml/.shtml -> Html; .sgm/.sgml
// -> Reuters21578 when a <REUTERS element starts it, else Trec. Otherwise the content again, by how it
// starts after white space: "<!DOCTYPE lewis" or "<REUTERS" -> Reuters21578; "<DOC>" -> Trec; an HTML
// document start (<!DOCTYPE html, <html, <head, <body) -> Html; the four "-- " header lines of Reuters
// news text -> ReutersText; '{' -> Jsonl; else text -> Text, where text means at most 10% control bytes
// and, unless there are almost none of those (at most 1%: a legacy encoding such as Latin-1), at most
// 10% control bytes and invalid UTF-8 sequences together; anything else -> nullopt with why = "binary
// file (not text: ...)". `why` may be null. Never throws but std::bad_alloc.
std::optional<Format> detect_format(std::string_view name, std::string_view bytes, std::string* why);

// Reads `input` as `format` into `sink`; `settings` are the readers' options (only CSV/TSV use any).
// Problems with the input go to the sink; throws std::invalid_argument only when `format` is Auto (a
// caller's bug: detect first).
void read_input(Format format, const Input& input, ArticleSink& sink, const ReaderSettings& settings = {});

}  // namespace newsdig::formats
