#include "common/extract/ner/canonical.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <utility>

#include "common/analysis/fold.hpp"
#include "common/util/text.hpp"

namespace newsdig::extract::ner {
namespace {

// Words that come before a person's name without being part of it (compared folded: "Mr." -> "mr").
constexpr std::array<std::string_view, 78> kTitles = {"president",
                                                      "vice",
                                                      "prime",
                                                      "minister",
                                                      "chancellor",
                                                      "premier",
                                                      "king",
                                                      "queen",
                                                      "prince",
                                                      "princess",
                                                      "pope",
                                                      "sheikh",
                                                      "sir",
                                                      "lord",
                                                      "lady",
                                                      "dame",
                                                      "mr",
                                                      "mrs",
                                                      "ms",
                                                      "miss",
                                                      "dr",
                                                      "prof",
                                                      "professor",
                                                      "gen",
                                                      "general",
                                                      "col",
                                                      "colonel",
                                                      "lt",
                                                      "capt",
                                                      "captain",
                                                      "sgt",
                                                      "adm",
                                                      "admiral",
                                                      "sen",
                                                      "senator",
                                                      "rep",
                                                      "representative",
                                                      "gov",
                                                      "governor",
                                                      "mayor",
                                                      "judge",
                                                      "justice",
                                                      "chief",
                                                      "secretary",
                                                      "foreign",
                                                      "finance",
                                                      "defence",
                                                      "defense",
                                                      "interior",
                                                      "trade",
                                                      "economy",
                                                      "state",
                                                      "deputy",
                                                      "cabinet",
                                                      "chairman",
                                                      "chairwoman",
                                                      "chair",
                                                      "ceo",
                                                      "executive",
                                                      "coach",
                                                      "manager",
                                                      "ambassador",
                                                      "envoy",
                                                      "spokesman",
                                                      "spokeswoman",
                                                      "former",
                                                      "late",
                                                      "commissioner",
                                                      "director",
                                                      "officer",
                                                      "rev",
                                                      "reverend",
                                                      "father",
                                                      "brother",
                                                      "sister",
                                                      "saint",
                                                      "emperor",
                                                      "empress"};

constexpr std::array<std::string_view, 16> kInitialsSkipped = {
    "of", "and", "the", "for", "de", "du", "des", "la", "le", "on", "in", "at", "to", "&", "del", "von"};

// Family names that come first in Chinese, Korean and Vietnamese names as the press writes them.
constexpr std::array<std::string_view, 88> kLeadingFamilyNames = {
    "xi",    "hu",    "wen",  "li",   "wang", "zhang", "liu",    "chen",  "yang", "zhao",  "huang",
    "zhou",  "wu",    "xu",   "sun",  "ma",   "zhu",   "guo",    "he",    "lin",  "luo",   "gao",
    "liang", "zheng", "xie",  "tang", "han",  "cao",   "deng",   "feng",  "zeng", "peng",  "jiang",
    "lu",    "ye",    "wei",  "pan",  "du",   "dai",   "xia",    "zhong", "tian", "ren",   "fan",
    "fang",  "shi",   "yao",  "tan",  "bo",   "yu",    "kim",    "lee",   "park", "choi",  "jung",
    "kang",  "cho",   "yoon", "jang", "lim",  "moon",  "roh",    "chun",  "ban",  "hwang", "ahn",
    "song",  "hong",  "yoo",  "shin", "kwon", "oh",    "nguyen", "tran",  "pham", "hoang", "vu",
    "vo",    "dang",  "bui",  "do",   "ngo",  "duong", "ly",     "hun",   "ung",  "qin",   "kong"};

bool is_title(std::string_view folded) {
  return std::find(kTitles.begin(), kTitles.end(), folded) != kTitles.end();
}

bool is_punctuation(std::string_view word) {
  return std::none_of(word.begin(), word.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
           (byte >= 'A' && byte <= 'Z');
  });
}

bool has_lower(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// "APEC", "U.N.", "NATO": the letters, if the name is an acronym.
std::string acronym_letters(std::string_view name) {
  std::string letters;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      letters.push_back(c);
    } else if (c != '.') {
      return {};
    }
  }
  return letters.size() >= 2 && letters.size() <= 8 ? letters : std::string{};
}

