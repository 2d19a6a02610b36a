#pragma once
// Writing a sharded database (newsdig-index --shards N, --shard-by year|month|hash): a directory holding
// shard databases and the stub file XAPIANDB listing them (common/store/shards.hpp), so searchers and
// Xapian tools open the directory as one database. Hash routing: an article goes to the shard of its id's
// hash (util::stable_hash64 of the unique term, modulo N; shard-000...), so an id always lands in the same
// shard. Date routing: to the shard of its publication year or month (shard-1996, shard-1996-08;
// shard-undated), made as periods arrive; an article whose date changed moves, its old copy deleted from
// the shard that held it. The stub records the routing in a comment, so later runs keep it. One writer
// thread per shard.
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "common/store/database.hpp"
#include "indexer/options.hpp"
#include "indexer/pipeline.hpp"
#include "indexer/report.hpp"

namespace newsdig::indexer {

struct ShardLayout {
  std::string directory;           // the --db directory
  std::string stub;                // directory/XAPIANDB
  ShardBy by = ShardBy::Hash;      // never Default
  std::vector<std::string> names;  // the shards' directory names as the stub lists them, in its order
  bool exists = false;             // the stub was already there (an incremental run)
};

// True when `db` is a sharded database (a directory holding a stub file).
bool is_sharded(const std::string& db);

// "hash", "year", "month": how the stub comment and messages name a routing.
std::string shard_by_name(ShardBy by);

// The routing a sharded database's stub records (Hash for a stub without one: the first sharded
// databases did not record it). Throws store::StoreError when the stub cannot be read.
ShardBy recorded_shard_by(const std::string& stub);

// The layout for writing at `db` with `count` shards (0: as the existing stub says; hash routing only)
// routed `by` (Default: as the existing stub says, else hash). A new layout needs an empty or missing
// directory; an existing one must list newsdig-index's own shards, and keeps its routing and count.
// Throws store::StoreError saying what to do (a single database there, another count or routing).
ShardLayout shard_layout(const std::string& db, unsigned count, ShardBy by);

// Indexes `paths` into the shards of `layout`, one writer each, and then writes the stub (atomically,
// after every shard is closed: a run that fails leaves no stub listing half-made shards). `each_shard`,
// when set, runs on the writer of every shard after the articles are written and before they close
// (--prune). Throws store::StoreError as run_pipeline() does.
void index_into_shards(const std::vector<std::string>& paths, std::istream& standard_input,
                       PipelineSettings settings, const ShardLayout& layout, Report& report,
                       InputTotals& totals, const std::function<void(store::Writer&)>& each_shard = {});

}  // namespace newsdig::indexer
