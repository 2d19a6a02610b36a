#pragma once
// newsdig-search without its command line: parse the query, search, print one page of results.
#include <iosfwd>

#include "searcher/options.hpp"

namespace newsdig::searcher {

inline constexpr int kExitHits = 0;
inline constexpr int kExitNoHits = 1;
inline constexpr int kExitError = 2;

// Results go to `out`, diagnostics to `err`; `out_is_terminal` decides colour under --color=auto and
// the wrap width. Returns kExitHits, kExitNoHits or kExitError.
int run(const Options& options, std::ostream& out, std::ostream& err, bool out_is_terminal);

}  // namespace newsdig::searcher
