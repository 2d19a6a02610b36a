#pragma once
// The indexer's input stage: every input under the command-line paths (files, directory walks, standard
// input, the members of containers, containers inside containers) as pieces of bytes, in a repeatable
// order, each with its origin ("news.tar.xz!2006/a.txt") and id base. Long inputs whose format is one
// record per line (JSON Lines) are cut into pieces at line ends, so no input is ever held whole; other
// inputs are read whole, up to FeedSettings::max_input_bytes.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "indexer/formats/format.hpp"
#include "indexer/formats/reader.hpp"
#include "indexer/sources/container.hpp"
#include "indexer/sources/walk.hpp"

namespace newsdig::sources {

struct FeedSettings {
  Globs globs;
  formats::Format format = formats::Format::Auto;  // what --format forces (Auto: detect per input)
  std::size_t piece_bytes = std::size_t{4} << 20;  // inputs longer than this are cut when their format allows
  std::size_t max_input_bytes = std::size_t{256} << 20;  // a longer input that cannot be cut is skipped
  unsigned max_nesting = 4;                              // containers inside containers, at most this deep
};

// Some bytes of one input: all of it, or one piece of a long one.
struct Piece {
  std::string bytes;
  std::string origin;   // "a.txt", "news.tar.xz!2006/a.txt", "-"
  std::string id_base;  // "dir/a.txt", "news.tar.xz!2006/a.txt", "stdin"
  std::string name;     // for format detection by name: the path without compression suffix ("" for stdin)
  std::uint64_t first_line = 1;           // line number of the first byte of `bytes` in the input
  std::optional<formats::Format> format;  // known for the pieces of a cut input (detected on its start)
};

struct FeedItem {
  enum class Kind { Piece, Skip, Warn };
  Kind kind = Kind::Piece;
  // The input file it comes from, its absolute canonical path (the archive, for archive members); empty
  // for standard input and for problems with a path that is no file (a dangling link, a loop).
  std::string input;
  Piece piece;                     // Kind::Piece
  formats::Diagnostic diagnostic;  // Kind::Skip (an input lost, with the reason) or Kind::Warn
};

struct FeedStats {
  WalkStats walk;
  std::size_t hidden_members = 0;  // archive members under a name starting with '.'
  std::size_t glob_members = 0;    // archive members left out by --include / --exclude
  std::size_t containers = 0;      // containers opened
};

// Pulls inputs one at a time. Single-threaded (the pipeline's serial input stage); bytes_consumed() may
// be read from any thread. Never throws but std::bad_alloc: every problem is a FeedItem.
class Feed {
 public:
  Feed(std::vector<std::string> paths, std::istream& standard_input, FeedSettings settings);
  ~Feed();
  Feed(const Feed&) = delete;
  Feed& operator=(const Feed&) = delete;

  // The next piece or problem; nullopt when every input is done.
  std::optional<FeedItem> next();

  // Bytes taken so far from files and standard input (compressed bytes for compressed containers).
  std::uint64_t bytes_consumed() const { return consumed_.load(std::memory_order_relaxed); }
  FeedStats stats() const;

 private:
  struct Open;
  struct Level;
  std::optional<FeedItem> next_from_open();
  std::optional<FeedItem> next_member();
  std::optional<FeedItem> start_file(const SourceFile& file);
  void note_consumed();
  // The skip for an input lost to a damaged container; drops the container unless it can go on.
  FeedItem damaged(std::string origin, const ArchiveError& error);

  Walker walker_;
  std::istream& standard_input_;
  FeedSettings settings_;
  FeedStats stats_;
  std::vector<std::unique_ptr<Level>> levels_;  // open containers, outermost first
  std::unique_ptr<Open> open_;                  // the input being read
  std::string scratch_;                         // read buffer, reused
  std::string input_;                           // FeedItem::input of the file being read
  std::uint64_t consumed_done_ = 0;             // bytes of inputs finished
  std::atomic<std::uint64_t> consumed_{0};
};

// Where a long input of `format` may be cut: the length of its longest prefix in `bytes` that ends with a
// complete record, 0 when there is none yet; nullopt when it cannot be cut: any format but JSON Lines, and
// JSON Lines whose first non-blank line is not a JSON value by itself (one document over many lines, such
// as a pretty-printed .json file; a malformed first line also keeps the input whole). `from_start`: `bytes`
// is the start of the input (only then is its first line looked at).
std::optional<std::size_t> record_cut(formats::Format format, std::string_view bytes, bool from_start);

// The number of line ends in `bytes` (LF, CRLF and lone CR, as the readers count them).
std::uint64_t count_lines(std::string_view bytes);

}  // namespace newsdig::sources
