#include "searcher/results/collapse.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>
#include <utility>

#include "common/schema.hpp"

namespace newsdig::results {
namespace {

const Xapian::valueno kStorySlot = schema::slot_number(schema::Slot::Story);
const Xapian::valueno kDateSlot = schema::slot_number(schema::Slot::PubDate);
const Xapian::valueno kSourceSlot = schema::slot_number(schema::Slot::Source);

std::string story_term(std::string_view key) {
  return schema::make_term(schema::prefix::kStory, key);
}

// "YYYY-MM-DD" of a PubDate slot value ("YYYYMMDD[hhmmss]", UTC).
std::string display_day(std::string_view slot) {
  if (slot.size() < 8) return {};
  return std::string(slot.substr(0, 4)) + "-" + std::string(slot.substr(4, 2)) + "-" +
         std::string(slot.substr(6, 2));
}

struct Member {
  std::string date;  // slot value; empty = undated
  Xapian::docid docid = 0;
};

// Dated first, oldest first; then undated; index order within the same date.
bool earlier(const Member& a, const Member& b) {
  if (a.date.empty() != b.date.empty()) return b.date.empty();
  return a.date != b.date ? a.date < b.date : a.docid < b.docid;
}

// One slot's values of articles, asked for in increasing document id order. Read through the slot's value
// stream (opened at the first question): a story's members were indexed near each other, so skip_to()
// mostly moves within the chunk it has, where Document::get_value() looks each value up from the top of the
// table. Remote shards have no value streams in Xapian 1.4; their values are read document by document.
class MemberValues {
 public:
  MemberValues(const Xapian::Database& database, Xapian::valueno slot) : database_(database), slot_(slot) {}

  std::string of(Xapian::docid docid) {
    if (!opened_) {
      opened_ = true;
      try {
        stream_ = database_.valuestream_begin(slot_);
        streamed_ = true;
      } catch (const Xapian::UnimplementedError&) {
      }
    }
    if (!streamed_) return database_.get_document(docid).get_value(slot_);
    if (stream_ == Xapian::ValueIterator()) return {};
    if (stream_.get_docid() < docid) stream_.skip_to(docid);
    return stream_ != Xapian::ValueIterator() && stream_.get_docid() == docid ? *stream_ : std::string();
  }

