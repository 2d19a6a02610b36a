#pragma once
// CSV and TSV exports: one article per record. Fields follow RFC 4180 (quoted fields may hold the
// delimiter, line ends and doubled quotes); the columns are named by a header row or by
// ReaderSettings::csv_columns (--columns title,body,...).
#include <optional>
#include <string>
#include <string_view>

#include "indexer/formats/reader.hpp"

namespace newsdig::formats {

// What a column name means: an Article field (id title body date source url lang byline dateline), a tag
// field (topic exchange person org place), Ignore ("-" or empty), or an extra field. Header names are
// matched case-insensitively, with common synonyms: headline -> title; text, content, description,
// article, story -> body; published, pubdate, datetime, time -> date; author -> byline; link -> url;
// language -> lang; publisher, agency -> source; category, topics -> topic.
struct ColumnRole {
  enum class Kind { Field, Tag, Ignore, Extra } kind = Kind::Extra;
  std::string name;  // the canonical field or tag name, or the extra field's name as written
};
ColumnRole column_role(std::string_view name);

// `delimiter` '\0' = ',' unless the first line has more ';' or tabs outside quotes than commas.
// Articles: id = the id column when there is one and it is not blank, else "<id_base>#<row>" (row: the
// record's 1-based number among the data rows); origin "<input.origin>:<line the record starts on>".
// Fields are trimmed; `date` goes through util::parse_pubdate (not understood: a warning, no date);
// several columns of one tag field each add a tag, and a tag cell holding ';' or '|' separated values
// adds each.
// Without settings.csv_columns the first record is the header: a header naming no title or body column
// skips the input as a whole ("pass --columns"). With csv_columns every record is data, except a first
// record that repeats the column names.
// Skipped with their line: a record with a different number of fields than there are columns, a quoted
// field left open at the end of the input (reading goes on at the line after the record's first), a
// record with neither title nor body words. Blank lines are ignored. Any encoding (decode.hpp). Never
// throws but std::bad_alloc.
void read_csv(const Input& input, ArticleSink& sink, const ReaderSettings& settings, char delimiter);

}  // namespace newsdig::formats
