#include "searcher/output/json.hpp"

#include <ostream>

#include <nlohmann/json.hpp>

namespace newsdig::output {
namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json hit_object(const ShownHit& shown) {
  const auto& record = shown.hit.record;
  Json hit;
  hit["type"] = "hit";
  hit["rank"] = shown.hit.rank;
  hit["id"] = record.id;
  hit["score"] = shown.hit.score;
  hit["title"] = record.title;
  hit["date"] = record.date.empty() ? Json(nullptr) : Json(record.date);
  hit["source"] = record.source.empty() ? Json(nullptr) : Json(record.source);
  hit["dateline"] = record.dateline.empty() ? Json(nullptr) : Json(record.dateline);
  hit["url"] = record.url.empty() ? Json(nullptr) : Json(record.url);
  hit["lang"] = record.lang;
  hit["origin"] = record.origin;
  Json snippets = Json::array();
  for (const auto& snippet : shown.snippets) {
    Json marks = Json::array();
    for (const auto& mark : results::to_code_points(snippet.text, snippet.highlights)) {
      marks.push_back(Json::array({mark.begin, mark.end}));
    }
    snippets.push_back(Json{{"text", snippet.text}, {"highlights", marks}});
  }
  hit["snippets"] = std::move(snippets);
  return hit;
}

Json totals(const Page& page) {
  return Json{{"estimated", page.matches_estimated},
              {"lower_bound", page.matches_lower_bound},
              {"upper_bound", page.matches_upper_bound}};
}

}  // namespace

void write_json(std::ostream& out, const Page& page) {
  Json result;
  result["version"] = kJsonFormatVersion;
  result["query"] = page.query;
  result["database"] = page.database;
  result["offset"] = page.offset;
  result["limit"] = page.limit;
  result["matches"] = totals(page);
  result["elapsed_ms"] = page.elapsed_ms;
  Json hits = Json::array();
  for (const auto& shown : page.hits) {
    Json hit = hit_object(shown);
    hit.erase("type");
    hits.push_back(std::move(hit));
  }
  result["hits"] = std::move(hits);
  out << dump(result) << '\n';
}

void write_jsonl(std::ostream& out, const Page& page) {
  out << dump(Json{{"type", "begin"},
                   {"version", kJsonFormatVersion},
                   {"query", page.query},
                   {"database", page.database},
                   {"offset", page.offset},
                   {"limit", page.limit}})
      << '\n';
  for (const auto& shown : page.hits) out << dump(hit_object(shown)) << '\n';
  out << dump(Json{{"type", "end"},
                   {"matches", totals(page)},
                   {"returned", page.hits.size()},
                   {"elapsed_ms", page.elapsed_ms}})
      << '\n';
}

}  // namespace newsdig::output
