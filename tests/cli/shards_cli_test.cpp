// Sharded databases (CTest label "remote"): the same articles indexed into one database and into 3
// shards give the same hits (ids, order, scores), match counts, facets and timeline, searched through
// the local stub, through three xapian-tcpsrv processes on loopback, or as three --db options. A server
// that is down fails the search naming it, or with --allow-partial leaves its shard out and says so.
// Exits 77 (skipped) only when xapian-tcpsrv (Debian package xapian-tools) is not installed.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_support.hpp"
#include "tests/cli/shards_support.hpp"

namespace newsdig::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A few hundred articles with varied words, sources, places and dates (one second apart at most once),
// so ranking, facets and the timeline all have something to tell apart. Deterministic.
void write_generated_articles(const fs::path& file) {
  static const std::vector<std::string> kWords = {
      "harbour",  "ferry",    "council",   "budget", "river",   "bridge",   "school",   "festival",
      "market",   "orchard",  "harvest",   "storm",  "flood",   "railway",  "station",  "museum",
      "library",  "tariff",   "export",    "wheat",  "copper",  "mine",     "strike",   "union",
      "wages",    "election", "mayor",     "vote",   "airport", "runway",   "hospital", "nurses",
      "vaccine",  "drought",  "reservoir", "dam",    "tourism", "hotel",    "fishing",  "quota",
      "shipyard", "contract", "court",     "appeal", "verdict", "police",   "traffic",  "tunnel",
      "energy",   "solar",    "turbine",   "grid",   "price",   "inflation"};
  static const std::vector<std::string> kSources = {"Coastal Wire", "Valley Herald", "Northern Post",
                                                    "Island Daily"};
  static const std::vector<std::string> kPlaces = {"BRINDLE BAY", "PORT ALDER", "KESSLING", "GULL ISLAND",
                                                   "VELLANO"};
  std::ofstream out(file);
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  auto next = [&state](std::size_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % bound);
  };
  // Skewed word choice: low indexes far more often, so term frequencies differ widely.
  auto word = [&] { return kWords[std::min(next(kWords.size()), next(kWords.size()))]; };
  for (int i = 0; i < 240; ++i) {
    std::string title = word() + " " + word() + " " + word();
    title[0] = static_cast<char>(title[0] - 'a' + 'A');
    std::string body;
    const std::size_t sentences = 2 + next(5);
    for (std::size_t s = 0; s < sentences; ++s) {
      if (s > 0) body += s % 2 == 0 ? "\n\n" : " ";
      std::string sentence = "The";
      const std::size_t words = 4 + next(10);
      for (std::size_t w = 0; w < words; ++w) sentence += " " + word();
      if (next(4) == 0) sentence += " city council";
      body += sentence + ".";
    }
    const int year = 2019 + static_cast<int>(next(4));
    const int month = 1 + static_cast<int>(next(12));
    const int day = 1 + static_cast<int>(next(28));
    char date[96];
    std::snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, i % 24, i % 60,
                  (i * 7) % 60);
    json article{{"id", "gen-" + std::to_string(i)},
                 {"title", title},
                 {"body", body},
                 {"date", date},
                 {"source", kSources[next(kSources.size())]},
                 {"dateline", kPlaces[next(kPlaces.size())]},
                 {"lang", "en"}};
    out << article.dump() << '\n';
  }
}

// Everything the suite searches: built once, on first use, then shared by the cases.
struct ShardWorld {
  TempDir dir;
  fs::path single, sharded, remote_stub, two_shards_stub;
  std::vector<std::unique_ptr<Server>> servers;

  ShardWorld() {
    const fs::path input = dir / "generated.jsonl";
    write_generated_articles(input);
    single = dir / "single.db";
    sharded = dir / "sharded";
    const std::string corpus = corpus_dir().string();
    auto made = run_index({"--db", single.string(), "--quiet", corpus, input.string()});
    BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
    made = run_index({"--shards", "3", "--db", sharded.string(), "--quiet", corpus, input.string()});
    BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
    std::ofstream remote(remote_stub = dir / "remote.stub");
    for (int i = 0; i < 3; ++i) {
      servers.push_back(std::make_unique<Server>(sharded / ("shard-00" + std::to_string(i))));
      remote << "remote " << servers.back()->address() << '\n';
    }
    std::ofstream(two_shards_stub = dir / "two.stub") << "auto " << (sharded / "shard-000").string() << '\n'
                                                      << "auto " << (sharded / "shard-001").string() << '\n';
  }
};

ShardWorld& world() {
  if (tcpsrv_path().empty()) {
    std::cout << "xapian-tcpsrv is not installed (Debian package xapian-tools): skipped\n";
    std::exit(77);
  }
  static ShardWorld instance;
  return instance;
}

// What a search answers, reduced to what must not depend on how the articles are split: the hits in
// order with their scores, the match count, facets and timeline.
struct Answer {
  int exit_code = 0;
  std::vector<json> hits;  // {id, score, date}
  json matches, facets, timeline;
  json begin;
  std::string err;
};

