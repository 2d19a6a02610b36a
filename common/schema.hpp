#pragma once
// The database schema, in one place: every term prefix, every value slot, the field table that drives
// both term generation (common/store/document_builder) and query parsing (searcher/query), and the
// schema version stored in each database. No prefix literal lives anywhere else.
//
// Document layout (schema version 4)
//   terms
//     Q<id>                 unique id (boolean); replace_document() keys on it
//     <stem>                the index form of every word of title, dateline and body: its Snowball stem in
//                           the article's language (the word itself when it has none: digits, CJK, no
//                           stemmer), with positions. Plain words, phrases, NEAR and ADJ all search these,
//                           so a phrase matches other forms of its words ("interest rates" finds "interest
//                           rate"), as in Lucene's and Xapian's stem-all analysers. Title words count
//                           kTitleWdf times (the title boost)
//     S<stem>               title words, with positions: title:
//     XSRC<stem>            source/agency words: source:
//     A<stem>               byline words: byline:
//     XDL<stem>             dateline words: dateline:
//     L<lang>               language code, lower case (boolean): lang:
//     XTOPIC<v> XEXCH<v>    tags the input files the article under (boolean): topic:, exchange:
//     XPER<k> XORG<k> XPLACE<k> XMISC<k>  entities by folded key, and tags of those kinds (boolean):
//                           person:, org:, place:, misc:
//                           entity: has no terms of its own (since schema 4): it searches these four
//     XMENT<v>              dates the article talks about, at the value's granularity and every coarser
//                           one: 2014-09-21 gives XMENT2014-09-21, XMENT2014-09, XMENT2014 (boolean):
//                           mentions:
//     D<YYYYMMDD> M<YYYYMM> Y<YYYY>  publication date (boolean), when known: the calendar date the
//                           article gives (its own time zone), so date: matches the date a reader sees
//     XSTORY<key>           the story (news event) the article reports (boolean): story:
//     XIN<path>             the input file the article was read from, its absolute canonical path (the
//                           archive for an archive member; none for standard input): --prune deletes the
//                           articles of inputs under the given roots that are gone
//   positions: fields in kPositionOrder; title from 0, each later field starting kFieldPositionGap after
//     the previous one ends, so no phrase ever spans two fields
//   values: see Slot
//   data: the stored record, binary and zstd-compressed (common/store/record.hpp documents its layout)
//   metadata: kSchemaVersionKey -> kSchemaVersion as decimal text
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"

