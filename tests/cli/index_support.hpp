#pragma once
// Shared by the indexing CLI suites: writing input files and reading back what was indexed.
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_support.hpp"

namespace newsdig::test {

inline void write_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A small plain-text news article whose words include `word`.
inline std::string story(const std::string& headline, const std::string& word) {
  return headline + "\n\nHarbour officials said the " + word + " was seen on Friday near the old pier.\n";
}

// Every indexed article's id and origin, by searching for everything.
struct Indexed {
  std::vector<std::string> ids;  // in document order
  std::set<std::string> origins;
};
inline Indexed indexed(const std::filesystem::path& db) {
  auto result = run_search({"--db", db.string(), "--format", "jsonl", "-n", "100000", "*"});
  Indexed all;
  for (const auto& line : parse_lines(result.out)) {
    if (line.at("type") != "hit") continue;
    all.ids.push_back(line.at("id").get<std::string>());
    all.origins.insert(line.value("origin", std::string()));
  }
  return all;
}

inline std::set<std::string> found(const std::filesystem::path& db, const std::string& query) {
  return id_set(
      run_search({"--db", db.string(), "--format", "jsonl", "--no-collapse", "-n", "1000", query}).out);
}

inline nlohmann::json read_report(const std::filesystem::path& path) {
  return nlohmann::json::parse(read_file(path));
}

}  // namespace newsdig::test
