#include "indexer/formats/text_reader.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/formats/decode.hpp"
#include "indexer/formats/input_text.hpp"
#include "indexer/formats/text_rules.hpp"

namespace newsdig::formats {

void read_text(const Input& input, ArticleSink& sink) {
  const DecodedText decoded = decode_input(input, sink);
  std::vector<std::string_view> lines = detail::split_lines(detail::strip_bom(decoded.text()));
  for (std::string_view& line : lines) line = detail::trim_space(line);
  TextLayout layout = apply_text_rules(lines);

  std::string body;
  for (const std::string& paragraph : layout.paragraphs) {
    if (!body.empty()) body += "\n\n";
    body += paragraph;
  }
  if (!detail::has_words(layout.headline) && !detail::has_words(body)) {
    sink.skip({input.origin, 0, "empty article"});
    return;
  }

  Article article;
  article.id = input.id_base;
  article.origin = input.origin;
  article.title = std::move(layout.headline);
  article.body = std::move(body);
  article.source = std::move(layout.source);
  article.byline = std::move(layout.byline);
  article.dateline = std::move(layout.dateline);
  sink.article(std::move(article));
}

}  // namespace newsdig::formats
