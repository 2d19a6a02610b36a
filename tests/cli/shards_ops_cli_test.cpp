// Maintenance commands on sharded databases: compact (each shard in place, or --into one new database),
// rebuild, rollback, check and stats; and a searcher that opens a sharded directory while rebuilds swap it
// never combines shards of two generations.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_support.hpp"

namespace newsdig::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// `count` articles with distinct words (so no two make one story), dated across three years.
void write_articles(const fs::path& file, int count, int first = 0) {
  static const std::vector<std::string> kWords = {"ferry",  "tariff",  "wheat",   "copper",
                                                  "budget", "strike",  "harbour", "bridge",
                                                  "museum", "orchard", "turbine", "verdict"};
  std::ofstream out(file);
  for (int i = first; i < first + count; ++i) {
    const std::string a = kWords[static_cast<std::size_t>(i) % kWords.size()];
    const std::string b = kWords[static_cast<std::size_t>(i / 12) % kWords.size()];
    json article{{"id", "n" + std::to_string(i)},
                 {"title", "Report " + std::to_string(i) + " on the " + a},
                 {"body", "Dispatch number " + std::to_string(i) + " about the " + a + " and the " + b +
                              ", filed for the council."},
                 {"date", std::to_string(2018 + i % 3) + "-0" + std::to_string(1 + i % 9) + "-1" +
                              std::to_string(i % 10)},
                 {"lang", "en"}};
    out << article.dump() << '\n';
  }
}

std::set<std::string> ids_found(const fs::path& db, const std::string& query) {
  const auto result =
      run_search({"--db", db.string(), "--format", "jsonl", "--no-collapse", "-n", "1000", query});
  BOOST_TEST_REQUIRE(result.exit_code <= 1, result.err);
  return id_set(result.out);
}

fs::path make_sharded(const TempDir& dir, const std::string& name, const std::vector<std::string>& routing,
                      int count = 40) {
  const fs::path input = dir / (name + ".jsonl");
  write_articles(input, count);
  const fs::path db = dir / name;
  std::vector<std::string> args = routing;
  args.insert(args.end(), {"--db", db.string(), "--quiet", input.string()});
  const auto made = run_index(args);
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  return db;
}

BOOST_AUTO_TEST_SUITE(shards_ops_cli)

BOOST_AUTO_TEST_CASE(compact_into_merges_every_shard_into_one_database_with_the_same_articles) {
  TempDir dir;
  for (const auto& routing :
       std::vector<std::vector<std::string>>{{"--shards", "3"}, {"--shard-by", "year"}}) {
    const fs::path db = make_sharded(dir, "db-" + routing.back(), routing);
    const fs::path out = dir / ("merged-" + routing.back());
    const auto merged = run_index({"compact", "--db", db.string(), "--into", out.string()});
    BOOST_TEST_REQUIRE(merged.exit_code == 0, merged.err);
    BOOST_TEST(merged.err.find("40 documents") != std::string::npos, merged.err);
    BOOST_TEST(fs::exists(out / "iamglass"));
    BOOST_TEST(!fs::exists(out / "XAPIANDB"));
    BOOST_TEST(ids_found(out, "council") == ids_found(db, "council"));
    BOOST_TEST(ids_found(out, "council").size() == 40U);
    BOOST_TEST(ids_found(out, "ferry date:2019") == ids_found(db, "ferry date:2019"));
  }
}

BOOST_AUTO_TEST_CASE(compact_into_refuses_remote_shards_and_an_existing_target) {
  TempDir dir;
  const fs::path db = make_sharded(dir, "db", {"--shards", "2"});
  const fs::path stub = dir / "remote.stub";
  std::ofstream(stub) << "auto " << (db / "shard-000").string() << "\nremote 127.0.0.1:7999\n";
  auto result = run_index({"compact", "--db", stub.string(), "--into", (dir / "out").string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("shard 127.0.0.1:7999 is remote") != std::string::npos, result.err);
  BOOST_TEST(!fs::exists(dir / "out"));
  fs::create_directories(dir / "taken");
  std::ofstream(dir / "taken" / "keep.txt") << "mine\n";
  result = run_index({"compact", "--db", db.string(), "--into", (dir / "taken").string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("exists") != std::string::npos, result.err);
  BOOST_TEST(fs::exists(dir / "taken" / "keep.txt"));
}

BOOST_AUTO_TEST_CASE(compact_of_a_sharded_database_compacts_each_shard_in_place) {
  TempDir dir;
  const fs::path db = make_sharded(dir, "db", {"--shard-by", "year"});
  const auto before = ids_found(db, "council");
  const auto result = run_index({"compact", "--db", db.string()});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  for (const char* shard : {"shard-2018", "shard-2019", "shard-2020"}) {
    BOOST_TEST(result.err.find((db / shard).string()) != std::string::npos, result.err);
  }
  BOOST_TEST(result.err.find("(3 shards)") != std::string::npos, result.err);
  BOOST_TEST(fs::exists(db / "XAPIANDB"));
  BOOST_TEST(ids_found(db, "council") == before);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace newsdig::test
