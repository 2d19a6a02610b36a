#pragma once
// `newsdig-index extract`: the entities and dates extraction finds in each article, printed as JSON Lines
// (docs/json-format.md), with nothing indexed. Inputs, formats, diagnostics and exit codes are those of
// indexing.
#include <iosfwd>

#include "indexer/options.hpp"

namespace newsdig::indexer {

// Reads every input under options.paths (with options.format, columns, delimiter, globs and
// max_article_bytes as indexing does) and prints one JSON object per article on `out`; diagnostics and
// the summary go to `err`. Returns kExitOk (every article printed), kExitSkipped (some inputs skipped) or
// kExitFatal (no paths given).
int extract_articles(const Options& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace newsdig::indexer
