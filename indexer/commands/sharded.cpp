#include "indexer/commands/sharded.hpp"

#include <fmt/format.h>

#include "common/schema.hpp"
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

namespace {

constexpr std::size_t kDuplicatesListed = 10;

// Every article id in one shard only (a run killed between writing a moved article to its new shard and
// deleting it from the old one would leave two): the id terms of all shards, merged.
void check_ids_unique(const std::vector<std::string>& shards, store::CheckResult& result) {
  try {
    Xapian::Database combined;
    for (const auto& shard : shards) combined.add_database(Xapian::Database(shard));
    const std::string prefix(schema::prefix::kId);
    std::size_t duplicates = 0;
    for (auto it = combined.allterms_begin(prefix); it != combined.allterms_end(prefix); ++it) {
      if (it.get_termfreq() < 2) continue;
      if (++duplicates <= kDuplicatesListed) {
        result.problems.push_back(fmt::format("article id {} is held by {} articles across the shards",
                                              (*it).substr(prefix.size()), it.get_termfreq()));
      }
    }
    if (duplicates > kDuplicatesListed) {
      result.problems.push_back(fmt::format("{} article ids in all are held more than once", duplicates));
    }
  } catch (const Xapian::Error& e) {
    result.problems.push_back("cannot read the shards together: " + e.get_description());
  }
}

}  // namespace

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
  if (total.problems.empty()) check_ids_unique(shards, total);
  return total;
}

}  // namespace newsdig::indexer::commands
