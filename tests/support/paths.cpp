#include "tests/support/paths.hpp"

#include <cstdlib>
#include <random>
#include <string>
#include <system_error>

namespace newsdig::test {

std::filesystem::path source_dir() {
  return NEWSDIG_SOURCE_DIR;
}
std::filesystem::path corpus_dir() {
  return source_dir() / "corpus";
}
std::filesystem::path test_data_dir() {
  return source_dir() / "tests" / "data";
}
std::filesystem::path index_bin() {
  return NEWSDIG_INDEX_BIN;
}
std::filesystem::path search_bin() {
  return NEWSDIG_SEARCH_BIN;
}

std::optional<std::filesystem::path> shared_dir() {
  if (const char* env = std::getenv("NEWSDIG_SHARED_DIR"); env != nullptr && *env != '\0') {
    if (std::filesystem::is_directory(env)) return std::filesystem::path(env);
    return std::nullopt;
  }
  auto candidate = source_dir().parent_path() / "shared";
  if (std::filesystem::is_directory(candidate / "data")) return candidate;
  return std::nullopt;
}

TempDir::TempDir() {
  std::random_device seed;
  std::mt19937_64 random(seed());
  auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = base / ("newsdig-test-" + std::to_string(random()));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory under " + base.string());
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace newsdig::test
