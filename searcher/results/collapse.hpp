#pragma once
// Search by story: collapsing a result to the best hit of each story (the Story slot of common/schema.hpp),
// the facts shown under such a hit ("+2 related reports (Kyodo, Reuters; earliest 2014-11-09)"), and the
// list of a story's articles in date order (`story:KEY`, the interactive `:story N`).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdig::results {

// What a hit's story amounts to in the whole database, not only among the matches.
struct StoryFacts {
  std::string key;                   // the story key (search it with story:KEY)
  Xapian::doccount size = 0;         // articles of the story, the hit included
  std::vector<std::string> sources;  // distinct sources of the story's other articles, earliest first
  std::string earliest;              // publication date of its earliest article ("2014-11-09"); empty when
                                     // none is dated
};

// At most this many of a story's articles are read for its facts (sources, earliest): stories of
// thousands of wire copies cost no more than this.
inline constexpr Xapian::doccount kStoryFactsRead = 200;

// Keeps only the best match of each story (Xapian's collapse key on the Story slot). Articles without a
// story key (indexed with --no-stories) are never collapsed.
void collapse_by_story(Xapian::Enquire& enquire);

// An article whose story's facts are wanted: its document id and, when the caller knows it already (the
// collapse key of its match), its story key; empty: read from the article's Story slot.
struct StoryOf {
  Xapian::docid docid = 0;
  std::string key;
};

// The facts of each article's story, in the order given; nothing for an article without a story key.
// Read for the whole page at once: a story of one article (about half the hits) costs one lookup of its
// term's frequency, and the dates and sources of every other story's members are read in one pass over
// each value slot, in document order. Throws Xapian::Error.
std::vector<std::optional<StoryFacts>> story_facts(const Xapian::Database& database,
                                                   const std::vector<StoryOf>& articles);

// The line under a collapsed hit: "+2 related reports (Kyodo, Reuters; earliest 2014-11-09)"; at most
// three sources are named ("..., and 4 more"). Empty when the story has no other article.
std::string related_reports(const StoryFacts& facts);

// The query for every article of the story `key` (what `story:KEY` parses to, weightless).
Xapian::Query story_query(std::string_view key);

// True when `query` only filters on one story (story:KEY, alone): search then lists the story in date
// order instead of ranking it, without collapsing.
bool is_story_listing(const Xapian::Query& query);

// The articles of the story `key`, oldest first (undated ones last, in index order): for `:story N`.
// Empty when there is no such story. Throws Xapian::Error.
std::vector<Xapian::docid> story_articles(const Xapian::Database& database, std::string_view key);

}  // namespace newsdig::results
