#pragma once
// What an indexing run tells its user: each skipped or repaired input as it happens (stderr), progress
// (a redrawn line on a terminal, a log line every few seconds otherwise), a closing summary where
// indexed + skipped = articles seen with every skipped one listed, and the same as a JSON report file.
// Single-threaded: the pipeline's writer stage is its only caller while a run goes.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "indexer/formats/reader.hpp"

namespace newsdig::indexer {

enum class ProgressMode {
  None,  // nothing until the summary
  Tty,   // one status line, redrawn in place a few times a second
  Log,   // one status line every few seconds
};

// What the inputs amounted to besides articles, for the summary and the report.
struct InputTotals {
  std::uint64_t input_bytes = 0;    // bytes read from files and standard input (compressed, for archives)
  std::size_t containers = 0;       // archives and compressed files opened
  std::size_t hidden_ignored = 0;   // files, directories and archive members named ".*", left out
  std::size_t glob_ignored = 0;     // left out by --include / --exclude
  std::size_t special_ignored = 0;  // sockets, pipes and devices met while walking
};

class Report {
 public:
  // `quiet`: no per-input diagnostics (the summary and the report file still list them).
  Report(std::ostream& err, bool quiet, ProgressMode progress);

  // The word for what happened to the articles that were not skipped, in the summary and progress
  // ("indexed", the default; "extracted": then the summary leaves out the database changes).
  void set_verb(std::string verb) { verb_ = std::move(verb); }

  // The total input size, when known before the run (for the percentage and ETA of progress).
  void expect_input_bytes(std::uint64_t total) { expected_input_bytes_ = total; }

  // An article written: new to the database, or (`replaces`) in place of the one of its id.
  void indexed(std::size_t text_bytes, bool replaces = false) {
    ++indexed_;
    ++(replaces ? replaced_ : added_);
    text_bytes_ += text_bytes;
  }
  // An article the database already holds as it is (same id, same content hash): not written again.
  void unchanged(std::size_t text_bytes) {
    ++indexed_;
    ++unchanged_;
    text_bytes_ += text_bytes;
  }
  // Articles deleted from the database (--prune).
  void deleted(std::size_t count) { deleted_ += count; }
  void skipped(const formats::Diagnostic& diagnostic);
  void warned(const formats::Diagnostic& diagnostic);
  void committed() { ++commits_; }

  // Redraws or logs the progress line when it is time to; `input_bytes` read so far.
  void tick(std::uint64_t input_bytes);

  // Indexed = added + replaced + unchanged: every article the database holds as read in this run.
  std::size_t indexed_count() const { return indexed_; }
  std::size_t added_count() const { return added_; }
  std::size_t replaced_count() const { return replaced_; }
  std::size_t unchanged_count() const { return unchanged_; }
  std::size_t deleted_count() const { return deleted_; }
  std::size_t skipped_count() const { return skipped_.size(); }
  std::size_t seen_count() const { return indexed_ + skipped_.size(); }
  std::uint64_t text_bytes() const { return text_bytes_; }

  // A failure that stops the run, on its own line (after clearing the progress line).
  void fatal(const std::string& message);

  // Ends the run: clears the progress line, prints the summary (naming `database` unless it is empty).
  void print_summary(const std::string& database, const InputTotals& totals);

  // Writes the JSON report (docs/cli.md documents its shape) to `path`. Throws std::runtime_error when the
  // file cannot be written.
  void write_json(const std::string& path, const std::string& database, const InputTotals& totals,
                  int exit_status) const;

  double seconds() const;

 private:
  void clear_progress_line();
  std::string progress_text(std::uint64_t input_bytes) const;

  std::ostream& err_;
  bool quiet_;
  ProgressMode progress_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_progress_;
  bool progress_line_shown_ = false;
  std::string verb_ = "indexed";
  std::optional<std::uint64_t> expected_input_bytes_;
  std::size_t indexed_ = 0;
  std::size_t added_ = 0;
  std::size_t replaced_ = 0;
  std::size_t unchanged_ = 0;
  std::size_t deleted_ = 0;
  std::uint64_t text_bytes_ = 0;
  std::size_t commits_ = 0;
  std::vector<formats::Diagnostic> skipped_;
  std::vector<formats::Diagnostic> warnings_;
};

}  // namespace newsdig::indexer
