#pragma once
// Writing a sharded database (newsdig-index --shards N): a directory holding N shard databases,
// shard-000..., and the stub file XAPIANDB listing them (common/store/shards.hpp), so searchers and
// Xapian tools open the directory as one database. Each article goes to the shard of its id's hash, as
// the pipeline routes it (util::stable_hash64 of the unique term, modulo N), so an id always lands in
// the same shard and incremental runs replace within it. One writer thread per shard.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "indexer/pipeline.hpp"
#include "indexer/report.hpp"

namespace newsdig::indexer {

struct ShardLayout {
  std::string directory;            // the --db directory
  std::string stub;                 // directory/XAPIANDB
  std::vector<std::string> shards;  // directory/shard-000...
  bool exists = false;              // the stub was already there (an incremental run)
};

// True when `db` is a sharded database (a directory holding a stub file).
bool is_sharded(const std::string& db);

// The layout for writing `count` shards at `db` (count 0: as many as the existing stub lists). A new
// layout needs an empty or missing directory; an existing one must list exactly shard-000... in order,
// `count` of them. Throws store::StoreError saying what to do (a single database there, another count).
ShardLayout shard_layout(const std::string& db, unsigned count);

// Indexes `paths` into the shards of `layout`, one writer each, and then writes the stub (atomically,
// after every shard is closed: a run that fails leaves no stub listing half-made shards). Throws
// store::StoreError as run_pipeline() does.
void index_into_shards(const std::vector<std::string>& paths, std::istream& standard_input,
                       PipelineSettings settings, const ShardLayout& layout, Report& report,
                       InputTotals& totals);

}  // namespace newsdig::indexer
