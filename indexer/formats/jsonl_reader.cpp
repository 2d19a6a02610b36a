#include "indexer/formats/jsonl_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/analysis/utf8.hpp"
#include "indexer/formats/decode.hpp"
#include "indexer/formats/input_text.hpp"
#include "indexer/formats/markup.hpp"

namespace newsdig::formats {
namespace {

// ordered_json keeps the input's key order, so Article::extra lists fields as the line wrote them.
using Json = nlohmann::ordered_json;

// nlohmann's serializer recurses once per nesting level; a hostile line could exhaust the stack.
constexpr std::size_t kMaxNesting = 64;
constexpr std::size_t kMaxReasonBytes = 120;

// The fields Article has a column for.
struct KnownField {
  std::string_view name;
  std::string Article::*member;
};
constexpr std::array<KnownField, 9> kKnownFields = {{
    {"id", &Article::id},
    {"title", &Article::title},
    {"body", &Article::body},
    {"date", &Article::date},
    {"source", &Article::source},
    {"url", &Article::url},
    {"lang", &Article::lang},
    {"byline", &Article::byline},
    {"dateline", &Article::dateline},
}};

// Deepest nesting of [] and {} outside strings; stops counting once past kMaxNesting.
std::size_t nesting_depth(std::string_view line) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : line) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > kMaxNesting) break;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> "column 5: syntax
// error ...", cut to a length that fits a diagnostic line.
std::string short_reason(const nlohmann::json::exception& error) {
  std::string_view what = error.what();
  if (const auto bracket = what.find("] "); bracket != std::string_view::npos)
    what.remove_prefix(bracket + 2);
  if (const auto column = what.find("column "); column != std::string_view::npos) what.remove_prefix(column);
  std::string reason(what);
  if (reason.size() > kMaxReasonBytes) {
    std::size_t cut = kMaxReasonBytes;
    while (cut > 0 && (static_cast<unsigned char>(reason[cut]) & 0xC0U) == 0x80U) --cut;
    reason.resize(cut);
    reason += "...";
  }
  return reason;
}

class LineReader {
 public:
  LineReader(const Input& input, ArticleSink& sink) : input_(input), sink_(sink) {}

  void read(std::string_view raw, std::uint64_t number) {
    if (detail::trim_space(raw).empty()) return;
    number_ = number;
    const analysis::RepairedText repaired = analysis::repair_utf8(raw);
    if (repaired.replaced > 0) warn(detail::replaced_message(repaired.replaced));

    if (nesting_depth(repaired.text) > kMaxNesting) {
      return skip("JSON nested deeper than " + std::to_string(kMaxNesting) + " levels");
    }
    Json document;
    try {
      document = Json::parse(repaired.text);
    } catch (const nlohmann::json::exception& error) {
      return skip("malformed JSON (" + short_reason(error) + ")");
    }
    if (!document.is_object()) {
      return skip(std::string("line is not a JSON object (it is ") + document.type_name() + ")");
    }
    if (auto article = to_article(document)) sink_.article(std::move(*article));
  }

  // A whole input that is one JSON document (a pretty-printed .json file): an object is one article, an
  // array one per element.
  void read_document(const Json& document) {
    if (document.is_object()) {
      element_ = 1;
      whole_ = true;
      if (auto article = to_article(document)) sink_.article(std::move(*article));
      return;
    }
    if (!document.is_array()) {
      return sink_.skip(
          {input_.origin, 0,
           std::string("JSON document is not an object or an array (it is ") + document.type_name() + ")"});
    }
    whole_ = false;
    for (const Json& item : document) {
      ++element_;
      if (!item.is_object()) {
        skip(std::string("not a JSON object (it is ") + item.type_name() + ")");
        continue;
      }
      if (auto article = to_article(item)) sink_.article(std::move(*article));
    }
  }

