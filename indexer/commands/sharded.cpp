#include "indexer/commands/sharded.hpp"

#include <fmt/format.h>

#include "common/store/database.hpp"
#include "common/store/shards.hpp"

namespace newsdig::indexer::commands {

std::vector<std::string> local_shards(const std::string& db, std::string_view what) {
  const std::string stub = store::stub_file_of(db);
  std::vector<std::string> paths;
  if (stub.empty()) return paths;
  for (const auto& source : store::read_stub(stub)) {
    if (source.kind == store::ShardSource::Kind::Remote) {
      throw store::StoreError(fmt::format(
          "cannot {} {}: shard {} is remote (served by xapian-tcpsrv): run it on the machine that holds "
          "the shard's files, naming them with --db",
          what, db, source.name()));
    }
    paths.push_back(store::resolve_local(stub, source));
  }
  return paths;
}

store::CheckResult check_any(const std::string& db) {
  std::vector<std::string> shards;
  try {
    shards = local_shards(db, "check");
  } catch (const store::StoreError& e) {
    store::CheckResult failed;
    failed.problems.push_back(e.what());
    return failed;
  }
  if (shards.empty()) return store::check_database(db);
  store::CheckResult total;
  for (const auto& shard : shards) {
    const store::CheckResult result = store::check_database(shard);
    for (const auto& problem : result.problems) total.problems.push_back("shard " + shard + ": " + problem);
    total.articles += result.articles;
    total.records_checked += result.records_checked;
  }
  return total;
}

}  // namespace newsdig::indexer::commands