// "Asia-Pacific Economic Cooperation" -> "APEC": the first letter of each word and of each part of a
// hyphenated word; function words give a letter only with `with_function_words` ("Bank of Japan" -> BOJ).
std::string initials(const std::vector<std::string>& words, bool with_function_words) {
  std::string letters;
  for (const auto& word : words) {
    std::size_t from = 0;
    while (from < word.size()) {
      std::size_t to = word.find('-', from);
      if (to == std::string::npos) to = word.size();
      std::string part = word.substr(from, to - from);
      std::string folded = analysis::fold_key(part);
      bool skipped = !with_function_words && std::find(kInitialsSkipped.begin(), kInitialsSkipped.end(),
                                                       folded) != kInitialsSkipped.end();
      if (!part.empty() && !skipped) {
        char first = part[0];
        letters.push_back(first >= 'a' && first <= 'z' ? static_cast<char>(first - 'a' + 'A') : first);
      }
      from = to + 1;
    }
  }
  return letters;
}

struct Group {
  EntityType type = EntityType::Misc;
  std::vector<std::string> folded;  // folded words
  std::string name;
  std::string key;
  bool name_has_lower = false;
  unsigned count = 0;
  std::size_t first = 0;           // first mention
  std::size_t parent;              // itself when a root
  std::vector<std::string> names;  // display forms of its mentions, in order
};

std::size_t root(std::vector<Group>& groups, std::size_t g) {
  while (groups[g].parent != g) g = groups[g].parent;
  return g;
}

// Merges group `from` into root `into`.
void merge(std::vector<Group>& groups, std::size_t from, std::size_t into) {
  from = root(groups, from);
  into = root(groups, into);
  if (from == into) return;
  groups[from].parent = into;
  groups[into].count += groups[from].count;
  groups[into].first = std::min(groups[into].first, groups[from].first);
}

bool better(const Group& a, const Group& b) {
  return a.count != b.count ? a.count > b.count : a.first < b.first;
}

std::size_t allowed_distance(std::size_t length) {
  return length >= 6 ? 2 : length >= 4 ? 1 : 0;
}

bool near_miss(const Group& a, const Group& b) {
  if (a.folded.size() != b.folded.size() || a.folded.size() < 2) return false;
  if (a.folded.back() != b.folded.back()) return false;
  bool differs = false;
  for (std::size_t i = 0; i + 1 < a.folded.size(); ++i) {
    const auto& x = a.folded[i];
    const auto& y = b.folded[i];
    if (x == y) continue;
    differs = true;
    if (edit_distance(x, y) > allowed_distance(std::min(x.size(), y.size()))) return false;
  }
  return differs;
}

// Whether `part` is a run of words at the start or the end of `whole`.
bool is_end_of(const std::vector<std::string>& part, const std::vector<std::string>& whole) {
  if (part.empty() || part.size() >= whole.size()) return false;
  return std::equal(part.begin(), part.end(), whole.begin()) ||
         std::equal(part.begin(), part.end(), whole.end() - static_cast<std::ptrdiff_t>(part.size()));
}

}  // namespace

std::string display_name(const Mention& mention) {
  std::string name;
  for (std::size_t i = 0; i < mention.words.size(); ++i) {
    bool joined = i < mention.joined.size() && mention.joined[i] != 0;
    if (i > 0 && !joined) name.push_back(' ');
    name += mention.words[i];
  }
  return name;
}

