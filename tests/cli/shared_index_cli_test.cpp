// Indexing the corpora of ../shared/data that a format needs settings for (label "shared": skipped, exit
// 77, when ../shared is absent).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <xapian.h>
#include <boost/test/unit_test.hpp>

#include "common/schema.hpp"
#include "tests/cli/index_support.hpp"

using namespace newsdig::test;
namespace schema = newsdig::schema;

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
  // Its first 800 rows (one row a line: SOURCE.txt), so the suite stays fast; no header row.
  std::ifstream in(csv, std::ios::binary);
  std::string rows;
  std::map<std::string, std::size_t> per_class;
  std::string line;
  for (int i = 0; i < 800 && std::getline(in, line); ++i) {
    rows += line + "\n";
    ++per_class[line.substr(1, line.find('"', 1) - 1)];  // "3","title","description"
  }
  BOOST_REQUIRE(per_class.size() == 4U);
  write_file(dir / "ag_news.csv", rows);
  // Class index (1-4) as the topic, then title and description.
  auto result = run_index({"--db", (dir / "db").string(), "--quiet", "--no-extract", "--columns",
                           "topic,title,body", (dir / "ag_news.csv").string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.err.find("800 articles seen: 800 indexed, 0 skipped") != std::string::npos, result.err);
  Xapian::Database database((dir / "db").string());
  for (const auto& [label, count] : per_class) {
    BOOST_TEST(database.get_termfreq(schema::make_term(schema::prefix::kTopic, label)) == count, label);
  }
  BOOST_TEST(hits(dir / "db", "title:\"Fears for T N pension after talks\"") == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
