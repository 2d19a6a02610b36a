// Indexing the corpora of ../shared/data that a format needs settings for (label "shared": skipped, exit
// 77, when ../shared is absent).
#include <cstdlib>
#include <filesystem>
#include <string>

#include <boost/test/unit_test.hpp>

#include "tests/cli/index_support.hpp"

using namespace newsdig::test;

namespace {

std::filesystem::path shared_or_skip() {
  auto shared = shared_dir();
  if (!shared) std::exit(77);
  return *shared;
}

std::size_t hits(const std::filesystem::path& db, const std::string& query) {
  auto result = run_search({"--db", db.string(), "--format", "jsonl", "--snippets", "0", "-n", "0", query});
  for (const auto& line : parse_lines(result.out)) {
    if (line.at("type") == "end") return line.at("matches").at("lower_bound").get<std::size_t>();
  }
  return 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shared_index_cli)

BOOST_AUTO_TEST_CASE(ag_news_csv_without_a_header_is_read_with_columns) {
  const auto csv = shared_or_skip() / "data" / "ag_news" / "test.csv";
  TempDir dir;
  // Class index (1-4) as the topic, then title and description; no header row, every row an article.
  auto result = run_index({"--db", (dir / "db").string(), "--quiet", "--no-extract", "--columns",
                           "topic,title,body", csv.string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.err.find("7600 articles seen: 7600 indexed, 0 skipped") != std::string::npos, result.err);
  for (const std::string topic : {"topic:1", "topic:2", "topic:3", "topic:4"}) {
    BOOST_TEST(hits(dir / "db", topic) == 1900U, topic);  // 1,900 rows per class (SOURCE.txt)
  }
  BOOST_TEST(hits(dir / "db", "title:\"Fears for T N pension after talks\"") == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
