// The interactive session on sharded databases (CTest label "remote"): a stub of remote shards served by
// xapian-tcpsrv on loopback, and several --db options, answer in the session as one-shot search does; a
// server that goes down mid-session is named, and the session goes on. Exits 77 (skipped) without
// xapian-tcpsrv (Debian package xapian-tools).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/cli/cli_support.hpp"
#include "tests/cli/session_support.hpp"
#include "tests/cli/shards_support.hpp"

namespace newsdig::test {
namespace {

namespace fs = std::filesystem;

// The hit count one-shot search gives for `query` on `dbs`.
long one_shot_count(const std::vector<std::string>& dbs, const std::string& query) {
  std::vector<std::string> argv;
  for (const auto& db : dbs) argv.insert(argv.end(), {"--db", db});
  argv.insert(argv.end(), {"--format", "jsonl", "-n", "0", query});
  const auto result = run_search(argv);
  BOOST_TEST_REQUIRE(result.exit_code <= 1, result.err);
  for (const auto& line : parse_lines(result.out)) {
    if (line.at("type") == "end") return line.at("matches").at("estimated").get<long>();
  }
  return -1;
}

std::unique_ptr<PtySession> start_session(const TempDir& home, const std::vector<std::string>& dbs) {
  std::vector<std::string> argv{search_bin().string(), "-i"};
  for (const auto& db : dbs) argv.insert(argv.end(), {"--db", db});
  return std::make_unique<PtySession>(
      argv,
      std::vector<std::pair<std::string, std::string>>{
          {"HOME", home.path().string()}, {"XDG_STATE_HOME", (home / "state").string()}, {"TERM", "dumb"}});
}

BOOST_AUTO_TEST_SUITE(shards_interactive_cli)

BOOST_AUTO_TEST_CASE(
    a_session_on_remote_shards_answers_as_one_shot_search_and_names_a_server_that_went_down) {
  if (tcpsrv_path().empty()) {
    std::cout << "xapian-tcpsrv is not installed (Debian package xapian-tools): skipped\n";
    std::exit(77);
  }
  TempDir home;
  const fs::path sharded = home / "sharded";
  const auto made = run_index({"--shards", "2", "--db", sharded.string(), "--quiet", corpus_dir().string()});
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  Server first(sharded / "shard-000");
  Server second(sharded / "shard-001");
  const fs::path stub = home / "remote.stub";
  std::ofstream(stub) << "remote " << first.address() << "\nremote " << second.address() << '\n';
  const long expected = one_shot_count({sharded.string()}, "the");
  BOOST_TEST_REQUIRE(expected > 1);

  auto session = start_session(home, {stub.string()});
  session->wait_for(kPrompt);
  session->type("the\r");
  BOOST_TEST(hit_count(session->wait_for(kPrompt)) == expected);
  second.stop();
  session->type("the\r");
  const std::string failed = session->wait_for(kPrompt);
  BOOST_TEST(failed.find("shard " + second.address()) != std::string::npos, failed);
  BOOST_TEST(failed.find("does not answer") != std::string::npos, failed);
  session->type(":quit\r");
  BOOST_TEST(session->wait_exit() == 0);
}

BOOST_AUTO_TEST_CASE(a_session_on_several_db_options_searches_them_as_one) {
  TempDir home;
  const fs::path sharded = home / "sharded";
  const auto made = run_index({"--shards", "2", "--db", sharded.string(), "--quiet", corpus_dir().string()});
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  const std::vector<std::string> dbs{(sharded / "shard-000").string(), (sharded / "shard-001").string()};
  const long expected = one_shot_count({sharded.string()}, "the");
  BOOST_TEST_REQUIRE(expected > 1);
  BOOST_TEST(one_shot_count({dbs[0]}, "the") < expected);
  auto session = start_session(home, dbs);
  const std::string greeting = session->wait_for(kPrompt);
  BOOST_TEST(greeting.find(dbs[0] + ", " + dbs[1]) != std::string::npos, greeting);
  session->type("the\r");
  BOOST_TEST(hit_count(session->wait_for(kPrompt)) == expected);
  session->type(":quit\r");
  BOOST_TEST(session->wait_exit() == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace newsdig::test