 private:
  std::optional<Article> to_article(const Json& document) {
    Article article;
    for (const auto& item : document.items()) {
      const std::string& key = item.key();
      const Json& value = item.value();
      const auto known = std::find_if(kKnownFields.begin(), kKnownFields.end(),
                                      [&](const KnownField& field) { return field.name == key; });
      const bool paragraphs = key == "body" || key == "body-paragraphs" || key == "paragraphs";
      if (paragraphs && value.is_array()) {
        append_paragraphs(article.body, value, 0);
        continue;
      }
      if (known == kKnownFields.end()) {
        article.extra.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
        continue;
      }
      if (value.is_null()) continue;
      if (value.is_string()) {
        article.*known->member = value.get<std::string>();
      } else if (value.is_number()) {
        article.*known->member = value.dump();
      } else {
        skip("field \"" + key + "\" must be a string (it is " + value.type_name() + ")");
        return std::nullopt;
      }
    }

    for (const KnownField& known : kKnownFields) {
      std::string& field = article.*known.member;
      field = std::string(detail::trim_space(field));
    }
    if (article.title.empty() && article.body.empty()) {
      skip(element_ == 0 ? "line has neither title nor body" : "object has neither title nor body");
      return std::nullopt;
    }
    if (element_ == 0) {
      if (article.id.empty()) article.id = input_.id_base + "#" + std::to_string(number_);
      article.origin = input_.origin + ":" + std::to_string(number_);
    } else if (!whole_) {
      if (article.id.empty()) article.id = input_.id_base + "#" + std::to_string(element_);
      article.origin = input_.origin + "#" + std::to_string(element_);
    } else {
      if (article.id.empty()) article.id = input_.id_base;
      article.origin = input_.origin;
    }
    normalize_date(article);
    normalize_lang(article);
    return article;
  }

  void normalize_date(Article& article) {
    if (article.date.empty()) return;
    if (auto iso = detail::iso_pubdate(article.date)) {
      article.date = std::move(*iso);
      return;
    }
    warn(detail::bad_date_message(article.date));
    article.date.clear();
  }

  void normalize_lang(Article& article) {
    if (article.lang.empty()) return;
    if (auto code = detail::language_code(article.lang)) {
      article.lang = std::move(*code);
      return;
    }
    warn("lang \"" + article.lang + "\" is not an ISO 639 language code; the default language is used");
    article.lang.clear();
  }

  // Strings of a (nested) array as paragraphs: ["One.", ["Two.", "Three."]].
  static void append_paragraphs(std::string& body, const Json& value, std::size_t depth) {
    if (value.is_string()) {
      detail::append_paragraph(body, detail::trim_space(value.get_ref<const std::string&>()));
    } else if (value.is_array() && depth < kMaxNesting) {
      for (const Json& item : value) append_paragraphs(body, item, depth + 1);
    }
  }

  // In a whole-document input, diagnostics name the element ("element 3: ...") and concern the input.
  void skip(std::string message) {
    if (element_ > 0 && !whole_) message = "element " + std::to_string(element_) + ": " + message;
    sink_.skip({input_.origin, element_ == 0 ? number_ : 0, std::move(message)});
  }
  void warn(std::string message) {
    if (element_ > 0 && !whole_) message = "element " + std::to_string(element_) + ": " + message;
    sink_.warn({input_.origin, element_ == 0 ? number_ : 0, std::move(message)});
  }

  const Input& input_;
  ArticleSink& sink_;
  std::uint64_t number_ = 0;
  std::size_t element_ = 0;  // 1-based element of a whole-document input; 0 in JSON Lines
  bool whole_ = false;       // the document is one object, not an array of them
};

// The input as one JSON document, when it is one that spans lines: its first non-blank line is not a JSON
// value of its own, and the whole parses. nullopt for JSON Lines (and for broken documents, which are then
// read line by line, so every line gets its diagnostic).
std::optional<Json> whole_document(std::string_view text, const std::vector<std::string_view>& lines) {
  const auto first = std::find_if(lines.begin(), lines.end(),
                                  [](std::string_view line) { return !detail::trim_space(line).empty(); });
  if (first == lines.end()) return std::nullopt;
  const std::string_view start = detail::trim_space(*first);
  if (!(start.starts_with('{') || start.starts_with('[')) || Json::accept(start)) return std::nullopt;
  if (nesting_depth(text) > kMaxNesting || !analysis::is_valid_utf8(text) || !Json::accept(text)) {
    return std::nullopt;
  }
  return Json::parse(text);
}

}  // namespace

void read_jsonl(const Input& input, ArticleSink& sink) {
  LineReader reader(input, sink);
  // UTF-8 with bad bytes is repaired line by line, so each warning names its line; JSON Lines in another
  // encoding (RFC 8259 says UTF-8, exports do not always listen) is converted as a whole.
  const DecodedText decoded = decode(input.bytes);
  std::string_view text = detail::strip_bom(input.bytes);
  if (decoded.encoding() != "UTF-8") {
    text = decoded.text();
    if (decoded.replaced() > 0) sink.warn({input.origin, 0, replaced_warning(decoded, input.first_line)});
  }
  const auto lines = detail::split_lines(text);
  if (auto document = whole_document(text, lines)) return reader.read_document(*document);
  for (std::size_t index = 0; index < lines.size(); ++index)
    reader.read(lines[index], input.first_line + index);
}

}  // namespace newsdig::formats