Mention clean_mention(const Mention& mention) {
  if (mention.words.empty()) return Mention{mention.type, {}, {}};
  std::size_t first = 0;
  std::size_t last = mention.words.size();
  while (last > first + 1) {
    const std::string& word = mention.words[last - 1];
    if (word == "'s" || word == "'S" || is_punctuation(word)) {
      --last;
    } else {
      break;
    }
  }
  if (mention.type == EntityType::Person) {
    // Everything up to the last title among the first words goes: "Russian President Vladimir Putin".
    for (std::size_t i = std::min<std::size_t>(last - 1, first + 4); i > first; --i) {
      if (is_title(analysis::fold_key(mention.words[i - 1]))) {
        first = i;
        break;
      }
    }
  }
  while (first + 1 < last) {
    const std::string& word = mention.words[first];
    std::string folded = analysis::fold_key(word);
    bool starts_lower = !word.empty() && word[0] >= 'a' && word[0] <= 'z';  // "former", "late"
    bool drop = is_punctuation(word) || (folded == "the" && mention.type != EntityType::Person) ||
                (mention.type == EntityType::Person && (is_title(folded) || starts_lower));
    if (!drop) break;
    ++first;
  }
  Mention cleaned;
  cleaned.type = mention.type;
  for (std::size_t i = first; i < last; ++i) {
    cleaned.words.push_back(mention.words[i]);
    cleaned.joined.push_back(i > first && i < mention.joined.size() ? mention.joined[i] : 0);
  }
  return cleaned;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

Canonicalization canonicalize(std::span<const Mention> mentions, const KnownNames* known,
                              const WordClusters* vocabulary) {
  std::vector<Group> groups;
  std::map<std::pair<EntityType, std::string>, std::size_t> by_key;
  std::vector<std::size_t> group_of(mentions.size(), 0);
  std::vector<bool> kept(mentions.size(), false);
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    Mention cleaned = clean_mention(mentions[m]);
    std::string name = display_name(cleaned);
    std::string key = analysis::fold_key(name);
    if (key.empty()) continue;
    kept[m] = true;
    auto [it, inserted] = by_key.try_emplace({cleaned.type, key}, groups.size());
    if (inserted) {
      Group group;
      group.type = cleaned.type;
      for (const auto& word : cleaned.words) {
        std::string folded = analysis::fold_key(word);
        if (!folded.empty()) group.folded.push_back(std::move(folded));
      }
      group.name = name;
      group.key = key;
      group.name_has_lower = has_lower(name);
      group.first = m;
      group.parent = groups.size();
      groups.push_back(std::move(group));
    }
    Group& group = groups[it->second];
    ++group.count;
    // A headline's capitals give way to the article's own spelling.
    if (!group.name_has_lower && has_lower(name)) {
      group.name = name;
      group.name_has_lower = true;
    }
    group.names.push_back(name);
    group_of[m] = it->second;
  }

  // Near-miss spellings of a person join the majority spelling with the same surname.
  for (std::size_t a = 0; a < groups.size(); ++a) {
    for (std::size_t b = a + 1; b < groups.size(); ++b) {
      if (groups[a].type != EntityType::Person || groups[b].type != EntityType::Person) continue;
      if (root(groups, a) == root(groups, b) || !near_miss(groups[a], groups[b])) continue;
      std::size_t ra = root(groups, a);
      std::size_t rb = root(groups, b);
      if (better(groups[ra], groups[rb])) {
        merge(groups, rb, ra);
      } else {
        merge(groups, ra, rb);
      }
    }
  }

  // A person's surname or given name alone joins the full name with the most mentions, shortest first.
  std::vector<std::size_t> order(groups.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return groups[x].folded.size() < groups[y].folded.size();
  });
  for (std::size_t s : order) {
    if (groups[s].type != EntityType::Person || root(groups, s) != s) continue;
    std::size_t best = groups.size();
    for (std::size_t l = 0; l < groups.size(); ++l) {
      if (l == s || groups[l].type != EntityType::Person || root(groups, l) != l) continue;
      if (!is_end_of(groups[s].folded, groups[l].folded)) continue;
      if (best == groups.size() || better(groups[l], groups[best])) best = l;
    }
    if (best != groups.size()) merge(groups, s, best);
  }

  // An organisation's acronym takes in the longer names it abbreviates.
  for (std::size_t a = 0; a < groups.size(); ++a) {
    if (groups[a].type != EntityType::Org || root(groups, a) != a) continue;
    std::string letters = acronym_letters(groups[a].name);
    if (letters.empty()) continue;
    for (std::size_t l = 0; l < groups.size(); ++l) {
      if (l == a || groups[l].type == EntityType::Person || root(groups, l) != l ||
          groups[l].folded.size() < 2)
        continue;
      // Initials come from the display words, so "Asia-Pacific" gives two letters.
      std::vector<std::string> display;
      std::string current;
      for (char c : groups[l].name) {
        if (c == ' ') {
          if (!current.empty()) display.push_back(current);
          current.clear();
        } else {
          current.push_back(c);
        }
      }
      if (!current.empty()) display.push_back(current);
      if (initials(display, false) == letters || initials(display, true) == letters) merge(groups, l, a);
    }
  }

  // Within the article, mentions of one name with different types go with the type most of them have
  // ("Abe" tagged ORG once among PER mentions); a lone word that is a person's short name goes with the
  // person when the person is named at least twice as often.
  for (std::size_t a = 0; a < groups.size(); ++a) {
    for (std::size_t b = 0; b < groups.size(); ++b) {
      if (a == b || root(groups, a) != a || root(groups, b) != b || groups[a].type == groups[b].type)
        continue;
      bool same = groups[a].key == groups[b].key;
      bool short_of_person = groups[b].type == EntityType::Person && groups[a].folded.size() == 1 &&
                             is_end_of(groups[a].folded, groups[b].folded) &&
                             groups[b].count >= 2 * groups[a].count;
      if ((same && better(groups[b], groups[a])) || short_of_person) {
        merge(groups, a, b);
        break;
      }
    }
  }

  // A person's full name that misspells a well-known one takes the known spelling, unless the words that
  // differ are common words themselves ("Yoshiro" is not a slip for "Yoshiko" if news writes it often).
  if (known != nullptr) {
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (root(groups, g) != g || groups[g].type != EntityType::Person || groups[g].folded.size() < 2)
        continue;
      const KnownNames::Name* name = known->nearest(groups[g].folded);
      if (name == nullptr) continue;
      auto words = name_words(groups[g].name);
      bool common_word = false;
      for (std::size_t i = 0; i < words.size() && i < name->folded.size() && vocabulary != nullptr; ++i) {
        bool differs = analysis::fold_key(words[i]) != name->folded[i];
        if (differs && vocabulary->find(hash_bytes(words[i])) != nullptr) common_word = true;
      }
      if (!common_word) groups[g].name = name->display;
    }
  }

  Canonicalization result;
  std::vector<std::size_t> entity_of_root(groups.size(), groups.size());
  std::vector<std::size_t> roots;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (root(groups, g) == g) roots.push_back(g);
  }
  std::sort(roots.begin(), roots.end(),
            [&](std::size_t x, std::size_t y) { return groups[x].first < groups[y].first; });
  for (std::size_t r : roots) {
    entity_of_root[r] = result.entities.size();
    CanonicalEntity entity;
    entity.type = groups[r].type;
    entity.name = groups[r].name;
    entity.count = groups[r].count;
    result.entities.push_back(std::move(entity));
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::size_t r = root(groups, g);
    CanonicalEntity& entity = result.entities[entity_of_root[r]];
    if (g != r) {
      const std::string& alias = groups[g].name;
      if (std::find(entity.aliases.begin(), entity.aliases.end(), alias) == entity.aliases.end()) {
        entity.aliases.push_back(alias);
      }
    }
  }
  for (CanonicalEntity& entity : result.entities) {
    if (entity.type != EntityType::Person) continue;
    std::string alias = short_name(name_words(entity.name));
    if (!alias.empty() &&
        std::find(entity.aliases.begin(), entity.aliases.end(), alias) == entity.aliases.end()) {
      entity.aliases.push_back(alias);
    }
  }
  result.entity_of.assign(mentions.size(), 0);
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    result.entity_of[m] = kept[m] ? entity_of_root[root(groups, group_of[m])] : result.entities.size();
  }
  return result;
}

