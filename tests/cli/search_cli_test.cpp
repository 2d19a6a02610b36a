#include <string>

#include <xapian.h>
#include <boost/test/unit_test.hpp>

#include "common/schema.hpp"
#include "tests/cli/cli_support.hpp"

using namespace newsdig::test;

namespace {

ProcessResult search_jsonl(const std::string& query, std::vector<std::string> extra = {}) {
  // Every report, uncollapsed: story collapsing is story_cli's to test.
  std::vector<std::string> args{"--db", corpus_db(), "--format", "jsonl", "--no-collapse"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(query);
  return run_search(args);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(search_cli)

BOOST_AUTO_TEST_CASE(putin_apec_finds_both_seed_articles) {
  auto result = search_jsonl("Putin APEC");
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(id_set(result.out) == (std::set<std::string>{kKyodoSeed, kReutersSeed}));
}

BOOST_AUTO_TEST_CASE(exact_phrase_finds_only_the_article_that_has_it) {
  auto result = search_jsonl("\"peace treaty\"");
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(hit_ids(result.out) == (std::vector<std::string>{kKyodoSeed}));
}

BOOST_AUTO_TEST_CASE(not_excludes_articles_with_the_word) {
  auto result = search_jsonl("Putin NOT Kishida");
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(hit_ids(result.out) == (std::vector<std::string>{kReutersSeed}));
}

BOOST_AUTO_TEST_CASE(title_field_matches_headline_words) {
  auto result = search_jsonl("title:APEC");
  BOOST_TEST(id_set(result.out) == (std::set<std::string>{kKyodoSeed, kReutersSeed}));
  // "Kishida" is in the Kyodo body, not in any title.
  BOOST_TEST(search_jsonl("title:Kishida").exit_code == 1);
}

BOOST_AUTO_TEST_CASE(hyphenated_words_match_as_a_phrase_and_by_part) {
  BOOST_TEST(hit_ids(search_jsonl("post-World").out) == (std::vector<std::string>{kKyodoSeed}));
  BOOST_TEST(id_set(search_jsonl("10-minute").out) == (std::set<std::string>{kKyodoSeed, kReutersSeed}));
}

BOOST_AUTO_TEST_CASE(stemming_matches_other_forms_of_a_word) {
  // The seeds say "sanctions"; the query says "sanction".
  BOOST_TEST(id_set(search_jsonl("sanction").out) == (std::set<std::string>{kKyodoSeed, kReutersSeed}));
}

BOOST_AUTO_TEST_CASE(curly_and_straight_possessives_find_the_same_articles) {
  auto curly = id_set(search_jsonl("Abe’s").out);
  auto straight = id_set(search_jsonl("Abe's").out);
  BOOST_TEST(curly == straight);
  BOOST_TEST(curly.count(kKyodoSeed) == 1U);
}

BOOST_AUTO_TEST_CASE(star_alone_matches_every_article) {
  auto all = search_jsonl("*", {"-n", "1000"});
  BOOST_TEST(all.exit_code == 0, all.err);
  auto lines = parse_lines(all.out);
  BOOST_REQUIRE(lines.size() >= 2U);
  auto total = lines.back().at("matches").at("estimated").get<std::size_t>();
  BOOST_TEST(hit_ids(all.out).size() == total);
  BOOST_TEST(total >= 2U);
}

BOOST_AUTO_TEST_CASE(jsonl_hits_have_the_documented_shape) {
  auto result = search_jsonl("Putin APEC");
  auto lines = parse_lines(result.out);
  BOOST_REQUIRE(lines.size() == 4U);
  BOOST_TEST(lines.front().at("type") == "begin");
  BOOST_TEST(lines.front().at("version") == 2);
  BOOST_TEST(lines.back().at("type") == "end");
  BOOST_TEST(lines.back().at("returned") == 2);
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
    const auto& hit = lines[i];
    BOOST_TEST(hit.at("type") == "hit");
    BOOST_TEST(hit.at("rank") == i);
    BOOST_TEST(hit.at("score").is_number());
    BOOST_TEST(hit.at("title").is_string());
    BOOST_TEST((hit.at("date").is_string() || hit.at("date").is_null()));
    BOOST_TEST((hit.at("source").is_string() || hit.at("source").is_null()));
    BOOST_REQUIRE(hit.at("snippets").is_array());
    BOOST_REQUIRE(!hit.at("snippets").empty());
    const auto& snippet = hit.at("snippets").front();
    BOOST_TEST(snippet.at("text").is_string());
    BOOST_TEST(!snippet.at("highlights").empty());
  }
  auto kyodo = lines[1].at("id") == kKyodoSeed ? lines[1] : lines[2];
  BOOST_TEST(kyodo.at("source") == "Kyodo, JIJI");
}

BOOST_AUTO_TEST_CASE(json_format_is_one_object_with_the_hits) {
  auto result = run_search({"--db", corpus_db(), "--format", "json", "--no-collapse", "Putin APEC"});
  BOOST_TEST(result.exit_code == 0, result.err);
  auto document = nlohmann::json::parse(result.out);
  BOOST_TEST(document.at("version") == 2);
  BOOST_TEST(document.at("hits").size() == 2U);
  BOOST_TEST(document.at("matches").at("estimated") == 2);
}

BOOST_AUTO_TEST_CASE(human_output_shows_titles_and_marks_matches) {
  auto plain = run_search({"--db", corpus_db(), "--color=never", "peace treaty"});
  BOOST_TEST(plain.exit_code == 0, plain.err);
  BOOST_TEST(plain.out.find("1.  With fall visit unlikely") != std::string::npos, plain.out);
  BOOST_TEST(plain.out.find("**peace**") != std::string::npos, plain.out);
  BOOST_TEST(plain.out.find("\x1b[") == std::string::npos);
  auto colored = run_search({"--db", corpus_db(), "--color=always", "peace treaty"});
  BOOST_TEST(colored.out.find("\x1b[1;31mpeace\x1b[0m") != std::string::npos, colored.out);
}

BOOST_AUTO_TEST_CASE(any_ranks_articles_matching_some_of_the_words) {
  BOOST_TEST(search_jsonl("Kishida zzzunknownword").exit_code == 1);
  auto any = search_jsonl("Kishida zzzunknownword", {"--any"});
  BOOST_TEST(hit_ids(any.out) == (std::vector<std::string>{kKyodoSeed}));
}

BOOST_AUTO_TEST_CASE(limit_and_offset_page_through_hits) {
  auto all = hit_ids(search_jsonl("Putin").out);
  BOOST_REQUIRE(all.size() == 2U);
  auto second = search_jsonl("Putin", {"-n", "1", "--offset", "1"});
  auto lines = parse_lines(second.out);
  BOOST_TEST(hit_ids(second.out) == (std::vector<std::string>{all[1]}));
  BOOST_TEST(lines.at(1).at("rank") == 2);
}

BOOST_AUTO_TEST_CASE(no_hits_exit_one) {
  auto result = search_jsonl("zzzunknownword");
  BOOST_TEST(result.exit_code == 1);
  BOOST_TEST(hit_ids(result.out).empty());
}

BOOST_AUTO_TEST_CASE(bad_syntax_exits_two_and_points_at_the_column) {
  auto result = run_search({"--db", corpus_db(), "Putin \"peace treaty"});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("col 7") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("quote") != std::string::npos, result.err);
  BOOST_TEST(result.out.empty());
}

BOOST_AUTO_TEST_CASE(missing_database_exits_two_and_names_it) {
  TempDir dir;
  auto missing = (dir / "no.db").string();
  auto result = run_search({"--db", missing, "Putin"});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find(missing) != std::string::npos, result.err);
  BOOST_TEST(result.err.find("newsdig-index") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(newsdig_db_environment_variable_names_the_default_database) {
  ProcessOptions options;
  options.env = {{"NEWSDIG_DB", corpus_db()}};
  auto result = run_search({"--format", "jsonl", "--no-collapse", "Putin APEC"}, options);
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(hit_ids(result.out).size() == 2U);
}

BOOST_AUTO_TEST_CASE(refuses_a_database_of_another_schema_version) {
  TempDir dir;
  auto db = (dir / "old.db").string();
  BOOST_REQUIRE(run_index({"--db", db, (corpus_dir() / "seeds").string()}).exit_code == 0);
  {
    Xapian::WritableDatabase writable(db);
    writable.set_metadata(std::string(newsdig::schema::kSchemaVersionKey), "0");
    writable.commit();
  }
  auto result = run_search({"--db", db, "Putin"});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("reindex") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_SUITE_END()
