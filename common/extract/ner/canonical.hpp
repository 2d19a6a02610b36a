#pragma once
// Canonical names of the entities of one article: the mentions of one person, organisation or place are
// grouped and get one display name. Persons lose titles ("Prime Minister Shinzo Abe" -> "Shinzo Abe"); a
// surname or given name alone joins the full name ("Abe" -> "Shinzo Abe", "Xi" -> "Xi Jinping"); a near-miss
// spelling joins the majority spelling with the same surname ("Vladmir Putin" -> "Vladimir Putin"); an
// acronym joins the name whose initials it spells ("Asia-Pacific Economic Cooperation" -> "APEC").
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/article.hpp"
#include "common/extract/ner/lexicon.hpp"

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

// Full names of persons that unlabelled news mentions often (newsdig-ner-train names builds the list from
// the Reuters 2006-2013 articles), for spelling slips across articles: "Vladmir Putin" is not among them,
// "Vladimir Putin" is, with the same surname.
class KnownNames {
 public:
  struct Name {
    std::string display;
    std::vector<std::string> folded;  // its words, each fold_key()ed
    std::uint32_t articles = 0;
  };

  // `name` as displayed ("Vladimir Putin"), `articles` how many articles named it.
  void add(std::string_view name, std::uint32_t articles);

  // The known name that a person's name may misspell: as many words, the same last word, every other word
  // a near miss (edit distance 1 from 4 letters, 2 from 6) or equal; the most frequent if several. Null
  // when the name is known itself or nothing is near. `folded`: the name's words, each fold_key()ed.
  const Name* nearest(std::span<const std::string> folded) const;

  std::size_t size() const noexcept { return names_.size(); }
  void write(ByteWriter& out) const;
  static KnownNames read(ByteReader& in);

 private:
  std::vector<Name> names_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_last_word_;
  std::unordered_set<std::string> keys_;
};

// `known`, when given, corrects spelling slips in persons' full names; a word of the vocabulary (the
// clustered words, seen 20 times or more in the unlabelled news) is a real spelling and never corrected.
Canonicalization canonicalize(std::span<const Mention> mentions, const KnownNames* known = nullptr,
                              const WordClusters* vocabulary = nullptr);

// The word a person goes by alone: the last ("Vladimir Putin" -> "Putin"), or the first when a common
// East Asian family name leads ("Xi Jinping" -> "Xi", "Park Geun-hye" -> "Park"). Empty for one word.
std::string short_name(std::span<const std::string> words);

// The words of a display name (split at spaces).
std::vector<std::string> name_words(std::string_view name);

// The mention without the words that are not part of the name: leading titles of a person ("President",
// "Prime Minister", "Mr."), a leading "the", trailing possessives and punctuation. At least one word stays.
Mention clean_mention(const Mention& mention);

// Levenshtein distance between two byte strings (used on folded names).
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace newsdig::extract::ner
