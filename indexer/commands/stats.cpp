// newsdig-index stats: what a database holds, as text or JSON (docs/operations.md gives the shape).
#include <algorithm>
#include <ostream>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "common/store/database.hpp"
#include "common/store/inspect.hpp"
#include "indexer/commands/commands.hpp"
#include "indexer/commands/sharded.hpp"
#include "indexer/run.hpp"

namespace newsdig::indexer::commands {
namespace {

constexpr int kStatsJsonVersion = 1;

// A sharded database's figures: those of the combined database (read through its stub), its size and
// last update those of its shards, each of which is listed.
struct Figures {
  store::Stats total;
  std::vector<store::Stats> shards;  // empty: one database
};

Figures read_figures(const std::string& db) {
  Figures figures;
  figures.total = store::read_stats(db);
  const auto shards = local_shards(db, "read the figures of");
  if (shards.empty()) return figures;
  figures.total.bytes = 0;
  figures.total.last_update.clear();
  for (const auto& shard : shards) {
    figures.shards.push_back(store::read_stats(shard));
    figures.total.bytes += figures.shards.back().bytes;
    figures.total.last_update = std::max(figures.total.last_update, figures.shards.back().last_update);
  }
  return figures;
}

nlohmann::json to_json(const store::Stats& stats) {
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& source : stats.sources)
    sources.push_back({{"source", source.source}, {"articles", source.articles}});
  nlohmann::json dates = nullptr;
  if (!stats.first_date.empty()) dates = {{"first", stats.first_date}, {"last", stats.last_date}};
  return {{"v", kStatsJsonVersion},
          {"database", stats.path},
          {"articles", stats.articles},
          {"terms", stats.distinct_terms},
          {"term_occurrences", stats.term_occurrences},
          {"bytes", stats.bytes},
          {"last_update", stats.last_update},
          {"schema_version", stats.schema_version},
          {"sources", sources},
          {"dates", dates}};
}

nlohmann::json to_json(const Figures& figures) {
  nlohmann::json json = to_json(figures.total);
  if (figures.shards.empty()) return json;
  nlohmann::json shards = nlohmann::json::array();
  for (const auto& shard : figures.shards) {
    shards.push_back({{"database", shard.path},
                      {"articles", shard.articles},
                      {"bytes", shard.bytes},
                      {"last_update", shard.last_update}});
  }
  json["shards"] = shards;
  return json;
}

void print_text(std::ostream& out, const store::Stats& stats) {
  fmt::print(out, "database        {}\n", stats.path);
  fmt::print(out, "articles        {}\n", stats.articles);
  fmt::print(out, "terms           {} distinct, {} occurrences\n", stats.distinct_terms,
             stats.term_occurrences);
  fmt::print(out, "size on disk    {:.1f} MB\n", static_cast<double>(stats.bytes) / 1e6);
  fmt::print(out, "last update     {}\n", stats.last_update.empty() ? "unknown" : stats.last_update);
  fmt::print(out, "schema version  {}\n", stats.schema_version);
  if (stats.first_date.empty()) {
    fmt::print(out, "dates           none\n");
  } else {
    fmt::print(out, "dates           {} .. {}\n", stats.first_date, stats.last_date);
  }
  fmt::print(out, "sources         {}\n", stats.sources.size());
  for (const auto& source : stats.sources) {
    fmt::print(out, "  {:>10}  {}\n", source.articles, source.source.empty() ? "(none)" : source.source);
  }
}

}  // namespace

int stats(const Options& options, std::ostream& out, std::ostream& err) {
  try {
    const Figures figures = read_figures(options.db);
    if (options.json) {
      out << to_json(figures).dump() << '\n';
    } else {
      print_text(out, figures.total);
      if (!figures.shards.empty()) fmt::print(out, "shards          {}\n", figures.shards.size());
      for (const auto& shard : figures.shards) {
        fmt::print(out, "  {:>10}  {:>8.1f} MB  {}\n", shard.articles, static_cast<double>(shard.bytes) / 1e6,
                   shard.path);
      }
    }
    return kExitOk;
  } catch (const store::StoreError& e) {
    fmt::print(err, "newsdig-index: error: {}\n", e.what());
    return kExitFatal;
  }
}

}  // namespace newsdig::indexer::commands