Answer search(const std::vector<std::string>& dbs, const std::vector<std::string>& args) {
  std::vector<std::string> argv;
  for (const auto& db : dbs) argv.insert(argv.end(), {"--db", db});
  argv.insert(argv.end(), {"--format", "jsonl", "-n", "1000"});
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = run_search(argv);
  Answer answer;
  answer.exit_code = result.exit_code;
  answer.err = result.err;
  if (result.exit_code == 2) return answer;
  for (const auto& line : parse_lines(result.out)) {
    const auto& type = line.at("type");
    if (type == "begin") answer.begin = line;
    if (type == "hit") {
      answer.hits.push_back({{"id", line.at("id")}, {"score", line.at("score")}, {"date", line.at("date")}});
    }
    if (type == "facets") answer.facets = line.at("facets");
    if (type == "timeline") answer.timeline = line;
    if (type == "end") answer.matches = line.at("matches");
  }
  if (answer.timeline.is_object()) answer.timeline.erase("qid");
  return answer;
}

// Equally relevant hits come newest first; hits equal in both keep document-id order, which differs
// between one database and shards, so such runs of ties are compared as sets. Everything else must be
// in the same order. (Among such ties, story collapsing may also keep a different article of the
// story: the query set gives no undated articles of one story the same score.)
void check_same_hits(const Answer& expected, const Answer& actual, const std::string& what) {
  BOOST_TEST_REQUIRE(expected.hits.size() == actual.hits.size(), what);
  std::size_t start = 0;
  while (start < expected.hits.size()) {
    std::size_t end = start + 1;
    const double score = expected.hits[start].at("score").get<double>();
    while (end < expected.hits.size() &&
           std::abs(expected.hits[end].at("score").get<double>() - score) <= 1e-9 * std::max(1.0, score) &&
           expected.hits[end].at("date") == expected.hits[start].at("date")) {
      ++end;
    }
    std::vector<std::string> want, got;
    for (std::size_t i = start; i < end; ++i) {
      want.push_back(expected.hits[i].at("id").get<std::string>());
      got.push_back(actual.hits[i].at("id").get<std::string>());
      const double actual_score = actual.hits[i].at("score").get<double>();
      BOOST_TEST(
          std::abs(actual_score - expected.hits[i].at("score").get<double>()) <= 1e-9 * std::max(1.0, score),
          what << ": score of rank " << i + 1);
    }
    if (end - start > 1) {
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
    }
    BOOST_TEST(want == got, what << ": hits at ranks " << start + 1 << ".." << end << ": expected "
                                 << json(want).dump() << ", found " << json(got).dump());
    start = end;
  }
}

struct QueryCase {
  std::string name;
  std::vector<std::string> args;
};

const std::vector<QueryCase> kQueries = {
    {"ranked words", {"harbour ferry"}},
    {"ranked any word, with feedback", {"--any", "council budget election tunnel"}},
    {"one rare word", {"verdict"}},
    {"phrase", {"\"city council\""}},
    {"field", {"title:ferry"}},
    {"boolean filter only", {"source:coastal"}},
    {"boolean and words", {"lang:en bridge NOT storm"}},
    {"date range", {"date:2020..2021 energy"}},
    {"every dated article, newest first", {"--sort", "newest", "date:2019..2024"}},
    {"facets", {"--facets", "source,year,month,lang,place,person,org", "harbour OR ferry OR mine"}},
    {"timeline", {"--timeline", "council"}},
    {"paged", {"--offset", "5", "--any", "river bridge storm"}},
};

BOOST_AUTO_TEST_SUITE(shards_cli)

BOOST_AUTO_TEST_CASE(writes_the_shards_and_a_stub_listing_them) {
  auto& w = world();
  std::ifstream stub(w.sharded / "XAPIANDB");
  std::string text((std::istreambuf_iterator<char>(stub)), std::istreambuf_iterator<char>());
  BOOST_TEST(text == "# newsdig-shard-by: hash\nauto shard-000\nauto shard-001\nauto shard-002\n");
  for (const char* shard : {"shard-000", "shard-001", "shard-002"}) {
    BOOST_TEST(fs::exists(w.sharded / shard / "iamglass"), shard);
  }
}

BOOST_AUTO_TEST_CASE(local_shards_answer_as_one_database_does) {
  auto& w = world();
  for (const auto& query : kQueries) {
    const Answer single = search({w.single.string()}, query.args);
    const Answer sharded = search({w.sharded.string()}, query.args);
    BOOST_TEST_REQUIRE(single.exit_code == 0, query.name << ": " << single.err);
    BOOST_TEST(sharded.exit_code == 0, query.name << ": " << sharded.err);
    BOOST_TEST(!single.hits.empty(), query.name);
    check_same_hits(single, sharded, query.name + " (local stub)");
    BOOST_TEST(single.matches == sharded.matches, query.name);
    BOOST_TEST(single.facets == sharded.facets, query.name);
    BOOST_TEST(single.timeline == sharded.timeline, query.name);
  }
}

