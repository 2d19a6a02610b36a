#include "indexer/formats/csv_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "common/util/text.hpp"
#include "indexer/formats/decode.hpp"
#include "indexer/formats/input_text.hpp"
#include "indexer/formats/markup.hpp"

namespace newsdig::formats {
namespace {

struct Synonym {
  std::string_view name;
  std::string_view canonical;
};
constexpr std::array<Synonym, 18> kSynonyms = {{
    {"headline", "title"},
    {"text", "body"},
    {"content", "body"},
    {"description", "body"},
    {"article", "body"},
    {"story", "body"},
    {"published", "date"},
    {"pubdate", "date"},
    {"datetime", "date"},
    {"time", "date"},
    {"author", "byline"},
    {"link", "url"},
    {"language", "lang"},
    {"publisher", "source"},
    {"agency", "source"},
    {"category", "topic"},
    {"topics", "topic"},
    {"exchanges", "exchange"},
}};
constexpr std::array<std::string_view, 9> kFields = {"id",  "title", "body",   "date",    "source",
                                                     "url", "lang",  "byline", "dateline"};
constexpr std::array<std::string_view, 5> kTags = {"topic", "exchange", "person", "org", "place"};

std::string& member(Article& article, std::string_view field) {
  if (field == "id") return article.id;
  if (field == "title") return article.title;
  if (field == "body") return article.body;
  if (field == "date") return article.date;
  if (field == "source") return article.source;
  if (field == "url") return article.url;
  if (field == "lang") return article.lang;
  if (field == "byline") return article.byline;
  return article.dateline;
}

struct Record {
  std::vector<std::string> fields;
  std::uint64_t line = 0;     // where it starts
  std::size_t offset = 0;     // where it starts
  bool unterminated = false;  // a quoted field was still open at the end of the input
};

// RFC 4180 records, leniently: a quote inside an unquoted field is a character, and text after a closing
// quote joins the field.
class CsvParser {
 public:
  CsvParser(std::string_view text, char delimiter, std::uint64_t first_line)
      : text_(text), delimiter_(delimiter), line_(first_line) {}

  // The next record that is not a blank line; nullopt at the end.
  std::optional<Record> next() {
    while (pos_ < text_.size()) {
      Record record = parse();
      if (record.unterminated) return record;
      const bool blank = record.fields.size() == 1 && trim_space(record.fields[0]).empty() && !quoted_;
      if (!blank) return record;
    }
    return std::nullopt;
  }

  // Goes on at the line after the one at `offset` (after a record left open).
  void resume_after(const Record& record) {
    std::size_t end = record.offset;
    while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
    if (end < text_.size() && text_[end] == '\r' && end + 1 < text_.size() && text_[end + 1] == '\n') ++end;
    pos_ = std::min(end + 1, text_.size());
    line_ = record.line + 1;
  }

 private:
  static std::string_view trim_space(std::string_view text) { return detail::trim_space(text); }

  // Consumes a line end at pos_, if there is one.
  bool line_end() {
    if (text_[pos_] == '\n') {
      ++pos_;
    } else if (text_[pos_] == '\r') {
      ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    } else {
      return false;
    }
    ++line_;
    return true;
  }

  Record parse() {
    Record record;
    record.line = line_;
    record.offset = pos_;
    quoted_ = false;
    std::string field;
    bool at_field_start = true;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (at_field_start && c == '"') {
        quoted_ = true;
        at_field_start = false;
        ++pos_;
        if (!quoted_field(field)) {
          record.unterminated = true;
          return record;
        }
        continue;
      }
      at_field_start = false;
      if (c == delimiter_) {
        record.fields.push_back(std::move(field));
        field.clear();
        at_field_start = true;
        ++pos_;
        continue;
      }
      if (line_end()) {
        record.fields.push_back(std::move(field));
        return record;
      }
      std::size_t end = pos_ + 1;
      while (end < text_.size() && text_[end] != delimiter_ && text_[end] != '\n' && text_[end] != '\r')
        ++end;
      field.append(text_.substr(pos_, end - pos_));
      pos_ = end;
    }
    record.fields.push_back(std::move(field));
    return record;
  }

