// Crash safety and concurrency: newsdig-index killed (-9) at pseudo-random moments of an incremental run
// and of a rebuild, and searches running while rebuilds swap the database. Any moment is a valid moment
// to be killed at, so nothing here depends on timing; the moments only spread the kills over a run.
#include <atomic>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>
#include <boost/test/unit_test.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/store/database.hpp"
#include "common/store/lock.hpp"
#include "tests/cli/ops_support.hpp"

namespace fs = std::filesystem;
using namespace newsdig::test;

namespace {

constexpr int kFiles = 12;
constexpr int kPerFile = 50;
constexpr int kArticles = kFiles * kPerFile;

// Three moments (milliseconds after the run took the write lock) from a fixed seed, short to long.
std::vector<int> kill_moments() {
  std::mt19937 random(6);
  std::vector<int> moments;
  for (int i = 0; i < 3; ++i) {
    moments.push_back(std::uniform_int_distribution<int>(20 << (2 * i), 40 << (2 * i))(random));
  }
  return moments;
}

// Kills `run` `moment` ms after it took the write lock of `db` (so the kill lands in its work, however
// slowly the machine starts programs), or once it has finished.
void kill_during(Background& run, const std::string& db, int moment) {
  const std::string lock = newsdig::store::lock_path(db);
  for (int i = 0; i < 2000; ++i) {
    const auto holder = newsdig::store::read_lock_holder(lock);
    if (holder && holder->pid == run.pid()) break;
    siginfo_t info{};
    // Finished (or failed) already: nothing to wait for. WNOWAIT leaves it for kill_now() to reap.
    if (::waitid(P_PID, static_cast<id_t>(run.pid()), &info, WEXITED | WNOHANG | WNOWAIT) != 0 ||
        info.si_pid != 0) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(moment));
  run.kill_now();
}

void require_whole(const std::string& db, const std::string& when) {
  auto check = run_index({"check", "--db", db});
  BOOST_TEST_REQUIRE(check.exit_code == 0, when << ": " << check.err);
}

// Every article once: as many distinct ids as articles, and as many as the corpus has.
void require_complete(const std::string& db) {
  BOOST_TEST(db_stats(db).value("articles", 0) == kArticles);
  const auto ids = id_terms(db);
  BOOST_TEST(ids.size() == std::size_t{kArticles});
  for (const auto& [id, holders] : ids) BOOST_TEST(holders == 1U, id);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ops_crash)

BOOST_AUTO_TEST_CASE(
    incremental_run_killed_at_any_moment_leaves_a_whole_database_and_the_next_run_completes) {
  TempDir dir;
  write_corpus(dir / "in", "delta", kFiles, kPerFile);
  const std::string db = (dir / "news.db").string();
  // The archive already has the first file; the killed runs add the rest, committing every few articles.
  auto first = run_index({"--db", db, "-q", (dir / "in" / "part-100.jsonl").string()});
  BOOST_TEST_REQUIRE(first.exit_code == 0, first.err);
  const std::vector<std::string> args{
      index_bin().string(), "--db", db, "-q", "--commit-bytes", "1k", "-j", "2", (dir / "in").string()};
  for (const int moment : kill_moments()) {
    Background run(args);
    kill_during(run, db, moment);
    require_whole(db, "killed after " + std::to_string(moment) + " ms");
    const int articles = db_stats(db).value("articles", 0);
    BOOST_TEST_MESSAGE("killed after " << moment << " ms: " << articles << " articles committed");
    BOOST_TEST(articles >= kPerFile);
    BOOST_TEST(articles <= kArticles);
  }
  auto last = run_index({"--db", db, "-q", "--commit-bytes", "1k", (dir / "in").string()});
  BOOST_TEST_REQUIRE(last.exit_code == 0, last.err);
  require_whole(db, "after the last run");
  require_complete(db);
}

BOOST_AUTO_TEST_CASE(rebuild_killed_at_any_moment_leaves_the_live_database_and_the_next_one_swaps) {
  TempDir dir;
  write_corpus(dir / "in", "echo", kFiles, kPerFile);
  const std::string db = (dir / "news.db").string();
  auto first = run_index({"--db", db, "-q", (dir / "in").string()});
  BOOST_TEST_REQUIRE(first.exit_code == 0, first.err);
  const std::vector<std::string> args{index_bin().string(), "rebuild", "--db", db, "-q", "-j", "2",
                                      (dir / "in").string()};
  for (const int moment : kill_moments()) {
    Background run(args);
    kill_during(run, db, moment);
    require_whole(db, "rebuild killed after " + std::to_string(moment) + " ms");
    BOOST_TEST(db_stats(db).value("articles", 0) == kArticles);
  }
  auto last = run_index({"rebuild", "--db", db, "-q", (dir / "in").string()});
  BOOST_TEST_REQUIRE(last.exit_code == 0, last.err);
  BOOST_TEST(!fs::exists(db + ".new"));
  require_whole(db, "after the last rebuild");
  require_complete(db);
}

BOOST_AUTO_TEST_CASE(searches_never_fail_while_rebuilds_swap_the_database) {
  TempDir dir;
  write_corpus(dir / "a", "foxtrot", 2, 50);
  write_corpus(dir / "b", "golf", 2, 50);
  const std::string db = (dir / "news.db").string();
  BOOST_TEST_REQUIRE(run_index({"--db", db, "-q", (dir / "a").string()}).exit_code == 0);

  std::atomic<bool> done{false};
  std::atomic<int> searches{0}, opens{0};
  std::vector<std::string> failures;  // written by the searching thread only, read after join
  std::vector<std::string> open_failures;
  const std::string lighthouse = newsdig::analysis::Analyzer().stem("lighthouse", "en");  // its index term
  std::thread searcher([&] {
    while (!done) {
      auto result = run_search({"--db", db, "--format", "jsonl", "-n", "1", "lighthouse"});
      ++searches;
      if (result.exit_code != 0 || hit_ids(result.out).size() != 1U) {
        failures.push_back(std::to_string(result.exit_code) + ": " + result.err);
      }
    }
  });
  std::thread opener([&] {
    while (!done) {
      try {
        Xapian::Database database = newsdig::store::open_for_search(db);
        if (database.get_doccount() != 100U || database.get_termfreq(lighthouse) != 100U) {
          open_failures.push_back("a database of " + std::to_string(database.get_doccount()) + " articles");
        }
      } catch (const std::exception& e) {
        open_failures.push_back(e.what());
      }
      ++opens;
    }
  });
  for (int i = 0; i < 4; ++i) {
    auto result = run_index({"rebuild", "--db", db, "-q", (dir / (i % 2 == 0 ? "b" : "a")).string()});
    BOOST_TEST(result.exit_code == 0, result.err);
  }
  done = true;
  searcher.join();
  opener.join();
  BOOST_TEST(searches > 0);
  BOOST_TEST(opens > 0);
  BOOST_TEST(failures.empty(), (failures.empty() ? "" : failures.front()));
  BOOST_TEST(open_failures.empty(), (open_failures.empty() ? "" : open_failures.front()));
  BOOST_TEST(count_with(db, "golf") == 0U);  // four swaps: a again
  BOOST_TEST(count_with(db, "foxtrot") == 100U);
}

BOOST_AUTO_TEST_SUITE_END()