 private:
  const Xapian::Database& database_;
  Xapian::valueno slot_;
  Xapian::ValueIterator stream_;
  bool opened_ = false;
  bool streamed_ = false;
};

}  // namespace

void collapse_by_story(Xapian::Enquire& enquire) {
  enquire.set_collapse_key(kStorySlot);
}

std::vector<std::optional<StoryFacts>> story_facts(const Xapian::Database& database,
                                                   const std::vector<StoryOf>& articles) {
  std::vector<std::optional<StoryFacts>> facts(articles.size());
  std::vector<std::string> keys(articles.size());
  {
    std::vector<std::size_t> unknown;
    for (std::size_t i = 0; i < articles.size(); ++i) {
      keys[i] = articles[i].key;
      if (keys[i].empty()) unknown.push_back(i);
    }
    std::sort(unknown.begin(), unknown.end(),
              [&](std::size_t a, std::size_t b) { return articles[a].docid < articles[b].docid; });
    MemberValues stored_keys(database, kStorySlot);
    for (std::size_t i : unknown) keys[i] = stored_keys.of(articles[i].docid);
  }
  // Each story's size, and the members of those of more than one article (a story can hold several hits).
  struct Story {
    Xapian::doccount size = 0;
    std::vector<Xapian::docid> members;  // at most kStoryFactsRead, in document order
  };
  std::map<std::string, Story, std::less<>> stories;
  std::vector<Xapian::docid> wanted;  // whose date and source are read
  for (std::size_t i = 0; i < articles.size(); ++i) {
    if (keys[i].empty()) continue;
    auto [found, added] = stories.try_emplace(keys[i]);
    Story& story = found->second;
    if (added) {
      const std::string term = story_term(keys[i]);
      story.size = std::max<Xapian::doccount>(1, database.get_termfreq(term));
      if (story.size > 1) {
        for (auto it = database.postlist_begin(term);
             it != database.postlist_end(term) && story.members.size() < kStoryFactsRead; ++it) {
          story.members.push_back(*it);
        }
        wanted.insert(wanted.end(), story.members.begin(), story.members.end());
      }
    }
    if (story.size > 1) wanted.push_back(articles[i].docid);
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::unordered_map<Xapian::docid, std::pair<std::string, std::string>> values;  // date, source
  {
    MemberValues dates(database, kDateSlot);
    MemberValues sources(database, kSourceSlot);
    for (Xapian::docid docid : wanted) {
      auto& [date, source] = values[docid];
      date = dates.of(docid);
      source = sources.of(docid);
    }
  }

  for (std::size_t i = 0; i < articles.size(); ++i) {
    if (keys[i].empty()) continue;
    const Story& story = stories.at(keys[i]);
    StoryFacts& out = facts[i].emplace();
    out.key = keys[i];
    out.size = story.size;
    if (story.size == 1) continue;
    const Xapian::docid docid = articles[i].docid;
    std::string earliest = values.at(docid).first;
    std::vector<std::pair<Member, std::string>> others;  // member, source
    for (Xapian::docid member_id : story.members) {
      if (member_id == docid) continue;
      const auto& [date, source] = values.at(member_id);
      if (!date.empty() && (earliest.empty() || date < earliest)) earliest = date;
      others.emplace_back(Member{date, member_id}, source);
    }
    std::sort(others.begin(), others.end(),
              [](const auto& a, const auto& b) { return earlier(a.first, b.first); });
    for (const auto& [member, source] : others) {
      if (source.empty()) continue;
      if (std::find(out.sources.begin(), out.sources.end(), source) == out.sources.end()) {
        out.sources.push_back(source);
      }
    }
    out.earliest = display_day(earliest);
  }
  return facts;
}

std::string related_reports(const StoryFacts& facts) {
  if (facts.size <= 1) return {};
  const Xapian::doccount others = facts.size - 1;
  std::string line = "+" + std::to_string(others) + (others == 1 ? " related report" : " related reports");
  std::string details;
  constexpr std::size_t kNamed = 3;
  for (std::size_t i = 0; i < facts.sources.size() && i < kNamed; ++i) {
    details += (i == 0 ? "" : ", ") + facts.sources[i];
  }
  if (facts.sources.size() > kNamed)
    details += " and " + std::to_string(facts.sources.size() - kNamed) + " more";
  if (!facts.earliest.empty()) details += (details.empty() ? "earliest " : "; earliest ") + facts.earliest;
  if (!details.empty()) line += " (" + details + ")";
  return line;
}

Xapian::Query story_query(std::string_view key) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(story_term(key)), 0.0);
}

bool is_story_listing(const Xapian::Query& query) {
  const Xapian::Query* q = &query;
  Xapian::Query inner;
  // Weightless filters come wrapped in OP_SCALE_WEIGHT 0.
  if (q->get_type() == Xapian::Query::OP_SCALE_WEIGHT && q->get_num_subqueries() == 1) {
    inner = q->get_subquery(0);
    q = &inner;
  }
  if (q->get_type() != Xapian::Query::LEAF_TERM) return false;
  const std::string term = *q->get_terms_begin();
  return term.size() > schema::prefix::kStory.size() &&
         std::string_view(term).substr(0, schema::prefix::kStory.size()) == schema::prefix::kStory;
}

std::vector<Xapian::docid> story_articles(const Xapian::Database& database, std::string_view key) {
  const std::string term = story_term(key);
  std::vector<Member> members;
  for (auto it = database.postlist_begin(term); it != database.postlist_end(term); ++it) {
    members.push_back({database.get_document(*it).get_value(kDateSlot), *it});
  }
  std::sort(members.begin(), members.end(), earlier);
  std::vector<Xapian::docid> docids;
  docids.reserve(members.size());
  for (const auto& member : members) docids.push_back(member.docid);
  return docids;
}

}  // namespace newsdig::results
