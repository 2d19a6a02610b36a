#pragma once
// Results for scripts: `json` (one object) and `jsonl` (one line per event), both versioned; the shapes
// are documented in docs/json-format.md and checked by the CLI tests.
#include <iosfwd>

#include "searcher/output/page.hpp"

namespace newsdig::output {

inline constexpr int kJsonFormatVersion = 1;

void write_json(std::ostream& out, const Page& page);
void write_jsonl(std::ostream& out, const Page& page);

}  // namespace newsdig::output
