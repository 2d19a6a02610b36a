#pragma once
// Gazetteer sources for newsdig-ner-train: Debian's iso-codes (countries, subdivisions, currencies,
// languages), ICU's region names and time-zone cities, the Reuters-21578 category lists, and the entities
// of the training data itself.
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/extract/ner/lexicon.hpp"
#include "common/extract/ner/tools/conll.hpp"

namespace newsdig::extract::ner::tools {

// A name as the gazetteer keys it: the tagger's tokens, lower-cased.
std::vector<std::string> phrase_words(std::string_view name);

// Each returns how many names it added. Throw std::runtime_error for unreadable files.
std::size_t add_iso_codes(Gazetteer& gazetteer, const std::filesystem::path& json_dir);
std::size_t add_icu_places(Gazetteer& gazetteer);
std::size_t add_reuters_lists(Gazetteer& gazetteer, const std::filesystem::path& reuters21578_dir);
// The gold entities of the documents `take` accepts (by index).
std::size_t add_training_entities(Gazetteer& gazetteer, std::span<const LabelledDocument> documents,
                                  const std::function<bool(std::size_t)>& take);

}  // namespace newsdig::extract::ner::tools
