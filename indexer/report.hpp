#pragma once
// What an indexing run tells its user: each skipped or repaired input as it happens (stderr), and a
// closing summary where indexed + skipped = articles seen, with every skipped one listed.
#include <cstddef>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "indexer/formats/reader.hpp"

namespace newsdig::indexer {

class Report {
 public:
  Report(std::ostream& err, bool quiet) : err_(err), quiet_(quiet) {}

  void indexed() { ++indexed_; }
  void skipped(const formats::Diagnostic& diagnostic);
  void warned(const formats::Diagnostic& diagnostic);
  void note_hidden_ignored(std::size_t count) { hidden_ignored_ = count; }

  std::size_t indexed_count() const { return indexed_; }
  std::size_t skipped_count() const { return skipped_.size(); }
  std::size_t seen_count() const { return indexed_ + skipped_.size(); }

  void print_summary(const std::string& database, double seconds) const;

 private:
  std::ostream& err_;
  bool quiet_;
  std::size_t indexed_ = 0;
  std::size_t warnings_ = 0;
  std::size_t hidden_ignored_ = 0;
  std::vector<formats::Diagnostic> skipped_;
};

}  // namespace newsdig::indexer
