#include "searcher/output/json.hpp"

#include <ostream>

#include <nlohmann/json.hpp>

namespace newsdig::output {
namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json nullable(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

Json byte_marks(const std::vector<results::Highlight>& highlights) {
  Json marks = Json::array();
  for (const auto& mark : highlights) marks.push_back(Json::array({mark.begin, mark.end}));
  return marks;
}

// The same marks counted in code points, for consumers whose strings index by character (Python).
Json code_point_marks(std::string_view text, const std::vector<results::Highlight>& highlights) {
  Json marks = Json::array();
  std::uint32_t byte = 0, points = 0;
  auto advance_to = [&](std::uint32_t offset) {
    for (; byte < offset && byte < text.size(); ++byte) {
      if ((static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80) ++points;
    }
    return points;
  };
  for (const auto& mark : highlights) {
    auto begin = advance_to(mark.begin);
    auto end = advance_to(mark.end);
    marks.push_back(Json::array({begin, end}));
  }
  return marks;
}

void tag(Json& object, const Page& page) {
  if (page.query_number == 0) return;
  object["query_number"] = page.query_number;
  object["qid"] = page.qid;
}

Json hit_object(const ShownHit& shown, const Page& page) {
  const auto& record = shown.hit.record;
  Json hit;
  hit["type"] = "hit";
  tag(hit, page);
  hit["rank"] = shown.hit.rank;
  hit["id"] = record.id;
  hit["score"] = shown.hit.score;
  hit["title"] = record.title;
  hit["title_highlights"] = byte_marks(shown.title_highlights);
  hit["date"] = nullable(record.date);
  hit["source"] = nullable(record.source);
  hit["dateline"] = nullable(record.dateline);
  hit["url"] = nullable(record.url);
  hit["lang"] = record.lang;
  hit["origin"] = record.origin;
  hit["story"] = shown.hit.story ? Json(shown.hit.story->key) : Json(nullptr);
  hit["story_size"] = shown.hit.story ? Json(shown.hit.story->size) : Json(nullptr);
  Json snippets = Json::array();
  for (const auto& snippet : shown.snippets) {
    snippets.push_back(Json{{"text", snippet.text},
                            {"highlights", byte_marks(snippet.highlights)},
                            {"highlights_cp", code_point_marks(snippet.text, snippet.highlights)}});
  }
  hit["snippets"] = std::move(snippets);
  return hit;
}

Json totals(const Page& page) {
  return Json{{"estimated", page.matches_estimated},
              {"lower_bound", page.matches_lower_bound},
              {"upper_bound", page.matches_upper_bound}};
}

Json facets_object(const Page& page) {
  Json facets = Json::object();
  for (const auto& counts : page.facets) {
    Json values = Json::array();
    for (const auto& value : counts.values)
      values.push_back(Json{{"value", value.value}, {"count", value.count}});
    facets[std::string(results::facet_name(counts.facet))] =
        Json{{"distinct", counts.distinct}, {"values", std::move(values)}};
  }
  return facets;
}

Json timeline_object(const results::Timeline& timeline) {
  Json buckets = Json::array();
  const results::TimelineBucket* peak = nullptr;
  for (const auto& bucket : timeline.buckets) {
    buckets.push_back(Json{{"period", bucket.period}, {"count", bucket.count}});
    if (peak == nullptr || bucket.count > peak->count) peak = &bucket;
  }
  Json object;
  object["granularity"] = timeline.granularity == results::Granularity::Day ? "day" : "month";
  object["buckets"] = std::move(buckets);
  object["peak"] = peak == nullptr ? Json(nullptr) : Json{{"period", peak->period}, {"count", peak->count}};
  object["undated"] = timeline.undated;
  return object;
}

// The query advice, where there is some (docs/query-language.md, "Advice").
void add_query_advice(Json& object, const Page& page) {
  if (!page.fallback.empty()) object["fallback"] = page.fallback;
  if (!page.suggestions.empty()) object["suggestions"] = page.suggestions;
  if (!page.zero_hit_terms.empty()) object["zero_hit_terms"] = page.zero_hit_terms;
  if (!page.notices.empty()) object["notices"] = page.notices;
}

// Results from some shards only (--allow-partial), and which were left out.
void add_partial(Json& object, const Page& page) {
  if (page.missing_shards.empty()) return;
  object["partial"] = true;
  object["missing_shards"] = page.missing_shards;
}

}  // namespace

void write_json(std::ostream& out, const Page& page) {
  Json result;
  result["version"] = kJsonFormatVersion;
  tag(result, page);
  result["query"] = page.query;
  result["database"] = page.database;
  result["offset"] = page.offset;
  result["limit"] = page.limit;
  result["matches"] = totals(page);
  result["elapsed_ms"] = page.elapsed_ms;
  Json hits = Json::array();
  for (const auto& shown : page.hits) {
    Json hit = hit_object(shown, page);
    hit.erase("type");
    hit.erase("query_number");
    hit.erase("qid");
    hits.push_back(std::move(hit));
  }
  result["hits"] = std::move(hits);
  if (!page.facets.empty()) result["facets"] = facets_object(page);
  if (page.timeline) result["timeline"] = timeline_object(*page.timeline);
  if (!page.expansion_terms.empty()) result["expanded_with"] = page.expansion_terms;
  add_query_advice(result, page);
  add_partial(result, page);
  out << dump(result) << '\n';
}

void write_jsonl(std::ostream& out, const Page& page) {
  Json begin{{"type", "begin"}, {"version", kJsonFormatVersion}};
  tag(begin, page);
  begin["query"] = page.query;
  begin["database"] = page.database;
  begin["offset"] = page.offset;
  begin["limit"] = page.limit;
  add_query_advice(begin, page);
  add_partial(begin, page);
  out << dump(begin) << '\n';
  for (const auto& shown : page.hits) out << dump(hit_object(shown, page)) << '\n';
  if (!page.facets.empty()) {
    Json facets{{"type", "facets"}};
    tag(facets, page);
    facets["facets"] = facets_object(page);
    out << dump(facets) << '\n';
  }
  if (page.timeline) {
    Json timeline{{"type", "timeline"}};
    tag(timeline, page);
    timeline.update(timeline_object(*page.timeline));
    out << dump(timeline) << '\n';
  }
  Json end{{"type", "end"}};
  tag(end, page);
  end["matches"] = totals(page);
  end["returned"] = page.hits.size();
  if (!page.expansion_terms.empty()) end["expanded_with"] = page.expansion_terms;
  end["elapsed_ms"] = page.elapsed_ms;
  out << dump(end) << '\n';
}

void write_json_error(std::ostream& out, unsigned query_number, std::string_view qid, std::string_view query,
                      std::string_view message, bool lines) {
  Json error;
  if (lines) error["type"] = "error";
  error["version"] = kJsonFormatVersion;
  error["query_number"] = query_number;
  error["qid"] = qid;
  error["query"] = query;
  error["error"] = message;
  out << dump(error) << '\n';
}

}  // namespace newsdig::output