  // After the opening quote: up to the closing one, "" standing for one quote. False if it never closes.
  bool quoted_field(std::string& field) {
    while (true) {
      const std::size_t quote = text_.find('"', pos_);
      if (quote == std::string_view::npos) return false;
      const std::string_view chunk = text_.substr(pos_, quote - pos_);
      line_ += static_cast<std::uint64_t>(std::count(chunk.begin(), chunk.end(), '\n'));
      field.append(chunk);
      pos_ = quote + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        field += '"';
        ++pos_;
        continue;
      }
      return true;
    }
  }

  std::string_view text_;
  char delimiter_;
  std::size_t pos_ = 0;
  std::uint64_t line_;
  bool quoted_ = false;  // the last record had a quoted field
};

char sniff_delimiter(std::string_view text) {
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : text.substr(0, 64 * 1024)) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (tabs > commas && tabs >= semicolons) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}

// Cell text as paragraphs: each non-blank line one (white space collapsed), joined by a blank line.
std::string paragraphs_of(std::string_view cell) {
  if (cell.find_first_of("\n\r") == std::string_view::npos) return detail::collapse_space(cell);
  std::string body;
  for (std::string_view line : detail::split_lines(cell))
    detail::append_paragraph(body, detail::collapse_space(line));
  return body;
}

class RecordReader {
 public:
  RecordReader(const Input& input, ArticleSink& sink, std::vector<ColumnRole> roles,
               std::string_view columns_from)
      : input_(input), sink_(sink), roles_(std::move(roles)), columns_from_(columns_from) {}

  void read(const Record& record, std::uint64_t row) {
    line_ = record.line;
    if (record.fields.size() != roles_.size()) {
      return skip("record has " + std::to_string(record.fields.size()) + " fields; " +
                  std::string(columns_from_) + " has " + std::to_string(roles_.size()));
    }
    Article article;
    for (std::size_t i = 0; i < roles_.size(); ++i) {
      const ColumnRole& role = roles_[i];
      const std::string_view value = detail::trim_space(record.fields[i]);
      switch (role.kind) {
        case ColumnRole::Kind::Ignore: break;
        case ColumnRole::Kind::Field:
          if (role.name == "body") {
            detail::append_paragraph(article.body, paragraphs_of(value));
          } else if (!value.empty()) {
            member(article, role.name) = detail::collapse_space(value);
          }
          break;
        case ColumnRole::Kind::Tag: add_tags(article, role.name, value); break;
        case ColumnRole::Kind::Extra:
          if (!value.empty()) article.extra.emplace_back(role.name, std::string(value));
          break;
      }
    }
    if (!detail::has_words(article.title) && !detail::has_words(article.body)) return skip("empty article");
    if (article.id.empty()) article.id = input_.id_base + "#" + std::to_string(row);
    article.origin = input_.origin + ":" + std::to_string(record.line);
    normalize_date(article);
    normalize_lang(article);
    sink_.article(std::move(article));
  }

  void skip(std::string message) { sink_.skip({input_.origin, line_, std::move(message)}); }

 private:
  static void add_tags(Article& article, const std::string& field, std::string_view value) {
    while (!value.empty()) {
      const std::size_t separator = value.find_first_of(";|");
      const std::string_view item = detail::trim_space(value.substr(0, separator));
      if (!item.empty()) article.tags.push_back({field, detail::collapse_space(item)});
      if (separator == std::string_view::npos) break;
      value.remove_prefix(separator + 1);
    }
  }

  void normalize_date(Article& article) {
    if (article.date.empty()) return;
    if (auto iso = detail::iso_pubdate(article.date)) {
      article.date = std::move(*iso);
      return;
    }
    sink_.warn({input_.origin, line_, detail::bad_date_message(article.date)});
    article.date.clear();
  }

