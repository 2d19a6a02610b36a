#include "indexer/formats/trec_reader.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "indexer/formats/decode.hpp"
#include "indexer/formats/input_text.hpp"
#include "indexer/formats/markup.hpp"

namespace newsdig::formats {
namespace {

constexpr std::array<std::string_view, 6> kTitleTags = {"HEADLINE", "HL", "HEAD", "TI", "TITLE", "H3"};
constexpr std::array<std::string_view, 3> kDateTags = {"DATE", "DD", "DATE1"};
constexpr std::array<std::string_view, 2> kBylineTags = {"BYLINE", "AU"};
constexpr std::array<std::string_view, 2> kSourceTags = {"SO", "SOURCE"};

// The content of the first element of any of `names` (in that order of preference).
template <std::size_t N>
std::optional<std::string_view> first_of(std::string_view doc, const std::array<std::string_view, N>& names) {
  for (std::string_view name : names) {
    if (auto element = detail::find_element(doc, name)) return element->content;
  }
  return std::nullopt;
}

std::string field_text(std::string_view content) {
  return detail::collapse_space(detail::strip_tags(content));
}

class DocReader {
 public:
  DocReader(const Input& input, ArticleSink& sink) : input_(input), sink_(sink) {}

  void read(std::string_view doc, std::uint64_t line) {
    line_ = line;
    const auto docno = detail::find_element(doc, "DOCNO");
    const std::string id = docno ? field_text(docno->content) : std::string();
    if (id.empty()) return skip("DOC without DOCNO");

    Article article;
    article.id = id;
    article.origin = input_.origin + ":" + std::to_string(line);
    if (auto title = first_of(doc, kTitleTags)) article.title = field_text(*title);
    if (auto byline = first_of(doc, kBylineTags)) article.byline = detail::byline_names(field_text(*byline));
    if (auto source = first_of(doc, kSourceTags)) article.source = field_text(*source);
    if (auto dateline = detail::find_element(doc, "DATELINE")) {
      article.dateline = detail::dateline_place(field_text(dateline->content));
    }
    if (auto date = first_of(doc, kDateTags)) {
      const std::string text = field_text(*date);
      if (auto iso = detail::iso_pubdate(text)) {
        article.date = std::move(*iso);
      } else if (!text.empty()) {
        sink_.warn({input_.origin, line_, detail::bad_date_message(text)});
      }
    }
    if (auto lead = detail::find_element(doc, "LP")) {
      detail::append_paragraph(article.body, detail::reflow(detail::strip_tags(lead->content)));
    }
    std::size_t pos = 0;
    while (auto text = detail::find_element(doc, "TEXT", pos)) {
      pos = text->end;
      detail::append_paragraph(article.body, detail::reflow(detail::strip_tags(text->content)));
    }
    if (!detail::has_words(article.title) && !detail::has_words(article.body)) return skip("empty article");
    sink_.article(std::move(article));
  }

 private:
  void skip(std::string message) { sink_.skip({input_.origin, line_, std::move(message)}); }

  const Input& input_;
  ArticleSink& sink_;
  std::uint64_t line_ = 0;
};

}  // namespace

void read_trec(const Input& input, ArticleSink& sink) {
  const DecodedText decoded = decode_input(input, sink);
  const std::string_view text = decoded.text();
  detail::LineCounter lines(text, input.first_line);
  DocReader reader(input, sink);
  std::size_t pos = 0;
  bool any = false;
  while (auto doc = detail::find_element(text, "DOC", pos)) {
    any = true;
    const std::uint64_t line = lines.line_at(doc->begin);
    const std::size_t next = text.find("<DOC>", doc->begin + 1);
    if (!doc->closed || (next != std::string_view::npos && next < doc->end)) {
      sink.skip({input.origin, line, "DOC element has no end tag </DOC>"});
      if (next == std::string_view::npos) break;
      pos = next;
      continue;
    }
    reader.read(doc->content, line);
    pos = doc->end;
  }
  if (!any) sink.skip({input.origin, 0, "no <DOC> element (not TREC SGML)"});
}

}  // namespace newsdig::formats
