#include "common/extract/ner/entity_extractor.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "common/analysis/fold.hpp"
#include "common/extract/ner/canonical.hpp"
#include "common/extract/ner/features.hpp"
#include "common/extract/ner/model.hpp"
#include "common/extract/ner/tagger.hpp"
#include "common/extract/ner/tokenizer.hpp"

namespace newsdig::extract {

struct EntityExtractor::Impl {
  explicit Impl(const ner::Model& loaded) : model(loaded), tagger(loaded) {}

  const ner::Model& model;
  ner::Tagger tagger;
  std::vector<ner::Token> tokens;
  std::vector<ner::Sentence> sentences;
  std::vector<std::string_view> words;
  std::vector<ner::Label> labels;
};

EntityExtractor::EntityExtractor() : impl_(std::make_unique<Impl>(ner::Model::embedded())) {}
EntityExtractor::~EntityExtractor() = default;
EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;
EntityExtractor& EntityExtractor::operator=(EntityExtractor&&) noexcept = default;

namespace {

ner::Mention mention_of(EntityType type, std::span<const ner::Token> tokens) {
  ner::Mention mention;
  mention.type = type;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    mention.words.push_back(tokens[i].form);
    mention.joined.push_back(i > 0 && tokens[i].begin == tokens[i - 1].end ? 1 : 0);
  }
  return mention;
}

}  // namespace

std::vector<EntitySpan> EntityExtractor::find(const Article& article) {
  Impl& impl = *impl_;
  impl.tokens.clear();
  impl.sentences.clear();
  ner::tokenize(article.title, impl.tokens, impl.sentences);
  const auto title_tokens = static_cast<std::uint32_t>(impl.tokens.size());
  ner::tokenize(article.body, impl.tokens, impl.sentences);
  impl.words.clear();
  for (const auto& token : impl.tokens) impl.words.push_back(token.form);
  impl.tagger.tag({impl.words, impl.sentences}, impl.labels);

  auto found = ner::spans_from_labels(impl.labels);
  std::vector<ner::Mention> mentions;
  mentions.reserve(found.size());
  for (const auto& span : found) {
    mentions.push_back(mention_of(
        span.type, std::span<const ner::Token>(impl.tokens).subspan(span.first, span.last - span.first)));
  }
  auto canonical = ner::canonicalize(mentions, &impl.model.names, &impl.model.lexicon.clusters);

  std::vector<EntitySpan> spans;
  spans.reserve(found.size());
  for (std::size_t m = 0; m < found.size(); ++m) {
    std::size_t entity = canonical.entity_of[m];
    if (entity >= canonical.entities.size()) continue;
    const auto& span = found[m];
    bool in_title = span.first < title_tokens;
    const std::string& text = in_title ? article.title : article.body;
    EntitySpan out;
    out.type = canonical.entities[entity].type;
    out.field = in_title ? "title" : "body";
    out.start = impl.tokens[span.first].begin;
    out.end = impl.tokens[span.last - 1].end;
    out.text = text.substr(out.start, out.end - out.start);
    out.canonical = canonical.entities[entity].name;
    spans.push_back(std::move(out));
  }
  return spans;
}

std::vector<Entity> EntityExtractor::entities(const std::vector<EntitySpan>& spans) {
  struct Collected {
    Entity entity;
    std::size_t first = 0;
    std::vector<std::string> alias_keys;
  };
  std::vector<Collected> collected;
  std::map<std::pair<EntityType, std::string>, std::size_t> index;
  std::vector<ner::Token> tokens;
  std::vector<ner::Sentence> sentences;
  for (std::size_t s = 0; s < spans.size(); ++s) {
    const EntitySpan& span = spans[s];
    std::string key = analysis::fold_key(span.canonical);
    if (key.empty()) continue;
    auto [it, inserted] = index.try_emplace({span.type, key}, collected.size());
    if (inserted) {
      Collected entry;
      entry.entity = {span.type, span.canonical, key, 0};
      entry.first = s;
      collected.push_back(std::move(entry));
    }
    Collected& entry = collected[it->second];
    ++entry.entity.count;
    // The name as this mention wrote it, titles stripped, is a search alias when it differs.
    tokens.clear();
    sentences.clear();
    ner::tokenize(span.text, tokens, sentences);
    std::string alias =
        analysis::fold_key(ner::display_name(ner::clean_mention(mention_of(span.type, tokens))));
    if (!alias.empty() && alias != key &&
        std::find(entry.alias_keys.begin(), entry.alias_keys.end(), alias) == entry.alias_keys.end()) {
      entry.alias_keys.push_back(std::move(alias));
    }
  }
  for (Collected& entry : collected) {
    if (entry.entity.type != EntityType::Person) continue;
    std::string short_key = analysis::fold_key(ner::short_name(ner::name_words(entry.entity.name)));
    if (!short_key.empty() && short_key != entry.entity.key &&
        std::find(entry.alias_keys.begin(), entry.alias_keys.end(), short_key) == entry.alias_keys.end()) {
      entry.alias_keys.push_back(std::move(short_key));
    }
  }
  std::stable_sort(collected.begin(), collected.end(), [](const Collected& a, const Collected& b) {
    return a.entity.count != b.entity.count ? a.entity.count > b.entity.count : a.first < b.first;
  });
  std::vector<Entity> result;
  for (const Collected& entry : collected) result.push_back(entry.entity);
  for (const Collected& entry : collected) {
    for (const std::string& alias : entry.alias_keys) {
      if (index.contains({entry.entity.type, alias})) continue;  // a canonical key of its own already
      result.push_back({entry.entity.type, entry.entity.name, alias, 0});
    }
  }
  return result;
}

}  // namespace newsdig::extract
