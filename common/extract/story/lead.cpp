#include "common/extract/story/lead.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/fold.hpp"
#include "common/util/hash.hpp"
#include "common/util/text.hpp"

namespace newsdig::extract::story {
namespace {

// Only the body's first paragraph is split into sentences, and only this much of it: a first sentence is
// shorter, and a paragraph without any sentence end (a list, a table) should not cost more.
constexpr std::size_t kFirstParagraphBytes = 600;

// Whether fold_key of a normalized token (already case-folded) is the token itself: plain ASCII letters and
// digits, as almost every English word is (no need for ICU).
bool plain(const std::string& term) {
  return std::all_of(term.begin(), term.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

template <typename T>
void sort_unique(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

}  // namespace

void add_lead(const Article& article, std::string_view language, analysis::Analyzer& analyzer,
              analysis::SentenceSplitter& sentences, StoryFeatures& features) {
  std::vector<analysis::Token> tokens;
  analyzer.tokenize(article.title, tokens);
  const std::string paragraph = util::utf8_prefix(
      std::string_view(article.body).substr(0, article.body.find("\n\n")), kFirstParagraphBytes);
  const auto spans = sentences.split(paragraph);
  if (!spans.empty()) {
    analyzer.tokenize(
        std::string_view(paragraph).substr(spans.front().begin, spans.front().end - spans.front().begin),
        tokens);
  }

  // The lead's words as entity keys spell them (folded), and its all-text terms: an index form is the
  // all-text term itself, as common/store/document_builder adds it.
  // Views of the tokens' terms, or of their folded forms (reserved: never moved).
  std::vector<std::string> folded;
  folded.reserve(tokens.size());
  std::vector<std::string_view> words;
  words.reserve(tokens.size());
  features.lead_terms.clear();
  for (const auto& token : tokens) {
    if (plain(token.term)) {
      words.push_back(token.term);
    } else {
      words.push_back(folded.emplace_back(analysis::fold_key(token.term)));
    }
    features.lead_terms.push_back(analyzer.index_form(token, language));
  }
  sort_unique(words);
  sort_unique(features.lead_terms);

  // People are compared by the stems of their key's words (keys are folded, as the lead's words above), so
  // both sides of a comparison spell a name alike; no name is analysed again.
  features.lead_people.clear();
  features.named_people.clear();
  for (const auto& term : features.lead_terms) features.named_people.push_back(util::stable_hash64(term));
  for (const auto& entity : article.entities) {
    if (entity.type != EntityType::Person) continue;
    const auto key_words = util::space_separated(entity.key);
    if (key_words.empty()) continue;
    for (const auto& word : key_words) {
      features.named_people.push_back(util::stable_hash64(analyzer.stem(word, language)));
    }
    // Named in the lead when every word of its key is a word of the lead; known there by its last word.
    const bool in_lead = std::all_of(key_words.begin(), key_words.end(), [&](const std::string& word) {
      return std::binary_search(words.begin(), words.end(), word);
    });
    if (in_lead) features.lead_people.push_back(features.named_people.back());  // its last word's stem
  }
  sort_unique(features.lead_people);
  sort_unique(features.named_people);
}

}  // namespace newsdig::extract::story