  void normalize_lang(Article& article) {
    if (article.lang.empty()) return;
    if (auto code = detail::language_code(article.lang)) {
      article.lang = std::move(*code);
      return;
    }
    sink_.warn(
        {input_.origin, line_,
         "lang \"" + article.lang + "\" is not an ISO 639 language code; the default language is used"});
    article.lang.clear();
  }

  const Input& input_;
  ArticleSink& sink_;
  std::vector<ColumnRole> roles_;
  std::string_view columns_from_;
  std::uint64_t line_ = 0;
};

bool has_text_column(const std::vector<ColumnRole>& roles) {
  return std::any_of(roles.begin(), roles.end(), [](const ColumnRole& role) {
    return role.kind == ColumnRole::Kind::Field && (role.name == "title" || role.name == "body");
  });
}

bool repeats_names(const Record& record, const std::vector<std::string>& names) {
  if (record.fields.size() != names.size()) return false;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (util::ascii_lower(detail::trim_space(record.fields[i])) !=
        util::ascii_lower(detail::trim_space(names[i])))
      return false;
  }
  return true;
}

}  // namespace

ColumnRole column_role(std::string_view name) {
  const std::string_view trimmed = detail::trim_space(name);
  if (trimmed.empty() || trimmed == "-") return {ColumnRole::Kind::Ignore, {}};
  std::string key = util::ascii_lower(trimmed);
  for (const Synonym& synonym : kSynonyms) {
    if (key == synonym.name) key = synonym.canonical;
  }
  if (std::find(kFields.begin(), kFields.end(), key) != kFields.end()) return {ColumnRole::Kind::Field, key};
  if (std::find(kTags.begin(), kTags.end(), key) != kTags.end()) return {ColumnRole::Kind::Tag, key};
  return {ColumnRole::Kind::Extra, std::string(trimmed)};
}

void read_csv(const Input& input, ArticleSink& sink, const ReaderSettings& settings, char delimiter) {
  const DecodedText decoded = decode_input(input, sink);
  const std::string_view text = detail::strip_bom(decoded.text());
  if (settings.csv_delimiter != '\0') delimiter = settings.csv_delimiter;
  if (delimiter == '\0') delimiter = sniff_delimiter(text);
  CsvParser parser(text, delimiter, input.first_line);

  std::vector<ColumnRole> roles;
  std::string_view columns_from;
  std::optional<Record> first;
  if (!settings.csv_columns.empty()) {
    for (const std::string& name : settings.csv_columns) roles.push_back(column_role(name));
    columns_from = "--columns";
    if (!has_text_column(roles)) {
      sink.skip({input.origin, 0, "--columns names no title or body column"});
      return;
    }
    first = parser.next();
    if (first && !first->unterminated && repeats_names(*first, settings.csv_columns)) first.reset();
  } else {
    const std::optional<Record> header = parser.next();
    if (!header) {
      sink.skip({input.origin, 0, "empty file"});
      return;
    }
    for (const std::string& name : header->fields) roles.push_back(column_role(name));
    columns_from = "the header";
    if (header->unterminated || !has_text_column(roles)) {
      sink.skip({input.origin, header->line,
                 "the first row is not a header naming a title or body column; name the columns with "
                 "--columns (for example --columns id,title,body)"});
      return;
    }
  }

  RecordReader reader(input, sink, std::move(roles), columns_from);
  std::uint64_t row = 0;
  while (true) {
    std::optional<Record> record = first ? std::move(first) : parser.next();
    first.reset();
    if (!record) break;
    ++row;
    if (record->unterminated) {
      sink.skip({input.origin, record->line, "quoted field not closed before the end of the input"});
      parser.resume_after(*record);
      continue;
    }
    reader.read(*record, row);
  }
}

}  // namespace newsdig::formats
