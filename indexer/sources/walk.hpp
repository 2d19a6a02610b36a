#pragma once
// Turning the paths on the command line into inputs: files as they are, directories walked recursively
// in sorted order (so runs are repeatable), "-" for standard input. Each input gets a stable id base that
// does not depend on the current directory: "<directory name>/<path inside it>" for files found in a
// directory, the file name for a file named directly, "stdin" for standard input.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "indexer/formats/reader.hpp"

namespace newsdig::sources {

struct SourceFile {
  std::filesystem::path path;  // empty for standard input
  std::string origin;          // the path as the user would recognise it ("-" for standard input)
  std::string id_base;
  bool is_stdin = false;
};

struct WalkStats {
  std::size_t hidden_ignored = 0;  // dot files and dot directories met while walking (not named directly)
};

// Calls `visit` for every input under `paths`; a path that cannot be read or walked is reported to
// `problem` (as a whole-input Diagnostic) and the walk goes on.
void walk(const std::vector<std::string>& paths, const std::function<void(const SourceFile&)>& visit,
          const std::function<void(formats::Diagnostic)>& problem, WalkStats* stats = nullptr);

// The whole content of `file` (`standard_input` when file.is_stdin). Throws std::runtime_error with
// the system's reason when it cannot be read.
std::string read_all(const SourceFile& file, std::istream& standard_input);

}  // namespace newsdig::sources
