#pragma once
// What the maintenance commands share about sharded databases (a directory holding shards and a stub
// file, indexer/shards.hpp): their local shards, and checking every one of them.
#include <string>
#include <string_view>
#include <vector>

#include "common/store/inspect.hpp"

namespace newsdig::indexer::commands {

// The local shard databases of `db` (a sharded directory or a stub file), resolved; empty when `db` is
// one database. Throws store::StoreError naming a remote shard (`what` names the command) or a stub that
// cannot be read.
std::vector<std::string> local_shards(const std::string& db, std::string_view what);

// store::check_database on one database, or on each shard of a sharded one: each problem then names its
// shard, and the articles and records checked are summed; then every article id must be in one shard
// only. Never throws for a damaged database.
store::CheckResult check_any(const std::string& db);

}  // namespace newsdig::indexer::commands
