#pragma once
// The stored record: what the searcher shows of a hit, kept as the Xapian document data.
// Encoding: one JSON object, keys as in Article (`id`, `title`, `body`, `source`, `dateline`, `date`,
// `url`, `lang`, `byline`, `origin`; `tags` [{field, value}]; `extra` an object of the input's other
// fields), plus `v`, the record version (2). Empty members are left out. Entities and date mentions are
// compact, as they would otherwise outweigh the text (measured on the Reuters financial archive: 2.5 KB
// of JSON objects per article against 2.4 KB of body):
//   `entities` [[type letter (p person, o org, l place, m misc), name, count, key if not fold_key(name)]]
//   `mentions` [[value, field letter (t title, b body), start, end]]: the text is the field's bytes
//   between the offsets.
#include <string>
#include <string_view>

#include "common/article.hpp"

namespace newsdig::store {

inline constexpr int kRecordVersion = 2;

std::string encode_record(const Article& article);

// Throws std::runtime_error (naming what is wrong) if `data` is not a record of this version.
Article decode_record(std::string_view data);

}  // namespace newsdig::store
