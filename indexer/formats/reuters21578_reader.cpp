#include "indexer/formats/reuters21578_reader.hpp"

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "indexer/formats/decode.hpp"
#include "indexer/formats/input_text.hpp"
#include "indexer/formats/markup.hpp"

namespace newsdig::formats {
namespace {

constexpr std::string_view kIdPrefix = "reuters21578:";

struct CategoryList {
  std::string_view element;
  std::string_view field;
};
constexpr std::array<CategoryList, 5> kCategoryLists = {{
    {"TOPICS", "topic"},
    {"PLACES", "place"},
    {"PEOPLE", "person"},
    {"ORGS", "org"},
    {"EXCHANGES", "exchange"},
}};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `body` without its closing "Reuter" sign-off (any case, dots after it allowed), when it has one.
std::string_view without_sign_off(std::string_view body) {
  std::string_view rest = detail::trim_space(body);
  while (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);
  constexpr std::string_view kSignOff = "reuter";
  if (rest.size() < kSignOff.size()) return body;
  const std::string_view tail = rest.substr(rest.size() - kSignOff.size());
  for (std::size_t i = 0; i < kSignOff.size(); ++i) {
    if (lower(tail[i]) != kSignOff[i]) return body;
  }
  rest.remove_suffix(kSignOff.size());
  if (!rest.empty() && !is_space(rest.back())) return body;  // "...Reuter" inside a word
  return rest;
}

// DATE's text up to the first numeric reference: some dates carry wire codes ("...01.79&#5;&#5;&#5;F").
std::string date_text(std::string_view content) {
  content = content.substr(0, content.find("&#"));
  return detail::collapse_space(detail::decode_references(content));
}

class RecordReader {
 public:
  RecordReader(const Input& input, ArticleSink& sink) : input_(input), sink_(sink) {}

  void read(const detail::Element& record, std::uint64_t line) {
    line_ = line;
    const std::string_view new_id = detail::trim_space(detail::attribute(record.attributes, "NEWID"));
    if (new_id.empty()) return skip("REUTERS element without NEWID");

    Article article;
    article.id = std::string(kIdPrefix) + std::string(new_id);
    article.origin = input_.origin + ":" + std::to_string(line);
    article.source = "Reuters";
    const std::string_view content = record.content;

    if (auto date = detail::find_element(content, "DATE")) read_date(date->content, article);
    for (const CategoryList& list : kCategoryLists) {
      if (auto element = detail::find_element(content, list.element))
        read_items(element->content, list.field, article);
    }
    if (auto text = detail::find_element(content, "TEXT")) read_text(*text, article);

    if (!detail::has_words(article.title) && !detail::has_words(article.body)) return skip("empty article");
    for (std::string_view name : {"LEWISSPLIT", "CGISPLIT", "OLDID"}) {
      const std::string_view value = detail::attribute(record.attributes, name);
      if (value.empty()) continue;
      std::string key(name);
      for (char& c : key) c = lower(c);
      article.extra.emplace_back(std::move(key), std::string(value));
    }
    sink_.article(std::move(article));
  }

  void skip(std::string message) { sink_.skip({input_.origin, line_, std::move(message)}); }

 private:
  void read_date(std::string_view content, Article& article) {
    const std::string text = date_text(content);
    if (text.empty()) return;
    if (auto iso = detail::iso_pubdate(text)) {
      article.date = std::move(*iso);
      return;
    }
    const std::string_view day = std::string_view(text).substr(0, text.find(' '));
    if (auto iso = detail::iso_pubdate(day)) {
      article.date = std::move(*iso);
      warn("date \"" + text + "\" has an unreadable time; only the day is kept");
      return;
    }
    warn(detail::bad_date_message(text));
  }

  static void read_items(std::string_view content, std::string_view field, Article& article) {
    std::size_t pos = 0;
    while (auto item = detail::find_element(content, "D", pos)) {
      pos = item->end;
      std::string value = detail::collapse_space(detail::decode_references(item->content));
      if (!value.empty()) article.tags.push_back({std::string(field), std::move(value)});
    }
  }

  static void read_text(const detail::Element& text, Article& article) {
    const std::string_view type = detail::attribute(text.attributes, "TYPE");
    if (type == "UNPROC") {
      const std::string raw = detail::decode_references(text.content);
      std::string_view rest = detail::trim_space(raw);
      const std::size_t line_end = rest.find('\n');
      article.title = detail::collapse_space(rest.substr(0, line_end));
      rest = line_end == std::string_view::npos ? std::string_view() : rest.substr(line_end + 1);
      article.body = detail::reflow(without_sign_off(rest));
      return;
    }
    if (auto title = detail::find_element(text.content, "TITLE")) {
      article.title = detail::collapse_space(detail::decode_references(title->content));
    }
    if (auto author = detail::find_element(text.content, "AUTHOR")) {
      article.byline = detail::byline_names(detail::decode_references(author->content));
    }
    if (auto dateline = detail::find_element(text.content, "DATELINE")) {
      article.dateline = detail::dateline_place(detail::decode_references(dateline->content));
    }
    if (auto body = detail::find_element(text.content, "BODY")) {
      const std::string decoded = detail::decode_references(body->content);
      article.body = detail::reflow(without_sign_off(decoded));
    }
  }

  void warn(std::string message) { sink_.warn({input_.origin, line_, std::move(message)}); }

  const Input& input_;
  ArticleSink& sink_;
  std::uint64_t line_ = 0;
};

}  // namespace

void read_reuters21578(const Input& input, ArticleSink& sink) {
  const DecodedText decoded = decode_input(input, sink);
  const std::string_view text = decoded.text();
  detail::LineCounter lines(text, input.first_line);
  RecordReader reader(input, sink);
  std::size_t pos = 0;
  bool any = false;
  while (auto record = detail::find_element(text, "REUTERS", pos)) {
    any = true;
    const std::uint64_t line = lines.line_at(record->begin);
    const std::size_t next = text.find("<REUTERS", record->begin + 1);
    if (!record->closed || (next != std::string_view::npos && next < record->end)) {
      sink.skip({input.origin, line, "REUTERS element has no end tag </REUTERS>"});
      if (next == std::string_view::npos) break;
      pos = next;
      continue;
    }
    reader.read(*record, line);
    pos = record->end;
  }
  if (!any) sink.skip({input.origin, 0, "no <REUTERS> element (not Reuters-21578 SGML)"});
}

}  // namespace newsdig::formats
