// The query language through the real newsdig-search: dates and --since/--until, NEAR, entity and tag
// fields, --lenient, --explain, did-you-mean and the zero-hit --any fallback (docs/query-language.md).
#include <set>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/article.hpp"
#include "common/store/database.hpp"
#include "common/store/document_builder.hpp"
#include "tests/cli/cli_support.hpp"

using namespace newsdig::test;

namespace {

// A small database written through the store with what readers and extractors hand over: entities, tags,
// mentions. One article holds 1001 words starting with "w", more than a wildcard expands to.
const std::string& annotated_db() {
  static TempDir dir;
  static const std::string db = [] {
    auto path = (dir / "annotated.db").string();
    newsdig::analysis::Analyzer analyzer;
    newsdig::store::Writer writer(path);
    auto add = [&](newsdig::Article article) {
      writer.replace(newsdig::store::id_term(article.id),
                     newsdig::store::build_document(article, analyzer, {}));
    };
    newsdig::Article abe;
    abe.id = "abe-putin";
    abe.title = "Abe and Putin to meet at APEC";
    abe.body = "Prime Minister Shinzo Abe will meet Vladimir Putin in Beijing in November.";
    abe.date = "2014-09-22";
    abe.entities = {{newsdig::EntityType::Person, "Shinzo Abe", "shinzo abe", 1},
                    {newsdig::EntityType::Person, "Vladimir Putin", "vladimir putin", 1},
                    {newsdig::EntityType::Org, "APEC", "apec", 1},
                    {newsdig::EntityType::Place, "Beijing", "beijing", 1}};
    abe.mentions = {{"2014-11", "November", "body", 0, 0}};
    add(abe);
    newsdig::Article grain;
    grain.id = "grain-1987";
    grain.title = "Grain shipments rise";
    grain.body = "Wheat shipments rose in February, traders said.";
    grain.date = "1987-02-26";
    grain.tags = {{"topic", "grain"}, {"topic", "wheat"}};
    add(grain);
    newsdig::Article words;
    words.id = "many-words";
    words.title = "A list";
    for (int i = 0; i <= 1000; ++i) words.body += "w" + std::to_string(10000 + i) + " ";
    add(words);
    writer.close();
    return path;
  }();
  return db;
}

ProcessResult search(const std::string& db, std::vector<std::string> args) {
  // Every report, uncollapsed: story collapsing is story_cli's to test.
  args.insert(args.begin(), {"--db", db, "--no-collapse"});
  return run_search(args);
}

ProcessResult corpus_jsonl(std::vector<std::string> args) {
  args.insert(args.begin(), {"--format", "jsonl", "-n", "100"});
  return search(corpus_db(), args);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(query_cli)

BOOST_AUTO_TEST_CASE(date_filters_select_by_the_articles_own_calendar_date) {
  struct Case {
    std::string query;
    std::set<std::string> ids;
  };
  const std::vector<Case> cases = {
      // 06:45 in Tokyo on the 12th is still the 11th in UTC: the article's own date counts.
      {"date:2024-03-12", {"cw-2024-0312-004"}},
      {"date:2024-03-11", {"cw-2024-0311-001"}},
      {"date:2024-03-12..2024-03-13", {"cw-2024-0312-004", "cw-2024-0313-002"}},
      {"date:2024-03-14..", {"dw-2024-0314-007", "jw-2024-0315-003"}},
      {"date:..2024-03-11", {"cw-2024-0311-001"}},
      {"date:(2024-03-11 OR 2024-03-15)", {"cw-2024-0311-001", "jw-2024-0315-003"}},
      {"date:2024-03 -date:2024-03-12..2024-03-14", {"cw-2024-0311-001", "jw-2024-0315-003"}},
      {"date:2023", {}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("query: " << c.query) {
      auto result = corpus_jsonl({c.query});
      BOOST_TEST(result.exit_code == (c.ids.empty() ? 1 : 0), result.err);
      BOOST_TEST(id_set(result.out) == c.ids, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(since_and_until_restrict_any_query) {
  BOOST_TEST(id_set(corpus_jsonl({"--since", "2024-03-14", "*"}).out) ==
                 (std::set<std::string>{"dw-2024-0314-007", "jw-2024-0315-003"}),
             boost::test_tools::per_element());
  BOOST_TEST(id_set(corpus_jsonl({"--since", "2024-03-13", "--until", "2024-03-14", "*"}).out) ==
                 (std::set<std::string>{"cw-2024-0313-002", "dw-2024-0314-007"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      id_set(corpus_jsonl({"--until", "2024-03-11", "*"}).out) == (std::set<std::string>{"cw-2024-0311-001"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_date_options_and_values_exit_two_saying_why) {
  auto option = search(corpus_db(), {"--since", "2024-13", "Putin"});
  BOOST_TEST(option.exit_code == 2);
  BOOST_TEST(contains(option.err, "no such month"), option.err);
  BOOST_TEST(option.out.empty());
  auto order = search(corpus_db(), {"--since", "2024-03-14", "--until", "2024-03-01", "Putin"});
  BOOST_TEST(order.exit_code == 2);
  BOOST_TEST(contains(order.err, "--until 2024-03-01 ends before --since 2024-03-14 starts"), order.err);
  auto value = search(corpus_db(), {"Putin date:2014-13"});
  BOOST_TEST(value.exit_code == 2);
  BOOST_TEST(contains(value.err, "col 12: date: bad date '2014-13': no such month"), value.err);
  BOOST_TEST(contains(value.err, "\n  Putin date:2014-13\n             ^"), value.err);
}

BOOST_AUTO_TEST_CASE(unknown_fields_and_dangling_operators_exit_two_pointing_at_the_spot) {
  struct Case {
    std::string query;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"Putin foo:bar", "col 7: unknown field 'foo'"},
      {"Putin NEAR", "col 7: NEAR needs a term after it"},
      {"Putin AND (APEC", "col 11: unclosed parenthesis"},
      {"title:\"Putin", "col 7: unclosed quote"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("query: " << c.query) {
      auto result = search(corpus_db(), {c.query});
      BOOST_TEST(result.exit_code == 2);
      BOOST_TEST(contains(result.err, c.message), result.err);
      BOOST_TEST(result.out.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(near_and_adj_find_words_within_the_distance) {
  struct Case {
    std::string query;
    std::set<std::string> ids;
  };
  const std::vector<Case> cases = {
      {"peace NEAR/0 treaty", {kKyodoSeed}},
      {"treaty ADJ/0 peace", {}},
      {"treaty NEAR/0 peace", {kKyodoSeed}},
      {"Abe NEAR/2 Putin", {kKyodoSeed, kReutersSeed}},  // the Reuters seed says "Putin and Abe"
      {"Abe ADJ/2 Putin", {kKyodoSeed}},
      {"title:(Abe ADJ/2 Putin)", {kKyodoSeed}},
      {"title:(Putin ADJ/2 Abe)", {}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("query: " << c.query) {
      BOOST_TEST(id_set(corpus_jsonl({c.query}).out) == c.ids, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(entity_tag_and_mention_fields_filter_by_what_the_index_holds) {
  struct Case {
    std::string query;
    std::set<std::string> ids;
  };
  const std::vector<Case> cases = {
      {"person:\"Shinzo Abe\"", {"abe-putin"}},
      {"person:\"SHINZO ABE\" person:\"Vladimir Putin\"", {"abe-putin"}},
      {"person:abe", {}},
      {"person:shinzo*", {"abe-putin"}},
      {"org:APEC", {"abe-putin"}},
      {"entity:beijing", {"abe-putin"}},
      {"place:apec", {}},
      {"topic:grain", {"grain-1987"}},
      {"shipments topic:wheat", {"grain-1987"}},
      {"mentions:2014-11", {"abe-putin"}},
      {"mentions:2014", {"abe-putin"}},
      {"mentions:2014..", {"abe-putin"}},
      {"mentions:..2013", {}},
      {"body:beijing", {"abe-putin"}},
      {"date:1987", {"grain-1987"}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("query: " << c.query) {
      auto result = search(annotated_db(), {"--format", "jsonl", c.query});
      BOOST_TEST(result.exit_code == (c.ids.empty() ? 1 : 0), result.err);
      BOOST_TEST(id_set(result.out) == c.ids, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(a_wildcard_cut_to_the_limit_says_so) {
  auto result = search(annotated_db(), {"--format", "jsonl", "w*"});
  BOOST_TEST(result.exit_code == 0, result.err);
  const std::string notice =
      "col 1: 'w*' matches more than 1000 words; only the 1000 most frequent are searched (a longer prefix "
      "narrows it)";
  BOOST_TEST(contains(result.err, "newsdig-search: " + notice), result.err);
  auto begin = parse_lines(result.out).at(0);
  BOOST_TEST(begin.at("notices") == nlohmann::json::array({notice}));
  BOOST_TEST(
      !parse_lines(search(annotated_db(), {"--format", "jsonl", "w1000*"}).out).at(0).contains("notices"));
}

BOOST_AUTO_TEST_CASE(lenient_searches_the_words_and_says_what_it_ignored) {
  auto result = corpus_jsonl({"--lenient", "Putin \"peace treaty"});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(hit_ids(result.out) == (std::vector<std::string>{kKyodoSeed}), boost::test_tools::per_element());
  const std::string ignored = "--lenient: col 7: unclosed quote (ignored '\"')";
  BOOST_TEST(contains(result.err, "newsdig-search: " + ignored), result.err);
  BOOST_TEST(parse_lines(result.out).at(0).at("notices") == nlohmann::json::array({ignored}));

  auto unknown = corpus_jsonl({"--lenient", "foo:Kishida"});
  BOOST_TEST(unknown.exit_code == 0, unknown.err);
  BOOST_TEST(hit_ids(unknown.out) == (std::vector<std::string>{kKyodoSeed}),
             boost::test_tools::per_element());
  BOOST_TEST(contains(unknown.err, "unknown field 'foo'"), unknown.err);

  auto nothing = search(corpus_db(), {"--lenient", "( AND )"});
  BOOST_TEST(nothing.exit_code == 2);
  BOOST_TEST(contains(nothing.err, "nothing to search for"), nothing.err);
}

BOOST_AUTO_TEST_CASE(explain_prints_the_parsed_query_instead_of_hits) {
  auto text = search(corpus_db(), {"--explain", "Putin -title:Kishida date:2014-09..2014-11"});
  BOOST_TEST(text.exit_code == 0, text.err);
  for (const std::string& expected :
       {std::string("query:    Putin -title:Kishida date:2014-09..2014-11\n"),
        std::string("  col 1   word  Putin\n"), std::string("terms: putin\n"),
        std::string("matches 2 articles alone\n"), std::string("word, excluded  title:Kishida\n"),
        std::string("terms: M201409 M201410 M201411\n"), std::string("xapian:   Query(")}) {
    BOOST_TEST(contains(text.out, expected), expected << " not in:\n" << text.out);
  }
  auto json =
      search(corpus_db(), {"--explain", "--format", "json", "Putin -title:Kishida date:2014-09..2014-11"});
  BOOST_TEST(json.exit_code == 0, json.err);
  auto object = nlohmann::json::parse(json.out);
  BOOST_TEST(object.at("type") == "explain");
  BOOST_REQUIRE_EQUAL(object.at("parts").size(), 3U);
  BOOST_TEST(object.at("parts")[0].at("terms") == nlohmann::json::array({"putin"}));
  BOOST_TEST(object.at("parts")[0].at("matches") == 2);
  BOOST_TEST(object.at("parts")[1].at("negated") == true);
  BOOST_TEST(object.at("parts")[2].at("detail") ==
             "published 2014-09-01..2014-11-30 (the article's own calendar date)");
  BOOST_TEST(!object.contains("hits"));
  auto bad = search(corpus_db(), {"--explain", "Putin AND"});
  BOOST_TEST(bad.exit_code == 2);
}

BOOST_AUTO_TEST_CASE(did_you_mean_offers_a_close_word_the_index_knows) {
  auto result = corpus_jsonl({"Puttin APEC"});
  BOOST_TEST(contains(result.err, "newsdig-search: did you mean: Putin APEC\n"), result.err);
  BOOST_TEST(parse_lines(result.out).at(0).at("suggestions") == nlohmann::json::array({"Putin APEC"}));
  auto spelt = corpus_jsonl({"Putin APEC"});
  BOOST_TEST(!contains(spelt.err, "did you mean"), spelt.err);
  BOOST_TEST(!parse_lines(spelt.out).at(0).contains("suggestions"));
}

BOOST_AUTO_TEST_CASE(zero_hits_name_what_matched_nothing_and_show_labelled_any_hits) {
  auto result = corpus_jsonl({"Kishida zzzunknownword"});
  BOOST_TEST(result.exit_code == 1);
  auto begin = parse_lines(result.out).at(0);
  BOOST_TEST(begin.at("fallback") == "any");
  BOOST_TEST(begin.at("zero_hit_terms") == nlohmann::json::array({"zzzunknownword"}));
  BOOST_TEST(hit_ids(result.out) == (std::vector<std::string>{kKyodoSeed}), boost::test_tools::per_element());
  BOOST_TEST(contains(result.err, "newsdig-search: nothing matches zzzunknownword\n"), result.err);
  BOOST_TEST(
      contains(result.err, "showing instead the articles that match some of the words (as with --any):"),
      result.err);

  auto human = search(corpus_db(), {"--color=never", "Kishida zzzunknownword"});
  BOOST_TEST(human.exit_code == 1);
  BOOST_TEST(contains(human.out, "With fall visit unlikely"), human.out);
  BOOST_TEST(contains(human.err, "(as with --any)"), human.err);

  // Formats that cannot label hits get none; a query with one word has nothing to fall back on.
  auto ids = search(corpus_db(), {"--format", "ids", "Kishida zzzunknownword"});
  BOOST_TEST(ids.exit_code == 1);
  BOOST_TEST(ids.out.empty());
  auto single = corpus_jsonl({"zzzunknownword"});
  BOOST_TEST(!parse_lines(single.out).at(0).contains("fallback"));
  BOOST_TEST(hit_ids(single.out).empty());
  // Each word matches, but not together.
  auto apart = corpus_jsonl({"Kishida Vellano"});
  BOOST_TEST(contains(apart.err, "no article matches them all"), apart.err);
}

BOOST_AUTO_TEST_SUITE_END()
