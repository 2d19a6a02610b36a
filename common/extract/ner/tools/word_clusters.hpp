#pragma once
// Word clusters from unlabelled text for the entity tagger's cluster features: distributional context
// vectors (neighbouring words two either side, PPMI weighted), reduced by randomised SVD, then spherical
// k-means at a few granularities. Deterministic for a given input, options and build.
#include <cstdint>
#include <iosfwd>
#include <vector>

#include <CLI/CLI.hpp>

namespace newsdig::extract::ner::tools {

struct ClusterOptions {
  std::uint32_t min_count = 20;                        // vocabulary: words seen at least this often...
  std::uint32_t max_words = 80000;                     // ...and at most this many of the most frequent
  std::uint32_t contexts = 2000;                       // context dimensions: the most frequent words
  std::uint32_t dimensions = 128;                      // SVD dimensions
  std::vector<std::uint32_t> sizes = {64, 256, 1024};  // clusters per level, coarse to fine
  int iterations = 20;                                 // k-means iterations per level
  std::uint64_t seed = 1;
};

void configure_clusters(CLI::App& app, ClusterOptions& options);

// Reads text from `in` (lines starting "-- " are headers and skipped; blank lines end a block), writes
// "word<TAB>id id id" lines to `out` (cluster numbers from 1, one per level), progress to `log`.
int run_clusters(const ClusterOptions& options, std::istream& in, std::ostream& out, std::ostream& log);

}  // namespace newsdig::extract::ner::tools
