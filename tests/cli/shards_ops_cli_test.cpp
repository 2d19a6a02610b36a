// Maintenance commands on sharded databases: compact (each shard in place, or --into one new database),
// rebuild, rollback, check and stats; and a searcher that opens a sharded directory while rebuilds swap it
// never combines shards of two generations.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
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

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Rebuilds `db` from `count` articles numbered from `first`; returns the exit status, failing on stderr.
ProcessResult rebuild(const TempDir& dir, const fs::path& db, int count, int first,
                      const std::vector<std::string>& more = {}) {
  const fs::path input = dir / ("gen-" + std::to_string(first) + ".jsonl");
  write_articles(input, count, first);
  std::vector<std::string> args{"rebuild", "--db", db.string(), "--quiet"};
  args.insert(args.end(), more.begin(), more.end());
  args.push_back(input.string());
  return run_index(args);
}

// A shell loop searching `db` until the file STOP appears, each answer in out.N and its status in rc.N
// under `logs`. Started with fork() before any other process of the test, so it holds no pipe of theirs.
class SearchLoop {
 public:
  SearchLoop(const fs::path& db, const fs::path& logs) : logs_(logs) {
    fs::create_directories(logs);
    const std::string script = "i=0; while [ ! -e STOP ]; do '" + search_bin().string() + "' --db '" +
                               db.string() +
                               "' --format jsonl --no-collapse -n 1000 council > out.$i 2> err.$i; "
                               "echo $? > rc.$i; i=$((i+1)); done";
    pid_ = ::fork();
    BOOST_TEST_REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      if (::chdir(logs.c_str()) != 0) ::_exit(127);
      ::execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~SearchLoop() { stop(); }
  SearchLoop(const SearchLoop&) = delete;
  SearchLoop& operator=(const SearchLoop&) = delete;

  void stop() {
    if (pid_ <= 0) return;
    std::ofstream(logs_ / "STOP") << "stop\n";
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  fs::path logs_;
  pid_t pid_ = -1;
};

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

BOOST_AUTO_TEST_CASE(rebuild_of_a_sharded_database_keeps_its_layout_and_rollback_swaps_it_back) {
  TempDir dir;
  for (const auto& routing :
       std::vector<std::vector<std::string>>{{"--shards", "3"}, {"--shard-by", "year"}}) {
    const fs::path db = make_sharded(dir, "db-" + routing.back(), routing);
    const std::string stub = read_text(db / "XAPIANDB");
    const auto rebuilt = rebuild(dir, db, 45, 100);
    BOOST_TEST_REQUIRE(rebuilt.exit_code == 0, rebuilt.err);
    BOOST_TEST(read_text(db / "XAPIANDB") == stub);
    BOOST_TEST(ids_found(db, "council").size() == 45U);
    BOOST_TEST(ids_found(db, "council").count("n100") == 1U);
    BOOST_TEST(ids_found(fs::path(db.string() + ".previous"), "council").size() == 40U);
    auto back = run_index({"rollback", "--db", db.string()});
    BOOST_TEST_REQUIRE(back.exit_code == 0, back.err);
    BOOST_TEST(ids_found(db, "council").size() == 40U);
    back = run_index({"rollback", "--db", db.string()});
    BOOST_TEST_REQUIRE(back.exit_code == 0, back.err);
    BOOST_TEST(ids_found(db, "council").size() == 45U);
  }
}

struct RebuildRefusal {
  std::string name;
  int count;
  std::vector<std::string> options;
  int exit_code;
  std::string message;
};

BOOST_AUTO_TEST_CASE(rebuild_of_a_sharded_database_refuses_a_shrunk_total_or_failed_queries) {
  TempDir dir;
  std::ofstream(dir / "queries.tsv") << "# at least this many\n60\tcouncil\n";
  const std::vector<RebuildRefusal> refusals = {
      {"shrunk", 20, {}, 5, "the new database has 20 articles, the live one 40"},
      {"queries",
       41,
       {"--verify-queries", (dir / "queries.tsv").string()},
       6,
       "found 41 articles, at least 60"},
  };
  const fs::path db = make_sharded(dir, "db", {"--shard-by", "year"});
  for (const auto& refusal : refusals) {
    const auto result = rebuild(dir, db, refusal.count, 200, refusal.options);
    BOOST_TEST(result.exit_code == refusal.exit_code, refusal.name << ": " << result.err);
    BOOST_TEST(result.err.find(refusal.message) != std::string::npos, result.err);
    BOOST_TEST(ids_found(db, "council").size() == 40U, refusal.name);
  }
}

BOOST_AUTO_TEST_CASE(check_names_the_damaged_shard) {
  TempDir dir;
  const fs::path db = make_sharded(dir, "db", {"--shard-by", "year"});
  auto result = run_index({"check", "--db", db.string()});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  BOOST_TEST(result.out.find("3 shards") != std::string::npos, result.out);
  // Damage one shard's record table.
  const fs::path table = db / "shard-2019" / "docdata.glass";
  BOOST_TEST_REQUIRE(fs::exists(table));
  fs::resize_file(table, fs::file_size(table) / 2);
  result = run_index({"check", "--db", db.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("shard " + (db / "shard-2019").string() + ": ") != std::string::npos,
             result.err);
  BOOST_TEST(result.err.find("shard-2018") == std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(check_finds_an_article_id_held_by_two_shards) {
  TempDir dir;
  const fs::path db = make_sharded(dir, "db", {"--shard-by", "year"});
  BOOST_TEST_REQUIRE(run_index({"check", "--db", db.string()}).exit_code == 0);
  // n0 (of 2018) written into the 2019 shard behind the routing's back, as a killed move could leave it.
  const fs::path input = dir / "stray.jsonl";
  write_articles(input, 1);
  const auto stray = run_index({"--db", (db / "shard-2019").string(), "--quiet", input.string()});
  BOOST_TEST_REQUIRE(stray.exit_code == 0, stray.err);
  const auto result = run_index({"check", "--db", db.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("article id n0 is held by 2 articles across the shards") != std::string::npos,
             result.err);
}

BOOST_AUTO_TEST_CASE(stats_sums_the_shards_and_lists_each) {
  TempDir dir;
  const fs::path db = make_sharded(dir, "db", {"--shard-by", "year"});
  const auto result = run_index({"stats", "--json", "--db", db.string()});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  const json stats = json::parse(result.out);
  BOOST_TEST(stats.at("articles") == 40);
  BOOST_TEST_REQUIRE(stats.at("shards").size() == 3U);
  unsigned articles = 0;
  std::uintmax_t bytes = 0;
  for (const auto& shard : stats.at("shards")) {
    articles += shard.at("articles").get<unsigned>();
    bytes += shard.at("bytes").get<std::uintmax_t>();
  }
  BOOST_TEST(articles == 40U);
  BOOST_TEST(bytes == stats.at("bytes").get<std::uintmax_t>());
  BOOST_TEST(stats.at("shards")[0].at("database") == (db / "shard-2018").string());
}

BOOST_AUTO_TEST_CASE(searches_during_sharded_rebuilds_never_fail_nor_mix_two_generations) {
  TempDir dir;
  // Generation g: 30 + 3g articles numbered from 100g; every search must see exactly one of them.
  const fs::path db = make_sharded(dir, "db", {"--shards", "3"}, 30);
  SearchLoop loop(db, dir / "logs");
  for (int generation = 1; generation <= 4; ++generation) {
    const auto rebuilt = rebuild(dir, db, 30 + 3 * generation, 100 * generation);
    BOOST_TEST_REQUIRE(rebuilt.exit_code == 0, rebuilt.err);
  }
  loop.stop();
  int searches = 0;
  for (int i = 0; fs::exists(dir / "logs" / ("rc." + std::to_string(i))); ++i) {
    const std::string n = std::to_string(i);
    const std::string rc = read_text(dir / "logs" / ("rc." + n));
    if (rc.empty()) continue;  // stopped while writing it
    ++searches;
    BOOST_TEST(rc == "0\n", "search " << n << ": " << read_text(dir / "logs" / ("err." + n)));
    const auto ids = hit_ids(read_text(dir / "logs" / ("out." + n)));
    BOOST_TEST_REQUIRE(!ids.empty(), "search " << n);
    const int generation = std::stoi(ids.front().substr(1)) / 100;
    BOOST_TEST(ids.size() == static_cast<std::size_t>(30 + 3 * generation), "search " << n);
    for (const auto& id : ids) BOOST_TEST(std::stoi(id.substr(1)) / 100 == generation, "search " << n);
  }
  BOOST_TEST(searches > 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace newsdig::test
