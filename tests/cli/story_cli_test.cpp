// Story grouping as a user sees it: the two seed reports of one event share a story key, search shows them
// as one hit with "+1 related report", --no-collapse shows both, and story:KEY lists a story oldest first.
#include <fstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/cli/cli_support.hpp"

using namespace newsdig::test;

namespace {

nlohmann::json hit_with_id(const std::string& jsonl, const std::string& id) {
  for (const auto& line : parse_lines(jsonl)) {
    if (line.at("type") == "hit" && line.at("id") == id) return line;
  }
  BOOST_FAIL("no hit " << id);
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(story_cli)

BOOST_AUTO_TEST_CASE(the_two_seed_reports_share_a_story_and_other_articles_do_not) {
  auto result = run_search({"--db", corpus_db(), "--no-collapse", "--format", "jsonl", "-n", "100", "*"});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  const auto kyodo = hit_with_id(result.out, kKyodoSeed);
  const auto reuters = hit_with_id(result.out, kReutersSeed);
  BOOST_TEST(kyodo.at("story").get<std::string>() == reuters.at("story").get<std::string>());
  BOOST_TEST(kyodo.at("story_size") == 2);
  for (const auto& line : parse_lines(result.out)) {
    if (line.at("type") != "hit" || line.at("id") == kKyodoSeed || line.at("id") == kReutersSeed) continue;
    BOOST_TEST(line.at("story") != kyodo.at("story"), line.at("id"));
    BOOST_TEST(line.at("story_size") == 1, line.at("id"));
  }
}

BOOST_AUTO_TEST_CASE(search_collapses_the_seed_reports_to_one_hit_with_one_related_report) {
  auto result = run_search({"--db", corpus_db(), "--color", "never", "Putin"});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  BOOST_TEST(result.out.find("+1 related report") != std::string::npos, result.out);
  BOOST_TEST(result.out.find("1 hit") != std::string::npos, result.out);
  auto jsonl = run_search({"--db", corpus_db(), "--format", "jsonl", "Putin"});
  BOOST_TEST(hit_ids(jsonl.out).size() == 1U);
}

BOOST_AUTO_TEST_CASE(no_collapse_shows_every_report_without_the_related_line) {
  auto result = run_search({"--db", corpus_db(), "--color", "never", "--no-collapse", "Putin"});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  BOOST_TEST(result.out.find("related report") == std::string::npos, result.out);
  auto jsonl = run_search({"--db", corpus_db(), "--format", "jsonl", "--no-collapse", "Putin"});
  BOOST_TEST(id_set(jsonl.out) == (std::set<std::string>{kKyodoSeed, kReutersSeed}));
}

BOOST_AUTO_TEST_CASE(story_key_lists_the_story_oldest_first) {
  TempDir dir;
  const auto jsonl = dir / "wire.jsonl";
  {
    // The same report three times, the newest first in the input: story:KEY must list them by date.
    const std::string body =
        "Harbour officials in Brindle Bay said on Friday that the old pier will close for repairs after "
        "divers found cracks in two of its pillars during a routine inspection this week.";
    std::ofstream out(jsonl);
    out << R"({"id":"c","date":"2024-03-14","source":"Wire C","title":"Brindle Bay pier to close","body":")"
        << body << "\"}\n";
    out << R"({"id":"a","date":"2024-03-12","source":"Wire A","title":"Brindle Bay pier closes","body":")"
        << body << "\"}\n";
    out << R"({"id":"b","date":"2024-03-13","source":"Wire B","title":"Pier in Brindle Bay to close","body":")"
        << body << "\"}\n";
    out << R"({"id":"z","date":"2024-03-13","source":"Wire A","title":"Orchard buys cold store","body":"The Vellano orchard cooperative bought a cold store on the old rail yard for its member farms."})"
        << "\n";
  }
  const std::string db = (dir / "db").string();
  auto indexed = run_index({"--db", db, jsonl.string()});
  BOOST_TEST_REQUIRE(indexed.exit_code == 0, indexed.err);
  auto all = run_search({"--db", db, "--no-collapse", "--format", "jsonl", "*"});
  const std::string key = hit_with_id(all.out, "c").at("story").get<std::string>();
  auto listed = run_search({"--db", db, "--format", "jsonl", "story:" + key});
  BOOST_TEST_REQUIRE(listed.exit_code == 0, listed.err);
  BOOST_TEST(hit_ids(listed.out) == (std::vector<std::string>{"a", "b", "c"}),
             boost::test_tools::per_element());
  auto human = run_search({"--db", db, "--color", "never", "pier"});
  BOOST_TEST(human.out.find("+2 related reports (Wire B, Wire C; earliest 2024-03-12)") != std::string::npos,
             human.out);
}

BOOST_AUTO_TEST_CASE(no_stories_indexes_without_story_keys) {
  TempDir dir;
  const std::string db = (dir / "db").string();
  auto indexed = run_index({"--db", db, "--no-stories", (corpus_dir() / "seeds").string()});
  BOOST_TEST_REQUIRE(indexed.exit_code == 0, indexed.err);
  auto result = run_search({"--db", db, "--format", "jsonl", "Putin"});
  BOOST_TEST(hit_ids(result.out).size() == 2U);
  for (const auto& line : parse_lines(result.out)) {
    if (line.at("type") == "hit") BOOST_TEST(line.at("story").is_null());
  }
}

BOOST_AUTO_TEST_SUITE_END()
