#pragma once
// newsdig-index's maintenance commands (docs/operations.md): rebuild, rollback, stats, check, and the
// write lock every writing command takes. Each returns the command's exit code; results go to `out`,
// diagnostics and summaries to `err`.
#include <functional>
#include <iosfwd>
#include <string_view>

#include "indexer/options.hpp"

namespace newsdig::indexer::commands {

// Exit codes beyond run.hpp's 0 (ok), 1 (finished with skips) and 2 (fatal; the live index untouched).
inline constexpr int kExitLocked = 3;          // another writer holds the database's lock
inline constexpr int kExitCheckFailed = 4;     // rebuild: the new database failed the structure/schema check
inline constexpr int kExitShrinkRefused = 5;   // rebuild: it has too few articles (--max-shrink)
inline constexpr int kExitQueriesRefused = 6;  // rebuild: a --verify-queries query found too few articles

// Runs `body` holding the write lock of options.db (waiting up to options.wait_seconds for it). Returns
// body's code, or kExitLocked (with a message naming the holder) / kExitFatal when the lock cannot be had.
int with_write_lock(const Options& options, std::string_view command, std::ostream& err,
                    const std::function<int()>& body);

// newsdig-index rebuild: index options.paths into "<db>.new", check it, swap it in; "<db>.previous" keeps
// the replaced one. Takes the write lock.
int rebuild(const Options& options, std::istream& in, std::ostream& err, bool err_is_tty);

// newsdig-index compact: the database rewritten compactly in place (a sharded one shard by shard), or with
// options.into merged into a new single database. Local shards only. The caller holds the write lock.
int compact(const Options& options, std::ostream& err);

// newsdig-index rollback: exchange "<db>" and "<db>.previous". Takes the write lock.
int rollback(const Options& options, std::ostream& err);

// newsdig-index stats [--json]: the database's figures on `out`. Never locks.
int stats(const Options& options, std::ostream& out, std::ostream& err);

// newsdig-index check: structure, schema version and a sample of records; 0 passed, 2 failed. Never locks.
int check(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace newsdig::indexer::commands
