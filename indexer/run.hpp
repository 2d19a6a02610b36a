#pragma once
// newsdig-index without its command line: index Options::paths into Options::db, compact it, or print
// what extraction finds.
#include <iosfwd>
#include <string>

#include "indexer/options.hpp"

namespace newsdig::indexer {

inline constexpr int kExitOk = 0;
inline constexpr int kExitSkipped = 1;
inline constexpr int kExitFatal = 2;

// Runs options.command; `out` gets what a command prints as its result (extract's JSON Lines, stats).
// Indexing reads every input, indexes every article it can, commits, and prints diagnostics, progress (a
// live line when `err_is_tty`) and the summary on `err`, and the JSON report when asked. Returns kExitOk,
// kExitSkipped (finished, some inputs skipped) or kExitFatal (nothing after the failure was indexed; what
// was committed before it stays).
int run(const Options& options, std::istream& in, std::ostream& out, std::ostream& err,
        bool err_is_tty = false);

// Indexes options.paths into the database at `db` (instead of options.db) as `newsdig-index` does, but
// without taking the write lock: for commands that hold the lock of another path (rebuild writes
// "<db>.new" under the lock of <db>). Returns as run() does.
int index_into(const Options& options, const std::string& db, std::istream& in, std::ostream& err,
               bool err_is_tty = false);

}  // namespace newsdig::indexer
