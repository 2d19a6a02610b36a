#pragma once
// The stored record: what the searcher shows of a hit, kept as the Xapian document data.
// Encoding: one JSON object, keys as in Article (`id`, `title`, `body`, `source`, `dateline`, `date`,
// `url`, `lang`, `byline`, `origin`; `tags` [{field, value}]; `entities` [{type, name, key, count}];
// `mentions` [{value, text, field, start, end}]; `extra` an object of the input's other fields), plus `v`,
// the record version (1). Empty members are left out.
#include <string>
#include <string_view>

#include "common/article.hpp"

namespace newsdig::store {

inline constexpr int kRecordVersion = 1;

std::string encode_record(const Article& article);

// Throws std::runtime_error (naming what is wrong) if `data` is not a record of this version.
Article decode_record(std::string_view data);

}  // namespace newsdig::store
