#pragma once
// Turning the paths on the command line into inputs: files as they are, directories walked recursively
// in sorted order (so runs are repeatable), "-" for standard input. Each input gets a stable id base that
// does not depend on the current directory: "<directory name>/<path inside it>" for files found in a
// directory, the file name for a file named directly, "stdin" for standard input.
//
// Inside directories: names starting with '.' are left out (counted); --exclude globs leave out files and
// whole directories, --include globs keep only the files they match; symbolic links are followed, and a
// directory reached a second time (a symbolic link loop, or two links to one directory) is walked once.
// Paths named on the command line are always read, whatever the globs say.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/formats/reader.hpp"

namespace newsdig::sources {

struct SourceFile {
  std::filesystem::path path;  // empty for standard input
  std::string origin;          // the path as the user would recognise it ("-" for standard input)
  std::string id_base;
  std::string relative;     // path inside the walked directory ("2006/a.txt"); the file name otherwise
  std::uintmax_t size = 0;  // bytes on disk (0 for standard input)
  bool is_stdin = false;
  bool named_directly = false;  // given on the command line (standard input too), not found by a walk
};

// Which files of walked directories (and of archives) are inputs. A glob without '/' is matched against
// the file or directory name, one with '/' against the path inside the walked directory or archive;
// `*` and `?` match '/' too, `[...]` is a set (fnmatch(3) without flags).
struct Globs {
  std::vector<std::string> include;  // empty = every file
  std::vector<std::string> exclude;

  // Whether a file (or archive member) at `relative` is an input.
  bool keeps_file(std::string_view relative) const;
  // Whether a directory at `relative` is walked.
  bool keeps_directory(std::string_view relative) const;
  // Whether a file at `relative` passes the excludes (archives are opened whatever --include says).
  bool not_excluded(std::string_view relative) const;
};

struct WalkStats {
  std::size_t hidden_ignored = 0;   // dot files and dot directories met while walking (not named directly)
  std::size_t glob_ignored = 0;     // files and directories left out by --include / --exclude
  std::size_t special_ignored = 0;  // sockets, pipes and devices met while walking
};

// One step of a walk: an input, or a problem with one path (the walk goes on after either).
struct WalkItem {
  enum class Kind { File, Skip, Warn };
  Kind kind = Kind::File;
  SourceFile file;                 // Kind::File
  formats::Diagnostic diagnostic;  // Kind::Skip (a path that cannot be read) or Kind::Warn
};

// Walks `paths` lazily, one input at a time, holding only the listings of the directories on the way
// down (so a tree of millions of files costs no more memory than a small one). Never throws but
// std::bad_alloc: every problem is a WalkItem.
class Walker {
 public:
  Walker(std::vector<std::string> paths, Globs globs);
  ~Walker();
  Walker(const Walker&) = delete;
  Walker& operator=(const Walker&) = delete;

  // The next input or problem; nullopt once every path is done.
  std::optional<WalkItem> next();

  const WalkStats& stats() const { return stats_; }

 private:
  struct Frame;
  std::optional<WalkItem> start_argument(const std::string& argument);
  std::optional<WalkItem> enter_directory(const std::filesystem::path& directory, std::string relative,
                                          const std::string& origin);

  std::vector<std::string> paths_;
  std::size_t next_path_ = 0;
  Globs globs_;
  WalkStats stats_;
  std::vector<std::unique_ptr<Frame>> stack_;
  std::string root_prefix_;                                      // id prefix of the directory being walked
  std::set<std::pair<std::uintmax_t, std::uintmax_t>> visited_;  // (device, inode) of walked directories
};

// The sum of the sizes of every input `paths` name (what a Walker would hand out), for progress.
std::uintmax_t total_input_bytes(const std::vector<std::string>& paths, const Globs& globs);

}  // namespace newsdig::sources
