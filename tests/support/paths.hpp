#pragma once
// Where tests find things: the source tree, the built programs, ../shared, and scratch directories.
#include <filesystem>
#include <optional>

namespace newsdig::test {

std::filesystem::path source_dir();
std::filesystem::path corpus_dir();
std::filesystem::path test_data_dir();  // tests/data
std::filesystem::path index_bin();
std::filesystem::path search_bin();

// ../shared beside the project root, when it is there (CI has it; a fresh clone may not).
std::optional<std::filesystem::path> shared_dir();

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::filesystem::path& child) const { return path_ / child; }

 private:
  std::filesystem::path path_;
};

}  // namespace newsdig::test
