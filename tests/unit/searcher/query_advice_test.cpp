// --lenient, did-you-mean, zero-hit explanations and --explain (searcher/query/lenient, suggest, explain).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/article.hpp"
#include "common/store/document_builder.hpp"
#include "searcher/query/explain.hpp"
#include "searcher/query/fields.hpp"
#include "searcher/query/lenient.hpp"
#include "searcher/query/query_parser.hpp"
#include "searcher/query/suggest.hpp"

namespace {

using newsdig::query::ParsedQuery;
using newsdig::query::ParseOptions;
using newsdig::query::SyntaxError;

newsdig::analysis::Analyzer& analyzer() {
  static newsdig::analysis::Analyzer instance;
  return instance;
}

struct Archive {
  Archive() : db(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    add("a1", "Putin meets Abe", "Vladimir Putin and Shinzo Abe discussed sanctions in Tokyo.", "2014-09-22");
    add("a2", "Putin visits Beijing",
        "Putin arrived in Beijing for the APEC summit. The cast of a film met him.", "2014-11-09");
    add("a3", "Sanctions on Russia", "The sanctions against Russia were extended. A cart of papers.",
        "2014-07-30");
    add("a4", "Farm news", "A cart lost a wheel; the cart was mended.", "2014-07-01");
    add("a5", "Market news", "The cart market rose.", "2014-07-02");
    add("a6", "Vladmir spoke", "Vladmir Putin spoke at length.", "2014-07-03");
    add("a7", "Reuter report", "Reuter said the register was full.", "2014-06-01");
    add("a8", "Reuter note", "Reuter said so.", "2014-06-02");
    add("a9", "Reuter memo", "Reuter again.", "2014-06-03");
    db.commit();
  }

  void add(const std::string& id, const std::string& title, const std::string& body,
           const std::string& date) {
    newsdig::Article article;
    article.id = id;
    article.title = title;
    article.body = body;
    article.date = date;
    db.add_document(newsdig::store::build_document(article, analyzer(), {}));
  }

