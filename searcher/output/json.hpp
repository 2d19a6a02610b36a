#pragma once
// Results for scripts: `json` (one object) and `jsonl` (one line per event), both versioned; the shapes
// are documented in docs/json-format.md and checked by the CLI tests.
#include <iosfwd>
#include <string_view>

#include "searcher/output/page.hpp"

namespace newsdig::output {

// 2: highlights became byte offsets (code points moved to `highlights_cp`); title highlights, facets,
// timeline and --batch query numbers added.
inline constexpr int kJsonFormatVersion = 2;

void write_json(std::ostream& out, const Page& page);
void write_jsonl(std::ostream& out, const Page& page);

// A query of a --batch run that failed (bad syntax): one line in jsonl, one object in json.
void write_json_error(std::ostream& out, unsigned query_number, std::string_view qid, std::string_view query,
                      std::string_view message, bool lines);

}  // namespace newsdig::output
