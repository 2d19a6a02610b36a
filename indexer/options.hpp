#pragma once
// newsdig-index's command line: the Options struct and the CLI11 set-up that fills it.
#include <cstddef>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "indexer/formats/format.hpp"
#include "indexer/report.hpp"

namespace newsdig::indexer {

enum class Command {
  Index,     // newsdig-index PATH...
  Compact,   // newsdig-index compact
  Rebuild,   // newsdig-index rebuild PATH...: a new database beside the live one, checked, swapped in
  Rollback,  // newsdig-index rollback: back to the database the last rebuild replaced
  Stats,     // newsdig-index stats [--json]
  Check,     // newsdig-index check: structure, schema version, sample of records
  Extract,   // newsdig-index extract PATH...: entities and dates as JSON Lines, nothing indexed
};

enum class ProgressWhen { Auto, Always, Log, Never };

// --shard-by: which shard of a sharded database an article goes to (indexer/shards.hpp).
enum class ShardBy {
  Default,  // not given: hash for a new --shards database, else what the database records
  Hash,     // the hash of its id, over a fixed count of shards (--shards N)
  Year,     // its publication year (shard-1996...); undated articles to shard-undated
  Month,    // its publication month (shard-1996-08...)
};

struct Options {
  Command command = Command::Index;
  std::string db;                  // database directory
  std::vector<std::string> paths;  // files, directories, "-"
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  formats::Format format = formats::Format::Auto;
  std::vector<std::string> columns;  // CSV/TSV column names, for files without a header row
  std::string delimiter;             // CSV field delimiter: one character, or "tab"; empty = by format
  std::string default_language = "en";
  unsigned threads = 0;  // 0 = one per core
  unsigned parts = 0;    // parts a new database is written in, merged at the end; 0 = threads (at most 8)
  unsigned shards = 0;   // --shards: write a sharded database of this many shards (indexer/shards.hpp)
  ShardBy shard_by = ShardBy::Default;       // --shard-by
  std::size_t max_article_bytes = 4U << 20;  // title + body; longer articles are skipped
  std::size_t commit_bytes = 1U << 20;       // article text between commits
  std::string report;                        // JSON report file; empty = none
  bool quiet = false;                        // no per-article diagnostics, no progress, summary only
  bool stories = true;                       // story grouping (--no-stories leaves the story keys out)
  double story_threshold = 0.3;  // same-story score an article needs to join a story (--story-threshold)
  ProgressWhen progress = ProgressWhen::Auto;
  unsigned wait_seconds = 0;       // --wait: how long a writing command waits for the write lock
  double max_shrink_percent = 10;  // rebuild: refuse a new database this much smaller than the live one
  std::string verify_queries;      // rebuild: file of "<min hits><TAB><query>" lines the new one must pass
  bool json = false;               // stats --json
  bool extract = true;             // entities and dates mentioned (--no-extract leaves them out)
  bool prune = false;              // delete the articles of inputs under the paths that are gone (--prune)
  std::string into;  // compact --into: merge the database (every shard of a sharded one) into this new one
};

// Declares the options on `app`, writing into `options`. The default database comes from NEWSDIG_DB,
// else ./newsdig.db.
void configure(CLI::App& app, Options& options);

// The readers' settings the options give (--columns, --delimiter).
formats::ReaderSettings reader_settings(const Options& options);

// How progress is shown: Auto becomes Tty when `stderr_is_tty`, Log otherwise; --quiet means None.
ProgressMode progress_mode(const Options& options, bool stderr_is_tty);

}  // namespace newsdig::indexer
