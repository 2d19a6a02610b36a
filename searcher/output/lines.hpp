#pragma once
// Results as plain lines for other tools: `ids` (one article id a line; --batch: qid, a tab, the id) and
// `trec` (TREC run format: "qid Q0 docno rank score tag", white space in ids replaced by '_').
#include <iosfwd>
#include <string_view>

#include "searcher/output/page.hpp"

namespace newsdig::output {

void write_ids(std::ostream& out, const Page& page);
void write_trec(std::ostream& out, const Page& page, std::string_view run_tag);

}  // namespace newsdig::output
