#pragma once
// newsdig-index without its command line: index Options::paths into Options::db.
#include <iosfwd>

#include "indexer/options.hpp"

namespace newsdig::indexer {

inline constexpr int kExitOk = 0;
inline constexpr int kExitSkipped = 1;
inline constexpr int kExitFatal = 2;

// Reads every input, indexes every article it can, commits, and prints diagnostics and the summary on
// `err`. Returns kExitOk, kExitSkipped (finished, some inputs skipped) or kExitFatal (nothing after the
// failure was indexed; what was committed before it stays).
int run(const Options& options, std::istream& in, std::ostream& err);

}  // namespace newsdig::indexer
