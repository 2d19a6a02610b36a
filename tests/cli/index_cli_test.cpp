#include <fstream>
#include <string>

#include <boost/test/unit_test.hpp>

#include "tests/cli/cli_support.hpp"

using namespace newsdig::test;

namespace {

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::size_t count_all(const std::filesystem::path& db) {
  auto result = run_search({"--db", db.string(), "--format", "jsonl", "-n", "100000", "*"});
  return hit_ids(result.out).size();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(index_cli)

BOOST_AUTO_TEST_CASE(indexes_the_sample_corpus_and_exits_zero) {
  TempDir dir;
  auto result = run_index({"--db", (dir / "db").string(), corpus_dir().string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.out.empty());  // stdout is for results only
  BOOST_TEST(result.err.find(" indexed, 0 skipped") != std::string::npos, result.err);
  BOOST_TEST(count_all(dir / "db") >= 2U);
}

BOOST_AUTO_TEST_CASE(reindexing_the_same_files_replaces_instead_of_duplicating) {
  TempDir dir;
  auto db = (dir / "db").string();
  BOOST_TEST(run_index({"--db", db, corpus_dir().string()}).exit_code == 0);
  auto first = count_all(db);
  BOOST_TEST(run_index({"--db", db, corpus_dir().string()}).exit_code == 0);
  BOOST_TEST(count_all(db) == first);
}

BOOST_AUTO_TEST_CASE(skips_a_malformed_json_line_names_it_and_indexes_the_rest) {
  TempDir dir;
  write_file(dir / "in" / "feed.jsonl",
             "{\"id\":\"a\",\"title\":\"Harbour crane toppled\",\"body\":\"A crane fell.\"}\n"
             "{\"id\":\"b\",\"title\": broken\n"
             "{\"id\":\"c\",\"title\":\"Ferry service resumes\",\"body\":\"Ferries run again.\"}\n");
  auto result = run_index({"--db", (dir / "db").string(), (dir / "in").string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(result.err.find("feed.jsonl:2:") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("3 articles seen: 2 indexed, 1 skipped") != std::string::npos, result.err);
  auto found = run_search({"--db", (dir / "db").string(), "--format", "jsonl", "ferry OR crane"});
  BOOST_TEST(id_set(found.out) == (std::set<std::string>{"a", "c"}));
}

BOOST_AUTO_TEST_CASE(skips_a_binary_file_with_its_reason) {
  TempDir dir;
  write_file(dir / "in" / "story.txt", "Dock strike ends\n\nWorkers returned on Friday.\n");
  write_file(dir / "in" / "image.dat", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  auto result = run_index({"--db", (dir / "db").string(), (dir / "in").string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(result.err.find("image.dat") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("binary") != std::string::npos, result.err);
  BOOST_TEST(count_all(dir / "db") == 1U);
}

BOOST_AUTO_TEST_CASE(reports_a_missing_path_and_goes_on) {
  TempDir dir;
  auto missing = (dir / "nowhere").string();
  auto result = run_index({"--db", (dir / "db").string(), missing, corpus_dir().string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(result.err.find(missing) != std::string::npos, result.err);
  BOOST_TEST(count_all(dir / "db") >= 2U);
}

BOOST_AUTO_TEST_CASE(reads_standard_input_as_dash) {
  TempDir dir;
  ProcessOptions options;
  options.input = "{\"id\":\"s1\",\"title\":\"Lighthouse keeper retires\"}\n";
  auto result = run_index({"--db", (dir / "db").string(), "--format", "jsonl", "-"}, options);
  BOOST_TEST(result.exit_code == 0, result.err);
  auto found = run_search({"--db", (dir / "db").string(), "--format", "jsonl", "lighthouse"});
  BOOST_TEST(hit_ids(found.out) == (std::vector<std::string>{"s1"}));
}

BOOST_AUTO_TEST_CASE(bad_arguments_exit_two) {
  BOOST_TEST(run_index({}).exit_code == 2);
  BOOST_TEST(run_index({"--format", "xml", "x"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(a_database_that_cannot_be_written_is_fatal) {
  TempDir dir;
  write_file(dir / "not-a-dir", "plain file");
  auto result = run_index({"--db", (dir / "not-a-dir").string(), corpus_dir().string()});
  BOOST_TEST(result.exit_code == 2, result.err);
  BOOST_TEST(result.err.find("not-a-dir") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_SUITE_END()
