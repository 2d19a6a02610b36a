#include "searcher/sources.hpp"

#include "common/store/database.hpp"
#include "common/store/shards.hpp"

namespace newsdig::searcher {

Sources open_sources(const std::vector<std::string>& paths, bool allow_partial) {
  Sources sources;
  std::string first_failure;
  for (const auto& path : paths) {
    const std::string stub = store::stub_file_of(path);
    if (stub.empty()) {
      // A plain database: it is not a shard of anything, so it is never left out.
      sources.database.add_database(store::open_for_search(path));
      ++sources.shards;
      continue;
    }
    for (const auto& shard : store::read_stub(stub)) {
      try {
        sources.database.add_database(store::open_shard_for_search(stub, shard));
        ++sources.shards;
        sources.remote = sources.remote || shard.kind == store::ShardSource::Kind::Remote;
      } catch (const store::StoreError& e) {
        if (!allow_partial) throw;
        sources.missing.push_back({shard.name(), e.what()});
        if (first_failure.empty()) first_failure = e.what();
      }
    }
  }
  if (sources.shards == 0) {
    throw store::StoreError("no shard of " + paths.front() + " answers: " + first_failure);
  }
  return sources;
}

}  // namespace newsdig::searcher
