#include "common/store/document_builder.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

// The XXH3 state's definition, so it can live on the stack.
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include "common/analysis/fold.hpp"
#include "common/analysis/sentences.hpp"
#include "common/schema.hpp"
#include "common/store/record.hpp"
#include "common/util/hash.hpp"
#include "common/util/iso_date.hpp"
#include "common/util/text.hpp"

namespace newsdig::store {
namespace {

const std::string& part_text(const Article& article, schema::ArticlePart part) {
  switch (part) {
    case schema::ArticlePart::Title: return article.title;
    case schema::ArticlePart::Body: return article.body;
    case schema::ArticlePart::Source: return article.source;
    case schema::ArticlePart::Byline: return article.byline;
    case schema::ArticlePart::Dateline: return article.dateline;
    case schema::ArticlePart::Lang: return article.lang;
    case schema::ArticlePart::Id: return article.id;
    case schema::ArticlePart::Tag:
    case schema::ArticlePart::Entities:
    case schema::ArticlePart::Mentions:
    case schema::ArticlePart::Story: break;  // not text: see add_annotation_terms (story: indexer/story)
  }
  static const std::string kNoText;
  return kNoText;
}

// Boolean terms of what the input filed the article under and what extraction found in it.
void add_annotation_terms(Xapian::Document& document, const Article& article) {
  for (const auto& tag : article.tags) {
    auto field = schema::find_field(tag.field);
    if (!field || field->kind != schema::FieldKind::Boolean || tag.value.empty()) continue;
    auto key = field->name == "id" ? tag.value : analysis::fold_key(tag.value);
    if (!key.empty()) document.add_boolean_term(schema::make_term(field->prefix, key));
  }
  for (const auto& entity : article.entities) {
    if (entity.key.empty()) continue;
    document.add_boolean_term(schema::make_term(schema::entity_prefix(entity.type), entity.key));
  }
  for (const auto& mention : article.mentions) {
    for (const auto& value : schema::mention_values(mention.value)) {
      document.add_boolean_term(schema::make_term(schema::prefix::kMentions, value));
    }
  }
}

void add_date_terms(Xapian::Document& document, const std::string& date) {
  auto timestamp = util::parse_iso8601(date);
  if (!timestamp) return;  // readers only store dates they could parse
  // Terms carry the article's own calendar date; the slot sorts by the instant in UTC.
  char day[16];
  std::snprintf(day, sizeof day, "%04d%02d%02d", timestamp->year, timestamp->month, timestamp->day);
  std::string_view digits(day);
  document.add_boolean_term(schema::make_term(schema::prefix::kDay, digits));
  document.add_boolean_term(schema::make_term(schema::prefix::kMonth, digits.substr(0, 6)));
  document.add_boolean_term(schema::make_term(schema::prefix::kYear, digits.substr(0, 4)));
  document.add_value(schema::slot_number(schema::Slot::PubDate), util::to_slot_value(*timestamp));
}

// The entity terms only search aliases (count 0) give the document, sorted: they find the article, but the
// entity is counted in facets under its own key.
std::vector<std::string> alias_only_terms(const Article& article) {
  std::vector<std::string> shown;
  std::vector<std::string> aliases;
  for (const auto& tag : article.tags) {
    if (auto field = schema::find_field(tag.field); field && field->kind == schema::FieldKind::Boolean) {
      shown.push_back(schema::make_term(field->prefix, analysis::fold_key(tag.value)));
    }
  }
  for (const auto& entity : article.entities) {
    (entity.count > 0 ? shown : aliases)
        .push_back(schema::make_term(schema::entity_prefix(entity.type), entity.key));
  }
  std::sort(shown.begin(), shown.end());
  std::erase_if(
      aliases, [&](const std::string& term) { return std::binary_search(shown.begin(), shown.end(), term); });
  std::sort(aliases.begin(), aliases.end());
  return aliases;
}

// The Facets slot: the facet terms the document already holds (but `hidden`, sorted), read back from it so
// the two agree.
void add_facet_value(Xapian::Document& document, const std::vector<std::string>& hidden) {
  // In term order, so one pass of skip_to visits them all.
  static constexpr std::string_view kFacetPrefixes[] = {
      schema::prefix::kDay, schema::prefix::kLang,   schema::prefix::kExchange, schema::prefix::kMisc,
      schema::prefix::kOrg, schema::prefix::kPerson, schema::prefix::kPlace,    schema::prefix::kTopic,
  };
  std::string value;
  auto it = document.termlist_begin();
  for (auto prefix : kFacetPrefixes) {
    if (it == document.termlist_end()) break;
    it.skip_to(std::string(prefix));
    for (; it != document.termlist_end(); ++it) {
      const std::string term = *it;
      if (term.compare(0, prefix.size(), prefix) != 0) break;
      // The person prefix also starts a longer prefix of no field; only a lower-case, digit or ':' value
      // follows a prefix.
      auto next = term.size() > prefix.size() ? static_cast<unsigned char>(term[prefix.size()]) : 0;
      if (next >= 'A' && next <= 'Z') continue;
      if (std::binary_search(hidden.begin(), hidden.end(), term)) continue;
      if (!value.empty()) value.push_back('\n');
      value += term;
    }
  }
  if (!value.empty()) document.add_value(schema::slot_number(schema::Slot::Facets), value);
}

}  // namespace

std::string content_hash(const Article& article, const BuildOptions& options) {
  // Streamed: the same hash as of all the pieces joined, without a copy of the article's text.
  XXH3_state_t state_storage;
  XXH3_state_t* state = &state_storage;
  XXH3_128bits_reset(state);
  // Each piece with its length first, so no two different articles give the same bytes.
  auto add = [state](std::string_view piece) {
    const std::string length = std::to_string(piece.size()) + ':';
    XXH3_128bits_update(state, length.data(), length.size());
    XXH3_128bits_update(state, piece.data(), piece.size());
  };
  add(std::to_string(schema::kSchemaVersion));
  // A record of an older version is rewritten by the next run, in the format the searcher reads fastest.
  add(std::to_string(kRecordVersion));
  add(options.annotation);
  add(options.input);
  add(article.lang.empty() ? options.default_language : article.lang);
  for (const auto* text : {&article.id, &article.title, &article.body, &article.source, &article.dateline,
                           &article.date, &article.url, &article.byline, &article.origin}) {
    add(*text);
  }
  add(std::to_string(article.tags.size()));
  for (const auto& tag : article.tags) {
    add(tag.field);
    add(tag.value);
  }
  add(std::to_string(article.extra.size()));
  for (const auto& [key, value] : article.extra) {
    add(key);
    add(value);
  }
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state));
  return std::string(std::begin(canonical.digest), std::end(canonical.digest));
}

