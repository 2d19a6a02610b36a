#pragma once
// Folding of names into the keys boolean fields hold (person:, org:, place:, topic:...), used alike by
// the indexer (entity keys, input tags) and the query parser (field values), so `person:"Vladimir Putin"`,
// `person:"vladimir putin"` and `person:"Vladímir Pútin"` meet on one key.
#include <string>
#include <string_view>

namespace newsdig::analysis {

// NFKC case folding, accents and other combining marks removed, apostrophes and periods dropped, every
// run of white space, hyphens and other punctuation made one space, trimmed: "Shinzo  Abe" and
// "shinzo-abe" -> "shinzo abe", "U.S." -> "us", "Zürich" -> "zurich". Ill-formed UTF-8 never throws.
std::string fold_key(std::string_view name);

}  // namespace newsdig::analysis
