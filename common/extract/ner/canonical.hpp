#pragma once
// Canonical names of the entities of one article: the mentions of one person, organisation or place are
// grouped and get one display name. Persons lose titles ("Prime Minister Shinzo Abe" -> "Shinzo Abe"); a
// surname or given name alone joins the full name ("Abe" -> "Shinzo Abe", "Xi" -> "Xi Jinping"); a near-miss
// spelling joins the majority spelling with the same surname ("Vladmir Putin" -> "Vladimir Putin"); an
// acronym joins the name whose initials it spells ("Asia-Pacific Economic Cooperation" -> "APEC").
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"

namespace newsdig::extract::ner {

struct Mention {
  EntityType type = EntityType::Misc;
  std::vector<std::string> words;  // the tagger's tokens
  std::vector<char> joined;        // per word: no space before it in the text ("U.S." "-led")
};

// The words as one name: one space between words unless joined.
std::string display_name(const Mention& mention);

struct CanonicalEntity {
  EntityType type = EntityType::Misc;
  std::string name;                  // display form
  std::vector<std::string> aliases;  // other names the article uses for it, and a person's surname
  unsigned count = 0;                // mentions
};

struct Canonicalization {
  std::vector<CanonicalEntity> entities;  // in order of first mention
  std::vector<std::size_t> entity_of;     // per mention, its entity (an index into entities), or
                                          // entities.size() when nothing of its name is left
};

Canonicalization canonicalize(std::span<const Mention> mentions);

// The mention without the words that are not part of the name: leading titles of a person ("President",
// "Prime Minister", "Mr."), a leading "the", trailing possessives and punctuation. At least one word stays.
Mention clean_mention(const Mention& mention);

// Levenshtein distance between two byte strings (used on folded names).
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace newsdig::extract::ner