BOOST_AUTO_TEST_CASE(remote_shards_answer_as_one_database_does) {
  auto& w = world();
  for (const auto& query : kQueries) {
    const Answer single = search({w.single.string()}, query.args);
    const Answer remote = search({w.remote_stub.string()}, query.args);
    BOOST_TEST(remote.exit_code == 0, query.name << ": " << remote.err);
    check_same_hits(single, remote, query.name + " (remote stub)");
    BOOST_TEST(single.matches == remote.matches, query.name);
    BOOST_TEST(single.facets == remote.facets, query.name);
    BOOST_TEST(single.timeline == remote.timeline, query.name);
  }
}

BOOST_AUTO_TEST_CASE(several_db_options_answer_as_one_database_does) {
  auto& w = world();
  std::vector<std::string> shards;
  for (const char* shard : {"shard-000", "shard-001", "shard-002"})
    shards.push_back((w.sharded / shard).string());
  for (const auto& query : kQueries) {
    const Answer single = search({w.single.string()}, query.args);
    const Answer several = search(shards, query.args);
    BOOST_TEST(several.exit_code == 0, query.name << ": " << several.err);
    check_same_hits(single, several, query.name + " (three --db)");
    BOOST_TEST(single.facets == several.facets, query.name);
  }
}

BOOST_AUTO_TEST_CASE(a_server_that_is_down_fails_the_search_naming_it) {
  auto& w = world();
  Server down(w.sharded / "shard-002");
  const fs::path stub = w.dir / "down.stub";
  std::ofstream(stub) << "remote " << w.servers[0]->address() << "\nremote " << w.servers[1]->address()
                      << "\nremote " << down.address() << '\n';
  down.stop();
  const auto failed = run_search({"--db", stub.string(), "--format", "jsonl", "harbour"});
  BOOST_TEST(failed.exit_code == 2);
  BOOST_TEST(failed.out.empty());
  BOOST_TEST(failed.err.find("shard " + down.address()) != std::string::npos, failed.err);
  BOOST_TEST(failed.err.find("does not answer") != std::string::npos, failed.err);
  BOOST_TEST(failed.err.find("--allow-partial") != std::string::npos, failed.err);
}

BOOST_AUTO_TEST_CASE(allow_partial_answers_from_the_other_shards_and_says_which_is_missing) {
  auto& w = world();
  Server down(w.sharded / "shard-002");
  const fs::path stub = w.dir / "partial.stub";
  std::ofstream(stub) << "remote " << w.servers[0]->address() << "\nremote " << w.servers[1]->address()
                      << "\nremote " << down.address() << '\n';
  down.stop();
  const Answer partial = search({stub.string()}, {"--allow-partial", "--facets", "source", "harbour"});
  BOOST_TEST(partial.exit_code == 0, partial.err);
  BOOST_TEST(partial.err.find("results are partial") != std::string::npos, partial.err);
  BOOST_TEST(partial.err.find(down.address()) != std::string::npos, partial.err);
  BOOST_TEST(partial.begin.at("partial") == true);
  BOOST_TEST(partial.begin.at("missing_shards") == json::array({down.address()}));
  // What is left is exactly what the two other shards hold.
  const Answer two = search({w.two_shards_stub.string()}, {"--facets", "source", "harbour"});
  check_same_hits(two, partial, "two shards");
  BOOST_TEST(two.facets == partial.facets);
  BOOST_TEST(!two.begin.contains("partial"));
}

BOOST_AUTO_TEST_CASE(human_output_warns_that_results_are_partial) {
  auto& w = world();
  const fs::path stub = w.dir / "refused.stub";
  std::ofstream(stub) << "remote " << w.servers[0]->address() << "\nremote 127.0.0.1:" << free_port() << '\n';
  const auto result = run_search({"--db", stub.string(), "--allow-partial", "--color=never", "harbour"});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.err.find("newsdig-search: warning: results are partial") != std::string::npos,
             result.err);
}

BOOST_AUTO_TEST_CASE(another_shard_count_for_an_existing_sharded_database_is_refused) {
  auto& w = world();
  ProcessOptions options;
  options.cwd = source_dir().string();
  const auto result =
      run_index({"--shards", "2", "--db", w.sharded.string(), "--quiet", kKyodoSeed}, options);
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("has 3 shards, not 2") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(reindexing_into_a_sharded_database_replaces_each_article_in_its_shard) {
  TempDir dir;
  const std::string db = (dir / "sharded").string();
  auto made = run_index({"--shards", "2", "--db", db, "--quiet", corpus_dir().string()});
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  const auto before = search({db}, {"*"});
  // No --shards: the stub says how many.
  made = run_index({"--db", db, "--quiet", corpus_dir().string()});
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  const auto after = search({db}, {"*"});
  BOOST_TEST(after.matches == before.matches);
  BOOST_TEST(after.hits.size() == before.hits.size());
}

BOOST_AUTO_TEST_CASE(a_stub_line_it_cannot_read_is_named_with_its_line) {
  TempDir dir;
  const fs::path stub = dir / "bad.stub";
  std::ofstream(stub) << "# shards\nremote tcp 127.0.0.1 7000\n";
  const auto result = run_search({"--db", stub.string(), "harbour"});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find(stub.string() + ":2: error: expected 'remote HOST:PORT'") != std::string::npos,
             result.err);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace newsdig::test