namespace newsdig::schema {

// Bump whenever terms, slots or the record change meaning; the searcher refuses other versions.
inline constexpr int kSchemaVersion = 4;
inline constexpr std::string_view kSchemaVersionKey = "newsdig.schema_version";

// The file Xapian looks for in a directory to open it as a stub database (a sharded database lists its
// shards there). Named here with the other names Xapian gives meaning to.
inline constexpr std::string_view kStubFileName = "XAPIANDB";

// Xapian's term length limit is 245 bytes; longer words are dropped (and counted) at index time.
inline constexpr std::size_t kMaxTermBytes = 240;

// Gap between the positions of consecutive fields, so a phrase cannot match across a field boundary.
inline constexpr std::uint32_t kFieldPositionGap = 100;

// Within-document frequency of each headline word in the all-text terms (a body word counts 1): the title
// boost, chosen on CISI with scripts/eval-retrieval (2 and 3 score alike, 4 is worse).
inline constexpr std::uint32_t kTitleWdf = 2;

namespace prefix {
inline constexpr std::string_view kId = "Q";
inline constexpr std::string_view kTitle = "S";
inline constexpr std::string_view kSource = "XSRC";
inline constexpr std::string_view kByline = "A";
inline constexpr std::string_view kDateline = "XDL";
inline constexpr std::string_view kLang = "L";
inline constexpr std::string_view kDay = "D";    // YYYYMMDD
inline constexpr std::string_view kMonth = "M";  // YYYYMM
inline constexpr std::string_view kYear = "Y";   // YYYY
inline constexpr std::string_view kTopic = "XTOPIC";
inline constexpr std::string_view kExchange = "XEXCH";
inline constexpr std::string_view kPerson = "XPER";
inline constexpr std::string_view kOrg = "XORG";
inline constexpr std::string_view kPlace = "XPLACE";
inline constexpr std::string_view kMisc = "XMISC";
inline constexpr std::string_view kMentions = "XMENT";
inline constexpr std::string_view kStory = "XSTORY";
inline constexpr std::string_view kInput = "XIN";
}  // namespace prefix

// Value slots, with each slot's byte encoding.
enum class Slot : unsigned {
  PubDate = 0,      // UTC "YYYYMMDD" or "YYYYMMDDhhmmss": byte order is time order
  Source = 1,       // source as the article gives it (UTF-8), for display, facets and sorting
  Facets = 2,       // the document's own L, D, XTOPIC, XEXCH, XPER, XORG, XPLACE and XMISC terms, sorted,
                    // joined by '\n' (no key holds one): facet counts read this instead of term lists
  Story = 3,        // the story key (the same bytes as the XSTORY term's value): search collapses on it
  ContentHash = 4,  // 16 bytes, xxHash3-128 of what the article's terms and record are made from: an
                    // incremental run leaves an article whose hash is unchanged alone
};

constexpr unsigned slot_number(Slot slot) {
  return static_cast<unsigned>(slot);
}

enum class FieldKind {
  FreeText,  // analysed words: their index forms (stems) with positions
  Boolean,   // exact terms, used as filters
};

// Which Article member a field's terms come from. Tag: Article::tags of the field's name;
// Entities: Article::entities of the field's entity type (all types for entity:); Mentions:
// Article::mentions; Story: none, the indexer's story stage adds the term (indexer/story).
enum class ArticlePart { Title, Body, Source, Byline, Dateline, Lang, Id, Tag, Entities, Mentions, Story };

struct Field {
  std::string_view name;    // as written in a query: `title:`
  std::string_view prefix;  // term prefix; empty = the unprefixed all-text terms
  FieldKind kind;
  ArticlePart part;
  std::string_view help;  // one line for --help and docs/schema.md
};

// The order in which an article's parts take positions, and which of them also feed the unprefixed
// all-text terms (plain query words search those).
struct PartPlan {
  ArticlePart part;
  bool all_text;
};
inline constexpr std::array kPositionOrder = {
    PartPlan{ArticlePart::Title, true},   PartPlan{ArticlePart::Dateline, true},
    PartPlan{ArticlePart::Body, true},    PartPlan{ArticlePart::Source, false},
    PartPlan{ArticlePart::Byline, false},
};

// The query-visible fields. Body words are indexed only unprefixed (together with title and dateline
// words), so plain words search the whole article.
inline constexpr std::array kFields = {
    Field{"title", prefix::kTitle, FieldKind::FreeText, ArticlePart::Title, "words of the headline"},
    Field{"source", prefix::kSource, FieldKind::FreeText, ArticlePart::Source,
          "words of the agency or publisher (Kyodo, Reuters)"},
    Field{"byline", prefix::kByline, FieldKind::FreeText, ArticlePart::Byline, "words of the byline"},
    Field{"dateline", prefix::kDateline, FieldKind::FreeText, ArticlePart::Dateline,
          "words of the dateline (TOKYO)"},
    Field{"lang", prefix::kLang, FieldKind::Boolean, ArticlePart::Lang, "language code (en, de, ja)"},
    Field{"id", prefix::kId, FieldKind::Boolean, ArticlePart::Id, "the article's stable id"},
    Field{"topic", prefix::kTopic, FieldKind::Boolean, ArticlePart::Tag,
          "topic the source files it under (grain)"},
    Field{"exchange", prefix::kExchange, FieldKind::Boolean, ArticlePart::Tag, "stock exchange tag (nyse)"},
    Field{"person", prefix::kPerson, FieldKind::Boolean, ArticlePart::Entities,
          "person named (\"Shinzo Abe\")"},
    Field{"org", prefix::kOrg, FieldKind::Boolean, ArticlePart::Entities, "organisation named (APEC)"},
    Field{"place", prefix::kPlace, FieldKind::Boolean, ArticlePart::Entities, "place named (Beijing)"},
    Field{"misc", prefix::kMisc, FieldKind::Boolean, ArticlePart::Entities, "other name (Olympics)"},
    Field{"entity", {}, FieldKind::Boolean, ArticlePart::Entities, "a name of any kind"},
    Field{"mentions", prefix::kMentions, FieldKind::Boolean, ArticlePart::Mentions,
          "a date the article talks about (2014-11)"},
    Field{"story", prefix::kStory, FieldKind::Boolean, ArticlePart::Story,
          "the story (news event) key: every report of it (docs/stories.md)"},
};

// The boolean field that holds entities of `type`, and the type's name in fields and JSON.
constexpr std::string_view entity_prefix(EntityType type) {
  switch (type) {
    case EntityType::Person: return prefix::kPerson;
    case EntityType::Org: return prefix::kOrg;
    case EntityType::Place: return prefix::kPlace;
    case EntityType::Misc: return prefix::kMisc;
  }
  return prefix::kMisc;
}
// The prefixes of the four entity kinds' fields, in EntityType order. entity: (the Entities field without a
// prefix) searches a key under each of them: the same key under a prefix of its own would double the entity
// terms of the index.
inline constexpr std::array kEntityPrefixes = {prefix::kPerson, prefix::kOrg, prefix::kPlace, prefix::kMisc};

constexpr std::string_view entity_type_name(EntityType type) {
  switch (type) {
    case EntityType::Person: return "person";
    case EntityType::Org: return "org";
    case EntityType::Place: return "place";
    case EntityType::Misc: return "misc";
  }
  return "misc";
}
std::optional<EntityType> entity_type_from_name(std::string_view name);

// The mention terms' values of one TIMEX3-style value: itself and each coarser calendar value
// ("2014-09-21" -> 2014-09-21, 2014-09, 2014; "2014-W38" -> 2014-W38, 2014). Empty for values that are
// not dates ("PRESENT_REF").
std::vector<std::string> mention_values(std::string_view value);

// The field called `name` (case-sensitive, as typed before the colon), if any.
constexpr std::optional<Field> find_field(std::string_view name) {
  for (const auto& field : kFields) {
    if (field.name == name) return field;
  }
  return std::nullopt;
}

// The field whose terms come from `part`, if any (the body has none: it is all-text only).
constexpr std::optional<Field> field_for_part(ArticlePart part) {
  for (const auto& field : kFields) {
    if (field.part == part) return field;
  }
  return std::nullopt;
}

// prefix + value, following Xapian's convention: a multi-letter prefix is separated by ':' from a
// value that starts with an upper-case ASCII letter, so the two can always be told apart.
std::string make_term(std::string_view prefix, std::string_view value);

// The index form an all-text term holds (a word's stem: what plain query words search), or nothing for any
// other term (a field's term, a boolean term: their prefixes are upper case; index forms are case-folded).
// Code that reads terms back from a document (story grouping, relevance feedback, query expansion) asks this
// rather than looking at prefixes.
std::optional<std::string_view> all_text_stem(std::string_view term);

}  // namespace newsdig::schema
