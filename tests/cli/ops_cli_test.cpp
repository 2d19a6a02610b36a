// newsdig-index rebuild, rollback, stats, check and the write lock, run as a user runs them.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include <boost/test/unit_test.hpp>

#include "common/store/lock.hpp"
#include "tests/cli/ops_support.hpp"

namespace fs = std::filesystem;
using namespace newsdig::test;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A temp dir with corpora "a" (40 articles), "b" (40, other ids) and "small" (10), and a live
// database built from "a".
struct Site {
  TempDir dir;
  std::string db = (dir / "news.db").string();
  Site() {
    write_corpus(dir / "a", "alpha", 4, 10);
    write_corpus(dir / "b", "bravo", 4, 10);
    write_corpus(dir / "small", "charlie", 1, 10);
    auto result = run_index({"--db", db, "-q", (dir / "a").string()});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  }
  std::string corpus(const std::string& name) const { return (dir / name).string(); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(ops_cli)

BOOST_AUTO_TEST_CASE(rebuild_swaps_in_the_new_database_and_keeps_the_old_one_as_previous) {
  Site site;
  auto result = run_index({"rebuild", "--db", site.db, "-q", site.corpus("b")});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(contains(result.err, "rebuilt " + site.db + ": 40 articles"), result.err);
  BOOST_TEST(count_with(site.db, "bravo") == 40U);
  BOOST_TEST(count_with(site.db, "alpha") == 0U);
  BOOST_TEST(count_with(site.db + ".previous", "alpha") == 40U);
  BOOST_TEST(!fs::exists(site.db + ".new"));
}

BOOST_AUTO_TEST_CASE(rollback_returns_to_the_replaced_database_and_a_second_one_comes_back) {
  Site site;
  BOOST_TEST_REQUIRE(run_index({"rebuild", "--db", site.db, "-q", site.corpus("b")}).exit_code == 0);
  auto result = run_index({"rollback", "--db", site.db});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(count_with(site.db, "alpha") == 40U);
  BOOST_TEST(run_index({"rollback", "--db", site.db}).exit_code == 0);
  BOOST_TEST(count_with(site.db, "bravo") == 40U);
}

BOOST_AUTO_TEST_CASE(rollback_without_a_previous_database_fails_and_says_why) {
  Site site;
  auto result = run_index({"rollback", "--db", site.db});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(contains(result.err, "no previous database"), result.err);
  BOOST_TEST(count_with(site.db, "alpha") == 40U);
}

BOOST_AUTO_TEST_CASE(rebuild_refuses_a_database_that_shrank_too_much_and_leaves_the_live_one) {
  Site site;
  auto result = run_index({"rebuild", "--db", site.db, "-q", site.corpus("small")});
  BOOST_TEST(result.exit_code == 5, result.err);
  BOOST_TEST(contains(result.err, "10 articles, the live one 40"), result.err);
  BOOST_TEST(contains(result.err, "is unchanged"), result.err);
  BOOST_TEST(count_with(site.db, "alpha") == 40U);
  BOOST_TEST(!fs::exists(site.db + ".previous"));
  // Allowed when the operator says the shrink is expected.
  result = run_index({"rebuild", "--db", site.db, "-q", "--max-shrink", "80", site.corpus("small")});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(count_with(site.db, "charlie") == 10U);
}

BOOST_AUTO_TEST_CASE(rebuild_refuses_a_database_failing_a_verify_query) {
  Site site;
  const auto queries = site.dir / "queries.tsv";
  write_file(queries, "# minimum hits, tab, query\n40\tlighthouse\n1\tbravo\n1\tsubmarine\n");
  auto result =
      run_index({"rebuild", "--db", site.db, "-q", "--verify-queries", queries.string(), site.corpus("b")});
  BOOST_TEST(result.exit_code == 6, result.err);
  BOOST_TEST(contains(result.err, queries.string() + ":4: 'submarine' found 0 articles"), result.err);
  BOOST_TEST(!contains(result.err, "'lighthouse'"), result.err);
  BOOST_TEST(count_with(site.db, "alpha") == 40U);
  // What was refused stays for the operator to look at, and the next rebuild clears it.
  BOOST_TEST(fs::exists(site.db + ".new"));
  write_file(queries, "40\tlighthouse\n1\tbravo\n");
  result =
      run_index({"rebuild", "--db", site.db, "-q", "--verify-queries", queries.string(), site.corpus("b")});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(count_with(site.db, "bravo") == 40U);
}

BOOST_AUTO_TEST_CASE(malformed_verify_queries_file_fails_before_anything_is_built) {
  Site site;
  const auto queries = site.dir / "queries.tsv";
  write_file(queries, "lighthouse\n");
  auto result =
      run_index({"rebuild", "--db", site.db, "-q", "--verify-queries", queries.string(), site.corpus("b")});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(contains(result.err, queries.string() + ":1: error:"), result.err);
  BOOST_TEST(!fs::exists(site.db + ".new"));
}

BOOST_AUTO_TEST_CASE(failed_rebuild_leaves_the_live_database_untouched) {
  Site site;
  auto result = run_index({"rebuild", "--db", site.db, "-q", (site.dir / "missing").string()});
  BOOST_TEST(result.exit_code != 0);
  BOOST_TEST(count_with(site.db, "alpha") == 40U);
  BOOST_TEST(!fs::exists(site.db + ".previous"));
}

BOOST_AUTO_TEST_CASE(stats_json_gives_articles_sources_dates_and_schema) {
  Site site;
  auto result = run_index({"stats", "--db", site.db, "--json"});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  const auto stats = nlohmann::json::parse(result.out);
  BOOST_TEST(stats.at("v") == 1);
  BOOST_TEST(stats.at("articles") == 40);
  BOOST_TEST(stats.at("schema_version") == std::to_string(newsdig::schema::kSchemaVersion));
  BOOST_TEST(stats.at("terms").get<int>() > 20);
  BOOST_TEST(stats.at("bytes").get<long>() > 0);
  BOOST_TEST(stats.at("last_update").get<std::string>().size() == 20U);
  BOOST_TEST(stats.at("dates").at("first") == "2024-03-10");
  BOOST_TEST(stats.at("dates").at("last") == "2024-03-13");
  BOOST_TEST_REQUIRE(stats.at("sources").size() == 2U);
  BOOST_TEST(stats.at("sources")[0].at("articles") == 20);
}

BOOST_AUTO_TEST_CASE(stats_text_names_each_figure_on_stdout) {
  Site site;
  auto result = run_index({"stats", "--db", site.db});
  BOOST_TEST(result.exit_code == 0, result.err);
  for (const std::string& label : std::vector<std::string>{
           "articles        40", "schema version  " + std::to_string(newsdig::schema::kSchemaVersion),
           "dates           2024-03-10 .. 2024-03-13", "Coastal Wire", "last update", "size on disk"}) {
    BOOST_TEST(contains(result.out, label), label);
  }
}

BOOST_AUTO_TEST_CASE(check_passes_a_whole_database_and_fails_a_damaged_one) {
  Site site;
  auto result = run_index({"check", "--db", site.db});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(contains(result.out, "ok: " + site.db), result.out);
  // Cut a table in half: the structure check must notice.
  const auto table = fs::path(site.db) / "postlist.glass";
  fs::resize_file(table, fs::file_size(table) / 2);
  result = run_index({"check", "--db", site.db});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(contains(result.err, "check failed"), result.err);
}

BOOST_AUTO_TEST_CASE(check_and_stats_of_a_missing_database_fail_with_exit_2) {
  TempDir dir;
  BOOST_TEST(run_index({"check", "--db", (dir / "none").string()}).exit_code == 2);
  BOOST_TEST(run_index({"stats", "--db", (dir / "none").string()}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(second_writer_fails_at_once_with_exit_3_naming_the_holder) {
  Site site;
  newsdig::store::WriteLock held(site.db, "rebuild");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--db", site.db, "-q", site.corpus("b")},
        std::vector<std::string>{"rebuild", "--db", site.db, "-q", site.corpus("b")},
        std::vector<std::string>{"compact", "--db", site.db},
        std::vector<std::string>{"rollback", "--db", site.db}}) {
    auto result = run_index(args);
    BOOST_TEST(result.exit_code == 3, args.front());
    BOOST_TEST(contains(result.err, "locked by newsdig-index rebuild (pid " + std::to_string(::getpid())),
               result.err);
  }
  // Readers never lock.
  BOOST_TEST(run_index({"stats", "--db", site.db}).exit_code == 0);
  BOOST_TEST(run_index({"check", "--db", site.db}).exit_code == 0);
  BOOST_TEST(count_with(site.db, "alpha") == 40U);
}

BOOST_AUTO_TEST_CASE(waiting_writer_goes_ahead_once_the_lock_is_free) {
  Site site;
  {
    newsdig::store::WriteLock held(site.db, "index");
    BOOST_TEST(run_index({"compact", "--db", site.db, "--wait", "1"}).exit_code == 3);
  }
  BOOST_TEST(run_index({"compact", "--db", site.db, "--wait", "1"}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(nightly_reindex_logs_timestamped_lines_and_writes_its_status) {
  Site site;
  const auto script = (source_dir() / "scripts" / "nightly-reindex").string();
  auto result = run_process({script, "--index", index_bin().string(), "--db", site.db, site.corpus("b")});
  BOOST_TEST(result.exit_code == 0, result.err);
  const auto status = nlohmann::json::parse(read_file(site.db + ".nightly.json"));
  BOOST_TEST(status.at("version") == 1);
  BOOST_TEST(status.at("result") == "ok");
  BOOST_TEST(status.at("exit_status") == 0);
  BOOST_TEST(status.at("mode") == "incremental");
  BOOST_TEST(status.at("articles").at("indexed") == 40);
  BOOST_TEST(status.at("end").get<std::string>() >= status.at("start").get<std::string>());
  const std::string log = read_file(site.db + ".nightly.log");
  BOOST_TEST(contains(log, "nightly-reindex["), log);
  BOOST_TEST(contains(log, "newsdig-index: 40 articles seen"), log);
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    BOOST_TEST((line.size() > 20 && line[10] == 'T' && line[19] == 'Z'), line);  // 2026-11-24T02:00:01Z ...
  }
  // A rebuild that is refused says so in the status, with newsdig-index's exit code.
  result = run_process(
      {script, "--index", index_bin().string(), "--db", site.db, "--rebuild", site.corpus("small")});
  BOOST_TEST(result.exit_code == 5, result.err);
  BOOST_TEST(nlohmann::json::parse(read_file(site.db + ".nightly.json")).at("result") == "refused");
}

BOOST_AUTO_TEST_CASE(nightly_reindex_does_nothing_and_exits_10_while_the_previous_night_runs) {
  Site site;
  const auto script = (source_dir() / "scripts" / "nightly-reindex").string();
  const int fd = ::open((site.db + ".nightly.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  BOOST_TEST_REQUIRE(fd >= 0);
  BOOST_TEST_REQUIRE(::flock(fd, LOCK_EX) == 0);
  auto result = run_process({script, "--index", index_bin().string(), "--db", site.db, site.corpus("b")});
  ::close(fd);
  BOOST_TEST(result.exit_code == 10, result.err);
  BOOST_TEST(contains(result.err, "still going"), result.err);
  BOOST_TEST(count_with(site.db, "bravo") == 0U);
  BOOST_TEST(!fs::exists(site.db + ".nightly.json"));
}

BOOST_AUTO_TEST_SUITE_END()