std::vector<std::string> name_words(std::string_view name) {
  return util::space_separated(name);
}

std::string short_name(std::span<const std::string> words) {
  if (words.size() < 2) return {};
  std::string first = analysis::fold_key(words.front());
  if (words.size() <= 3 &&
      std::find(kLeadingFamilyNames.begin(), kLeadingFamilyNames.end(), first) != kLeadingFamilyNames.end()) {
    return words.front();
  }
  return words.back();
}

void KnownNames::add(std::string_view name, std::uint32_t articles) {
  Name entry;
  entry.display = std::string(name);
  for (const auto& word : name_words(name)) {
    std::string folded = analysis::fold_key(word);
    if (!folded.empty()) entry.folded.push_back(std::move(folded));
  }
  if (entry.folded.size() < 2) return;
  std::string key;
  for (const auto& word : entry.folded) key += (key.empty() ? "" : " ") + word;
  if (!keys_.insert(key).second) return;
  entry.articles = articles;
  by_last_word_[entry.folded.back()].push_back(static_cast<std::uint32_t>(names_.size()));
  names_.push_back(std::move(entry));
}

const KnownNames::Name* KnownNames::nearest(std::span<const std::string> folded) const {
  if (folded.size() < 2) return nullptr;
  std::string key;
  for (const auto& word : folded) key += (key.empty() ? "" : " ") + word;
  if (keys_.contains(key)) return nullptr;
  auto candidates = by_last_word_.find(folded.back());
  if (candidates == by_last_word_.end()) return nullptr;
  const Name* best = nullptr;
  for (std::uint32_t index : candidates->second) {
    const Name& name = names_[index];
    if (name.folded.size() != folded.size()) continue;
    bool near = true;
    for (std::size_t i = 0; i + 1 < folded.size() && near; ++i) {
      const auto& x = folded[i];
      const auto& y = name.folded[i];
      near = x == y || edit_distance(x, y) <= allowed_distance(std::min(x.size(), y.size()));
    }
    if (near && (best == nullptr || name.articles > best->articles)) best = &name;
  }
  return best;
}

void KnownNames::write(ByteWriter& out) const {
  out.put(static_cast<std::uint32_t>(names_.size()));
  for (const Name& name : names_) {
    out.put_string(name.display);
    out.put(name.articles);
  }
}

KnownNames KnownNames::read(ByteReader& in) {
  KnownNames names;
  auto count = in.get<std::uint32_t>();
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string display = in.get_string();
    auto articles = in.get<std::uint32_t>();
    names.add(display, articles);
  }
  return names;
}

}  // namespace newsdig::extract::ner