  Xapian::WritableDatabase db;
};

const Archive& archive() {
  static const Archive instance;
  return instance;
}

ParseOptions options() {
  ParseOptions out;
  out.database = &archive().db;
  out.today = newsdig::query::Day{std::chrono::year{2014}, std::chrono::month{11}, std::chrono::day{15}};
  return out;
}

ParsedQuery parse(std::string_view text, const ParseOptions& with = options()) {
  return newsdig::query::parse_query(text, analyzer(), with);
}

std::optional<std::string> suggestion(std::string_view text) {
  auto parsed = parse(text);
  auto advice = newsdig::query::did_you_mean(archive().db, parsed, analyzer(), options());
  if (!advice) return std::nullopt;
  return advice->query;
}

std::u32string u32(std::string_view text) {
  std::u32string out;
  for (char c : text) out.push_back(static_cast<unsigned char>(c));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(query_advice)

BOOST_AUTO_TEST_CASE(edit_distance_counts_edits_and_swaps_up_to_a_limit) {
  struct Case {
    std::u32string a, b;
    unsigned limit, expected;
  };
  const std::vector<Case> cases = {
      {u32("putin"), u32("putin"), 2, 0}, {u32("putn"), u32("putin"), 2, 1},
      {u32("ptuin"), u32("putin"), 2, 1}, {u32("putin"), u32("puting"), 2, 1},
      {u32("putni"), u32("putin"), 2, 1}, {u32("ptuni"), u32("putin"), 2, 2},
      {u32("abc"), u32("xyz"), 2, 3},     {u32("abc"), u32("xyz"), 5, 3},
      {u32("a"), u32("abcdef"), 2, 3},    {U"日本", U"日木", 2, 1},
      {u32(""), u32("ab"), 2, 2},         {u32("ca"), u32("abc"), 3, 3},
  };
  for (const auto& c : cases) {
    BOOST_TEST(newsdig::query::edit_distance(c.a, c.b, c.limit) == c.expected);
  }
}

BOOST_AUTO_TEST_CASE(spelling_candidates_are_close_words_of_another_stem_closest_first) {
  auto words = [](std::string_view prefix, std::string_view word) {
    std::vector<std::string> out;
    for (const auto& c :
         newsdig::query::spelling_candidates(archive().db, prefix, word, analyzer(), "en", 5)) {
      out.push_back(c.word);
    }
    return out;
  };
  BOOST_TEST(words("", "putn") == (std::vector<std::string>{"putin"}), boost::test_tools::per_element());
  BOOST_TEST(words("", "sanctoins") == (std::vector<std::string>{"sanctions"}),
             boost::test_tools::per_element());
  BOOST_TEST(words("", "sanction").empty());  // "sanctions" has the same stem: it is found already
  BOOST_TEST(words("", "cat") == (std::vector<std::string>{"cart", "cast"}),
             boost::test_tools::per_element());
  BOOST_TEST(words("S", "putn") == (std::vector<std::string>{"putin"}), boost::test_tools::per_element());
  BOOST_TEST(words("S", "tokio").empty());  // Tokyo is in no title
  BOOST_TEST(words("", "tokio") == (std::vector<std::string>{"tokyo"}), boost::test_tools::per_element());
  BOOST_TEST(words("", "ab").empty());    // too short to guess
  BOOST_TEST(words("", "g20x").empty());  // numbers are not spelt
  BOOST_TEST(words("", "xqzv").empty());
  // Closest first, however frequent a farther word is.
  BOOST_TEST(words("", "regiter") == (std::vector<std::string>{"register", "reuter"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(did_you_mean_corrects_rare_words_in_the_written_case) {
  struct Case {
    std::string_view query;
    std::optional<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"putn beijing", "putin beijing"},
      {"Putn", "Putin"},
      {"PUTN", "PUTIN"},
      {"sanctoins (russia OR tokio)", "sanctions (russia OR tokyo)"},
      {"title:putn", "title:putin"},
      {"cat beijing", "cast beijing"},  // cart is more frequent, but only cast finds the query
      {"cat", "cart"},
      {"regiter", "register"},  // "reuter" is in more articles, but two edits away
      {"putin beijing", std::nullopt},
      {"putin -putn", std::nullopt},  // excluded words are not corrected
      {"\"putn\"", std::nullopt},     // nor quoted ones
      {"vladmir", std::nullopt},      // "vladimir" is no more common than "vladmir"
      {"xqzv", std::nullopt},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("query: " << c.query) {
      BOOST_TEST((suggestion(c.query) == c.expected));
    }
  }
  auto advice = newsdig::query::did_you_mean(archive().db, parse("beijing putn"), analyzer(), options());
  BOOST_REQUIRE(advice);
  BOOST_REQUIRE_EQUAL(advice->corrections.size(), 1U);
  BOOST_TEST(advice->corrections[0].word == "putn");
  BOOST_TEST(advice->corrections[0].suggestion == "putin");
  BOOST_TEST(advice->corrections[0].column == 9U);
}

BOOST_AUTO_TEST_CASE(unmatched_pieces_name_the_words_and_filters_that_find_nothing) {
  auto unmatched = [](std::string_view text, const ParseOptions& with = options()) {
    return newsdig::query::unmatched_pieces(archive().db, parse(text, with));
  };
  BOOST_TEST(unmatched("putin zzzz title:tokyo lang:fr date:1999 -kremlin") ==
                 (std::vector<std::string>{"zzzz", "title:tokyo", "lang:fr", "date:1999"}),
             boost::test_tools::per_element());
  BOOST_TEST(unmatched("putin russia").empty());
  BOOST_TEST(unmatched("putin NEAR/1 russia") == (std::vector<std::string>{"putin NEAR/1 russia"}),
             boost::test_tools::per_element());
  ParseOptions since = options();
  since.since = "2030";
  BOOST_TEST(unmatched("putin", since) == (std::vector<std::string>{"--since 2030"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_any_fallback_applies_to_and_queries_of_several_words) {
  ParseOptions any = options();
  any.default_op = newsdig::query::DefaultOp::Or;
  BOOST_TEST(newsdig::query::any_fallback_applies(parse("putin zzzz")));
  BOOST_TEST(newsdig::query::any_fallback_applies(parse("putin \"prime minister\"")));
  BOOST_TEST(!newsdig::query::any_fallback_applies(parse("putin")));
  BOOST_TEST(!newsdig::query::any_fallback_applies(parse("putin -zzzz")));
  BOOST_TEST(!newsdig::query::any_fallback_applies(parse("putin lang:en")));
  BOOST_TEST(!newsdig::query::any_fallback_applies(parse("putin zzzz", any)));
}

BOOST_AUTO_TEST_CASE(lenient_parsing_drops_what_each_error_points_at_and_says_so) {
  struct Case {
    std::string query;
    std::vector<std::string> ignored;
    std::string same_as;  // the query it then searches
  };
  const std::vector<Case> cases = {
      {"putin \"abe", {"col 7: unclosed quote (ignored '\"')"}, "putin abe"},
      {"(putin abe", {"col 1: unclosed parenthesis (ignored '(')"}, "putin abe"},
      {"putin abe)", {"col 10: unexpected ')' (ignored ')')"}, "putin abe"},
      {"putin AND", {"col 7: AND needs a term after it (ignored 'AND')"}, "putin"},
      {"OR putin", {"col 1: OR needs a term before it (ignored 'OR')"}, "putin"},
      {"putin () abe",
       {"col 7: empty parentheses (ignored '(')", "col 8: unexpected ')' (ignored ')')"},
       "putin abe"},
      {"foo:bar putin",
       {"col 1: unknown field 'foo' (known fields: " + newsdig::query::known_field_names() +
        ") (ignored 'foo:')"},
       "bar putin"},
      {"putin date:2014-13",
       {"col 12: date: bad date '2014-13': no such month (ignored 'date:2014-13')"},
       "putin"},
      {"putin title:*",
       {"col 13: '*' (every document) cannot be limited to a field (ignored 'title:*')"},
       "putin"},
      {"putin NEAR/x abe",
       {"col 7: NEAR/x: the distance must be a number of words from 0 to 1000 (ignored 'NEAR/x')"},
       "putin abe"},
      {"foo:(a \"b",
       {"col 8: unclosed quote (ignored '\"')",
        "col 1: unknown field 'foo' (known fields: " + newsdig::query::known_field_names() +
            ") (ignored 'foo:')",
        "col 5: unclosed parenthesis (ignored '(')"},
       "a b"},
      {"putin abe", {}, "putin abe"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("query: " << c.query) {
      auto lenient = newsdig::query::parse_lenient(c.query, analyzer(), options());
      BOOST_TEST(lenient.ignored == c.ignored, boost::test_tools::per_element());
      BOOST_TEST(lenient.parsed.query.get_description() == parse(c.same_as).query.get_description());
    }
  }
}

BOOST_AUTO_TEST_CASE(lenient_parsing_falls_back_to_the_words_and_fails_only_without_any) {
  auto nested = newsdig::query::parse_lenient(std::string(300, '(') + "putin AND abe", analyzer(), options());
  BOOST_TEST(nested.parsed.query.get_description() == parse("putin abe").query.get_description());
  BOOST_REQUIRE(!nested.ignored.empty());
  BOOST_TEST(nested.ignored.back() == "searched only the words: putin abe");
  for (std::string_view nothing : {"\"\"", "", "( AND )", "\"  "}) {
    BOOST_TEST_CONTEXT("query: " << nothing) {
      BOOST_CHECK_THROW(newsdig::query::parse_lenient(nothing, analyzer(), options()), SyntaxError);
    }
  }
}

BOOST_AUTO_TEST_CASE(explain_shows_pieces_terms_resolved_dates_and_the_xapian_query) {
  auto parsed = parse("Putin -title:abe date:2014-09..2014-11 sanction*");
  auto object = nlohmann::json::parse(newsdig::query::explain_json(parsed, &archive().db));
  BOOST_TEST(object.at("type") == "explain");
  BOOST_TEST(object.at("query") == "Putin -title:abe date:2014-09..2014-11 sanction*");
  BOOST_TEST(object.at("default_operator") == "and");
  BOOST_TEST(object.at("xapian") == parsed.query.get_description());
  const auto& parts = object.at("parts");
  BOOST_REQUIRE_EQUAL(parts.size(), 4U);
  BOOST_TEST(parts[0].at("kind") == "word");
  BOOST_TEST(parts[0].at("text") == "Putin");
  BOOST_TEST(parts[0].at("field").is_null());
  BOOST_TEST(parts[0].at("terms") == nlohmann::json::array({"putin"}));
  BOOST_TEST(parts[0].at("matches") == 3);
  BOOST_TEST(parts[1].at("negated") == true);
  BOOST_TEST(parts[1].at("field") == "title");
  BOOST_TEST(parts[1].at("column") == 14);
  BOOST_TEST(parts[2].at("kind") == "date");
  BOOST_TEST(parts[2].at("terms") == nlohmann::json::array({"M201409", "M201410", "M201411"}));
  BOOST_TEST(parts[2].at("detail") == "published 2014-09-01..2014-11-30 (the article's own calendar date)");
  BOOST_TEST(parts[2].at("matches") == 2);
  BOOST_TEST(parts[3].at("kind") == "wildcard");
  BOOST_TEST(parts[3].at("matches") == 2);
  BOOST_TEST(object.at("notices").empty());

  std::string text = newsdig::query::explain_text(parsed, &archive().db);
  for (const std::string& expected : std::vector<std::string>{
           "query:    Putin -title:abe date:2014-09..2014-11 sanction*\n",
           "operator: AND (every word is required)\n", "  col 1   word  Putin\n", "stem 'putin' (en)",
           "terms: putin\n", "matches 3 articles alone\n", "  col 14  word, excluded  title:abe\n",
           "terms: M201409 M201410 M201411\n", "xapian:   " + parsed.query.get_description() + "\n"}) {
    BOOST_TEST_CONTEXT("expected: " << expected) {
      BOOST_TEST(text.find(expected) != std::string::npos, text);
    }
  }
  BOOST_TEST(newsdig::query::explain_text(parsed, nullptr).find("matches") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
