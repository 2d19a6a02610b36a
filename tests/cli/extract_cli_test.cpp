// Entity and date extraction seen from the command line: the fields it fills on the seed articles, and
// `newsdig-index extract` (its JSON Lines, its offsets, its diagnostics and exit codes).
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/cli/index_support.hpp"

using namespace newsdig::test;

namespace {

const std::set<std::string> kBothSeeds = {kKyodoSeed, kReutersSeed};

std::string first_line(const std::filesystem::path& path) {
  auto text = read_file(path);
  return text.substr(0, text.find('\n'));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(extract_cli)

BOOST_AUTO_TEST_CASE(entity_fields_find_both_seed_articles) {
  for (const std::string query :
       {"person:\"Shinzo Abe\"", "person:putin", "person:\"vladimir putin\"", "org:APEC", "place:Beijing"}) {
    BOOST_TEST_CONTEXT(query) {
      const auto ids = found(corpus_db(), query);
      BOOST_TEST((std::includes(ids.begin(), ids.end(), kBothSeeds.begin(), kBothSeeds.end())));
    }
  }
}

BOOST_AUTO_TEST_CASE(mentions_finds_a_seed_by_a_date_it_talks_about) {
  // The Kyodo seed: "Having met five times since Abe took office in December 2012".
  BOOST_TEST(found(corpus_db(), "mentions:2012-12").count(kKyodoSeed) == 1U);
  BOOST_TEST(found(corpus_db(), "mentions:2012").count(kKyodoSeed) == 1U);
  BOOST_TEST(found(corpus_db(), "mentions:2012-11").count(kKyodoSeed) == 0U);
}

BOOST_AUTO_TEST_CASE(no_extract_indexes_the_words_but_no_entities) {
  TempDir dir;
  auto result = run_index({"--db", (dir / "db").string(), "--no-extract", corpus_dir().string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(found(dir / "db", "person:putin").empty());
  BOOST_TEST(found(dir / "db", "putin") == kBothSeeds);
}

BOOST_AUTO_TEST_CASE(person_facets_count_canonical_names_not_search_aliases) {
  auto result = run_search({"--db", corpus_db(), "--format", "jsonl", "--facets", "person",
                            "--facet-values", "100", "putin"});
  BOOST_TEST(result.exit_code == 0, result.err);
  std::set<std::string> people;
  for (const auto& line : parse_lines(result.out)) {
    if (line.at("type") != "facets") continue;
    for (const auto& value : line.at("facets").at("person").at("values")) {
      people.insert(value.at("value").get<std::string>());
    }
  }
  BOOST_TEST(people.count("vladimir putin") == 1U);
  BOOST_TEST(people.count("shinzo abe") == 1U);
  BOOST_TEST(people.count("putin") == 0U);  // an alias: it finds, it is not counted as a person
  BOOST_TEST(people.count("abe") == 0U);
}

BOOST_AUTO_TEST_CASE(extract_prints_one_line_per_article_whose_title_offsets_slice_the_title) {
  const auto seed = corpus_dir().parent_path() / kKyodoSeed;
  auto result = run_index({"extract", seed.string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  const auto lines = parse_lines(result.out);
  BOOST_REQUIRE(lines.size() == 1U);
  const auto& line = lines.front();
  BOOST_TEST(line.at("id") == seed.filename().string());  // a file named directly: its own name
  BOOST_TEST(line.at("date").is_null());
  const std::string title = first_line(seed);
  std::set<std::string> canonical;
  std::size_t in_title = 0;
  for (const auto& entity : line.at("entities")) {
    canonical.insert(entity.at("type").get<std::string>() + ":" + entity.at("canonical").get<std::string>());
    const auto start = entity.at("start").get<std::size_t>();
    const auto end = entity.at("end").get<std::size_t>();
    BOOST_TEST(start < end);
    if (entity.at("field") != "title") continue;
    ++in_title;
    BOOST_TEST(title.substr(start, end - start) == entity.at("text").get<std::string>());
  }
  BOOST_TEST(in_title >= 2U);  // Abe, Putin, APEC
  BOOST_TEST(canonical.count("person:Shinzo Abe") == 1U);
  BOOST_TEST(canonical.count("person:Vladimir Putin") == 1U);
  BOOST_TEST(canonical.count("org:APEC") == 1U);
  BOOST_TEST(canonical.count("place:Beijing") == 1U);
  std::set<std::string> values;
  for (const auto& date : line.at("dates")) {
    if (!date.at("value").is_null()) values.insert(date.at("value").get<std::string>());
  }
  BOOST_TEST(values.count("2012-12") == 1U);
}

BOOST_AUTO_TEST_CASE(extract_offsets_are_byte_offsets_into_the_field_and_relative_dates_resolve) {
  TempDir dir;
  const std::string title = "Abe to meet Putin in Beijing";
  const std::string body =
      "Japanese Prime Minister Shinzo Abe said on Monday that he would meet Russia’s President Vladimir "
      "Putin at the APEC summit in Beijing.\n\nThe two leaders last met on Sept. 21, 2014.";
  write_file(
      dir / "one.jsonl",
      nlohmann::json({{"id", "one"}, {"title", title}, {"body", body}, {"date", "2014-10-07"}}).dump() +
          "\n");
  auto result = run_index({"extract", (dir / "one.jsonl").string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  const auto lines = parse_lines(result.out);
  BOOST_REQUIRE(lines.size() == 1U);
  BOOST_TEST(lines[0].at("date") == "2014-10-07");
  auto slice = [&](const nlohmann::json& item) {
    const auto& text = item.at("field") == "title" ? title : body;
    const auto start = item.at("start").get<std::size_t>();
    return text.substr(start, item.at("end").get<std::size_t>() - start);
  };
  std::set<std::string> body_people;
  for (const auto& entity : lines[0].at("entities")) {
    BOOST_TEST(slice(entity) == entity.at("text").get<std::string>());
    if (entity.at("field") == "body" && entity.at("type") == "person") body_people.insert(slice(entity));
  }
  BOOST_TEST(body_people.count("Vladimir Putin") == 1U);  // after a curly quote: bytes, not characters
  std::set<std::string> dates;
  for (const auto& date : lines[0].at("dates")) {
    BOOST_TEST(slice(date) == date.at("text").get<std::string>());
    dates.insert(date.at("text").get<std::string>() + "=" + date.at("value").get<std::string>());
  }
  BOOST_TEST(dates.count("Monday=2014-10-06") == 1U);
  BOOST_TEST(dates.count("Sept. 21, 2014=2014-09-21") == 1U);
}

BOOST_AUTO_TEST_CASE(extract_reports_bad_input_like_indexing_and_exits_one) {
  TempDir dir;
  write_file(dir / "in" / "feed.jsonl",
             "{\"id\":\"a\",\"title\":\"Putin visits Beijing\"}\n{\"id\":\"b\",\"title\": broken\n");
  write_file(dir / "in" / "image.dat", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  auto result = run_index({"extract", (dir / "in").string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(parse_lines(result.out).size() == 1U);
  BOOST_TEST(result.err.find("feed.jsonl:2: error: malformed JSON") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("image.dat: error: binary") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("3 articles seen: 1 extracted, 2 skipped") != std::string::npos, result.err);
  BOOST_TEST(!std::filesystem::exists("newsdig.db"));
  BOOST_TEST(run_index({"extract"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(extract_reads_the_formats_indexing_reads) {
  TempDir dir;
  write_file(dir / "news.csv", "Putin visits Beijing,Russian President Vladimir Putin arrived on Sunday.\n");
  auto result =
      run_index({"extract", "--format", "csv", "--columns", "title,body", (dir / "news.csv").string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  const auto lines = parse_lines(result.out);
  BOOST_REQUIRE(lines.size() == 1U);
  std::set<std::string> canonical;
  for (const auto& entity : lines[0].at("entities"))
    canonical.insert(entity.at("canonical").get<std::string>());
  BOOST_TEST(canonical.count("Vladimir Putin") == 1U);
  BOOST_TEST(canonical.count("Beijing") == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
