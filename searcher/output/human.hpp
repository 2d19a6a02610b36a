#pragma once
// Results for a person: rank, title, date, source and id, then the snippets wrapped to the width, with
// the matched words in colour on a terminal, or between ** markers when colour is off.
#include <iosfwd>

#include "searcher/output/page.hpp"

namespace newsdig::output {

struct HumanStyle {
  bool color = false;
  unsigned width = 100;  // columns to wrap snippets to
};

void write_human(std::ostream& out, const Page& page, const HumanStyle& style);

}  // namespace newsdig::output