std::string id_term(const std::string& id) {
  auto term = schema::make_term(schema::prefix::kId, id);
  if (term.size() <= schema::kMaxTermBytes) return term;
  // Keep a readable head and make the rest unique with a stable hash.
  std::string head = util::utf8_prefix(id, schema::kMaxTermBytes - 24);
  return schema::make_term(schema::prefix::kId, head + "#" + util::hex64(util::stable_hash64(id)));
}

Xapian::Document build_document(const Article& article, analysis::Analyzer& analyzer,
                                const BuildOptions& options, BuildStats* stats) {
  if (article.id.empty()) throw std::invalid_argument("article has no id");
  // The record holds the language the terms were made with; the article is copied only to fill it in.
  std::optional<Article> with_language;
  if (article.lang.empty()) {
    with_language = article;
    with_language->lang = options.default_language;
  }
  const Article& stored = with_language ? *with_language : article;
  const std::string& language = stored.lang;

  Xapian::Document document;
  document.add_boolean_term(id_term(stored.id));
  if (!options.input.empty())
    document.add_boolean_term(schema::make_term(schema::prefix::kInput, options.input));
  document.add_value(schema::slot_number(schema::Slot::ContentHash), content_hash(article, options));
  document.add_boolean_term(schema::make_term(schema::prefix::kLang, util::ascii_lower(language)));
  add_date_terms(document, stored.date);
  add_annotation_terms(document, stored);
  if (!stored.source.empty()) document.add_value(schema::slot_number(schema::Slot::Source), stored.source);

  std::vector<analysis::Token> tokens;
  analysis::TokenizeStats token_stats;
  std::uint32_t position = 0;
  for (const auto& plan : schema::kPositionOrder) {
    const std::string& text = part_text(stored, plan.part);
    if (text.empty()) continue;
    tokens.clear();
    std::uint32_t end = analyzer.tokenize(text, tokens, position, &token_stats);
    auto field = schema::field_for_part(plan.part);
    // The title boost: a headline word counts kTitleWdf times in the all-text terms BM25 ranks by.
    const Xapian::termcount wdf = plan.part == schema::ArticlePart::Title ? schema::kTitleWdf : 1;
    for (const auto& token : tokens) {
      // One term per word, its stem (schema version 3): ranking, phrases and fields all use it.
      const std::string form = analyzer.index_form(token, language);
      if (plan.all_text) document.add_posting(form, token.position, wdf);
      if (field) document.add_posting(schema::make_term(field->prefix, form), token.position);
    }
    if (stats != nullptr) stats->words += tokens.size();
    position = end + schema::kFieldPositionGap;
  }
  if (stats != nullptr) stats->dropped_long += token_stats.dropped_long;

  add_facet_value(document, alias_only_terms(stored));
  // The body's sentences go into the record, split here once rather than at every search that shows it.
  thread_local analysis::BodySentences sentences;
  document.set_data(encode_record(stored, sentences.split(stored.body, language)));
  return document;
}

}  // namespace newsdig::store
