// Date-routed sharded databases (newsdig-index --shard-by year|month): one shard per period, made as
// periods arrive, listed in the stub in sorted order with the routing recorded; later runs keep the
// routing, refuse another one, move an article whose date changed, and prune shard by shard.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_support.hpp"

namespace newsdig::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Piece {
  std::string id;
  std::string date;  // empty: no date
  std::string words;
};

void write_articles(const fs::path& file, const std::vector<Piece>& pieces) {
  std::ofstream out(file);
  for (const auto& piece : pieces) {
    json article{{"id", piece.id},
                 {"title", "Report " + piece.id},
                 {"body", "The harbour council met about " + piece.words + " again this week."},
                 {"lang", "en"}};
    if (!piece.date.empty()) article["date"] = piece.date;
    out << article.dump() << '\n';
  }
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The ids `query` finds in `db`, sorted (every article: these near-identical ones make one story).
std::set<std::string> ids_found(const fs::path& db, const std::string& query) {
  const auto result =
      run_search({"--db", db.string(), "--format", "jsonl", "--no-collapse", "-n", "1000", query});
  BOOST_TEST_REQUIRE(result.exit_code <= 1, result.err);
  return id_set(result.out);
}

const std::vector<Piece> kFirstRun = {
    {"a1", "2019-03-04", "ferries"},    {"a2", "2019-11-30", "tariffs"}, {"a3", "2021-01-15", "wheat"},
    {"a4", "2020-06-01", "the budget"}, {"a5", "", "an undated storm"},
};

BOOST_AUTO_TEST_SUITE(shards_routing_cli)

BOOST_AUTO_TEST_CASE(shard_by_year_writes_one_shard_per_year_and_one_for_undated_articles) {
  TempDir dir;
  write_articles(dir / "news.jsonl", kFirstRun);
  const fs::path db = dir / "years.db";
  const auto made =
      run_index({"--shard-by", "year", "--db", db.string(), "--quiet", (dir / "news.jsonl").string()});
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  BOOST_TEST(
      read_text(db / "XAPIANDB") ==
      "# newsdig-shard-by: year\nauto shard-2019\nauto shard-2020\nauto shard-2021\nauto shard-undated\n");
  BOOST_TEST(ids_found(db / "shard-2019", "harbour") == (std::set<std::string>{"a1", "a2"}));
  BOOST_TEST(ids_found(db / "shard-undated", "harbour") == (std::set<std::string>{"a5"}));
  BOOST_TEST(ids_found(db, "harbour") == (std::set<std::string>{"a1", "a2", "a3", "a4", "a5"}));
}

BOOST_AUTO_TEST_CASE(shard_by_month_names_each_shard_for_its_month) {
  TempDir dir;
  write_articles(dir / "news.jsonl", kFirstRun);
  const fs::path db = dir / "months.db";
  const auto made =
      run_index({"--shard-by", "month", "--db", db.string(), "--quiet", (dir / "news.jsonl").string()});
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  BOOST_TEST(read_text(db / "XAPIANDB") ==
             "# newsdig-shard-by: month\nauto shard-2019-03\nauto shard-2019-11\nauto shard-2020-06\n"
             "auto shard-2021-01\nauto shard-undated\n");
  BOOST_TEST(ids_found(db / "shard-2019-11", "harbour") == (std::set<std::string>{"a2"}));
}

BOOST_AUTO_TEST_CASE(a_later_run_keeps_the_routing_and_adds_shards_for_new_years_in_order) {
  TempDir dir;
  write_articles(dir / "first.jsonl", kFirstRun);
  write_articles(dir / "second.jsonl", {{"b1", "2017-05-05", "copper"}, {"b2", "2020-02-02", "a strike"}});
  const fs::path db = dir / "years.db";
  auto made =
      run_index({"--shard-by", "year", "--db", db.string(), "--quiet", (dir / "first.jsonl").string()});
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  made = run_index({"--db", db.string(), "--quiet", (dir / "second.jsonl").string()});
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  BOOST_TEST(read_text(db / "XAPIANDB") ==
             "# newsdig-shard-by: year\nauto shard-2017\nauto shard-2019\nauto shard-2020\nauto shard-2021\n"
             "auto shard-undated\n");
  BOOST_TEST(ids_found(db / "shard-2020", "harbour") == (std::set<std::string>{"a4", "b2"}));
  BOOST_TEST(ids_found(db, "harbour").size() == 7U);
}

BOOST_AUTO_TEST_CASE(an_article_whose_date_changed_moves_to_its_new_shard_and_leaves_the_old_one) {
  TempDir dir;
  write_articles(dir / "news.jsonl", kFirstRun);
  const fs::path db = dir / "years.db";
  auto made =
      run_index({"--shard-by", "year", "--db", db.string(), "--quiet", (dir / "news.jsonl").string()});
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  // a1 corrected from 2019 to 2021, a5 given a date; the same ids.
  write_articles(dir / "news.jsonl",
                 {{"a1", "2021-03-04", "ferries"}, {"a5", "2020-07-07", "an undated storm"}});
  made = run_index({"--db", db.string(), "--quiet", (dir / "news.jsonl").string()});
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  BOOST_TEST(ids_found(db / "shard-2019", "harbour") == (std::set<std::string>{"a2"}));
  BOOST_TEST(ids_found(db / "shard-2021", "harbour") == (std::set<std::string>{"a1", "a3"}));
  BOOST_TEST(ids_found(db / "shard-undated", "harbour").empty());
  // Exactly one copy of each across the shards.
  const auto all =
      run_search({"--db", db.string(), "--format", "jsonl", "--no-collapse", "-n", "100", "harbour"});
  BOOST_TEST(hit_ids(all.out).size() == 5U);
  BOOST_TEST(ids_found(db, "id:a1 date:2021") == (std::set<std::string>{"a1"}));
}

BOOST_AUTO_TEST_CASE(the_same_id_twice_in_one_run_with_two_dates_keeps_only_the_last) {
  TempDir dir;
  write_articles(dir / "news.jsonl", {{"c1", "2018-01-01", "rail"}, {"c1", "2022-01-01", "rail"}});
  const fs::path db = dir / "years.db";
  const auto made =
      run_index({"--shard-by", "year", "--db", db.string(), "--quiet", (dir / "news.jsonl").string()});
  BOOST_TEST_REQUIRE(made.exit_code <= 1, made.err);
  BOOST_TEST(ids_found(db / "shard-2018", "harbour").empty());
  BOOST_TEST(ids_found(db / "shard-2022", "harbour") == (std::set<std::string>{"c1"}));
}

struct Refusal {
  std::string first;                // --shard-by of the first run
  std::vector<std::string> second;  // options of the second run
  std::string message;
};

BOOST_AUTO_TEST_CASE(a_conflicting_routing_or_shard_count_is_refused) {
  const std::vector<Refusal> refusals = {
      {"year", {"--shard-by", "month"}, "is sharded by year, not by month"},
      {"year", {"--shard-by", "hash", "--shards", "2"}, "is sharded by year, not by hash"},
      {"year", {"--shards", "2"}, "has one shard per year: leave out --shards"},
      {"hash", {"--shard-by", "year"}, "is sharded by hash, not by year"},
  };
  for (const auto& refusal : refusals) {
    TempDir dir;
    write_articles(dir / "news.jsonl", kFirstRun);
    const fs::path db = dir / "db";
    std::vector<std::string> first{"--shard-by", refusal.first, "--db", db.string(), "--quiet"};
    if (refusal.first == "hash") first.insert(first.end(), {"--shards", "2"});
    first.push_back((dir / "news.jsonl").string());
    auto made = run_index(first);
    BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
    const std::string stub_before = read_text(db / "XAPIANDB");
    std::vector<std::string> second = refusal.second;
    second.insert(second.end(), {"--db", db.string(), "--quiet", (dir / "news.jsonl").string()});
    made = run_index(second);
    BOOST_TEST(made.exit_code == 2, refusal.message);
    BOOST_TEST(made.err.find(refusal.message) != std::string::npos, made.err);
    BOOST_TEST(read_text(db / "XAPIANDB") == stub_before);
  }
}

BOOST_AUTO_TEST_CASE(shards_without_a_routing_choice_for_a_new_database_are_refused) {
  TempDir dir;
  write_articles(dir / "news.jsonl", kFirstRun);
  const auto made = run_index(
      {"--shard-by", "year", "--shards", "3", "--db", (dir / "db").string(), (dir / "news.jsonl").string()});
  BOOST_TEST(made.exit_code == 2);
  BOOST_TEST(made.err.find("--shards does not go with --shard-by year") != std::string::npos, made.err);
}

BOOST_AUTO_TEST_CASE(prune_deletes_the_articles_of_a_removed_file_from_every_shard) {
  TempDir dir;
  fs::create_directories(dir / "feed");
  write_articles(dir / "feed" / "one.jsonl", {{"p1", "2019-01-01", "salt"}, {"p2", "2020-01-01", "salt"}});
  write_articles(dir / "feed" / "two.jsonl", {{"p3", "2019-02-02", "pepper"}, {"p4", "", "pepper"}});
  for (const std::string by : {"year", "hash"}) {
    const fs::path db = dir / (by + ".db");
    std::vector<std::string> args{"--shard-by", by, "--db", db.string(), "--quiet", (dir / "feed").string()};
    if (by == "hash") args.insert(args.begin(), {"--shards", "2"});
    auto made = run_index(args);
    BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  }
  fs::remove(dir / "feed" / "two.jsonl");
  for (const std::string by : {"year", "hash"}) {
    const fs::path db = dir / (by + ".db");
    const auto made = run_index({"--prune", "--db", db.string(), (dir / "feed").string()});
    BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
    BOOST_TEST(ids_found(db, "harbour") == (std::set<std::string>{"p1", "p2"}), by);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace newsdig::test
