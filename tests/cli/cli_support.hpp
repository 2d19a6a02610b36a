#pragma once
// Shared by the CLI suites: running the two programs and reading their JSON Lines output.
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace newsdig::test {

inline ProcessResult run_index(const std::vector<std::string>& args, const ProcessOptions& options = {}) {
  std::vector<std::string> argv{index_bin().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, options);
}

inline ProcessResult run_search(const std::vector<std::string>& args, const ProcessOptions& options = {}) {
  std::vector<std::string> argv{search_bin().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, options);
}

// Every line of JSON Lines output, parsed (a line that is not JSON fails the parse loudly).
inline std::vector<nlohmann::json> parse_lines(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) lines.push_back(nlohmann::json::parse(text.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

// The ids of the hit lines of jsonl output, in rank order.
inline std::vector<std::string> hit_ids(const std::string& jsonl) {
  std::vector<std::string> ids;
  for (const auto& line : parse_lines(jsonl)) {
    if (line.at("type") == "hit") ids.push_back(line.at("id").get<std::string>());
  }
  return ids;
}

inline std::set<std::string> id_set(const std::string& jsonl) {
  auto ids = hit_ids(jsonl);
  return {ids.begin(), ids.end()};
}

// corpus/ indexed once for the whole run of the suites (read-only: a suite that changes a database makes
// its own).
inline const std::string& corpus_db() {
  static TempDir dir;
  static const std::string db = [] {
    auto path = (dir / "corpus.db").string();
    auto result = run_index({"--db", path, corpus_dir().string()});
    if (result.exit_code != 0) throw std::runtime_error("indexing corpus/ failed: " + result.err);
    return path;
  }();
  return db;
}

inline const std::string kKyodoSeed = "corpus/seeds/000_56ec079a7a28b595.txt";
inline const std::string kReutersSeed = "corpus/seeds/002_e0ec6849fc1fbacb.txt";

}  // namespace newsdig::test
