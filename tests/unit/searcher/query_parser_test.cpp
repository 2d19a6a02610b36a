#include "searcher/query/query_parser.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "common/article.hpp"
#include "common/schema.hpp"
#include "common/store/document_builder.hpp"
#include "searcher/query/fields.hpp"
#include "searcher/query/lexer.hpp"

namespace {

using newsdig::query::DefaultOp;
using newsdig::query::ParsedQuery;
using newsdig::query::ParseOptions;
using newsdig::query::SyntaxError;
using newsdig::query::TokenKind;
using Xapian::Query;
namespace schema = newsdig::schema;
namespace prefix = newsdig::schema::prefix;

newsdig::analysis::Analyzer& analyzer() {
  static newsdig::analysis::Analyzer instance;
  return instance;
}

ParseOptions or_mode() {
  ParseOptions options;
  options.default_op = DefaultOp::Or;
  return options;
}

ParsedQuery parse(std::string_view text, const ParseOptions& options = {}) {
  return newsdig::query::parse_query(text, analyzer(), options);
}

// Expected queries are built from the schema's prefixes, like the parser builds them. The index holds one
// term per word, its stem (schema version 3): stem() for a stem, raw() for a word that has none.
Query stem(std::string_view value) {
  return Query(std::string(value));
}
Query raw(std::string_view value) {
  return Query(std::string(value));
}
Query title_stem(std::string_view value) {
  return Query(schema::make_term(prefix::kTitle, value));
}
Query title_raw(std::string_view value) {
  return Query(schema::make_term(prefix::kTitle, value));
}
Query source_stem(std::string_view value) {
  return Query(schema::make_term(prefix::kSource, value));
}
Query filter(const std::string& term) {
  return Query(Query::OP_SCALE_WEIGHT, Query(term), 0.0);
}
Query lang(std::string_view code) {
  return filter(schema::make_term(prefix::kLang, code));
}
Query id(const std::string& value) {
  return filter(newsdig::store::id_term(value));
}
Query wildcard(const std::string& term) {
  return Query(Query::OP_WILDCARD, term, 1000, Query::WILDCARD_LIMIT_MOST_FREQUENT);
}
Query op(Query::op kind, std::initializer_list<Query> queries) {
  return Query(kind, queries.begin(), queries.end());
}
Query phrase(std::initializer_list<Query> terms) {
  return Query(Query::OP_PHRASE, terms.begin(), terms.end(), static_cast<Xapian::termcount>(terms.size()));
}
Query all(std::initializer_list<Query> queries) {
  return op(Query::OP_AND, queries);
}
Query any(std::initializer_list<Query> queries) {
  return op(Query::OP_OR, queries);
}
// entity: has no terms of its own: the key under each entity kind's prefix, OR-ed, as a filter.
Query entity_filter(const std::string& key) {
  return Query(
      Query::OP_SCALE_WEIGHT,
      any({Query(schema::make_term(prefix::kPerson, key)), Query(schema::make_term(prefix::kOrg, key)),
           Query(schema::make_term(prefix::kPlace, key)), Query(schema::make_term(prefix::kMisc, key))}),
      0.0);
}
Query but_not(const Query& left, const Query& right) {
  return Query(Query::OP_AND_NOT, left, right);
}

struct StructureCase {
  std::string_view query;
  Query expected;
};

void check_structures(const std::vector<StructureCase>& cases, const ParseOptions& options) {
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("query: " << c.query) {
      BOOST_TEST(parse(c.query, options).query.get_description() == c.expected.get_description());
    }
  }
}

// A small archive built with the real document builder, so the tests prove that query terms meet index terms.
// Publication dates sit on both sides of UTC midnight, and the last article carries tags, entities and
// mentions the way the extractors and readers hand them over.
struct Archive {
  Archive() : db(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    auto& kyodo =
        add("kyodo-1", "Abe meets Putin in Tokyo",
            "Prime Minister Shinzo Abe held talks with Russian President Vladimir Putin on Monday. They "
            "discussed "
            "the post-World War II order in a 10-minute meeting.",
            "Kyodo", "TOKYO", "en");
    kyodo.date = "2014-09-22T10:00:00+09:00";  // UTC: 2014-09-22T01:00
    kyodo.entities = {{newsdig::EntityType::Person, "Shinzo Abe", "shinzo abe", 2},
                      {newsdig::EntityType::Person, "Vladimir Putin", "vladimir putin", 2},
                      {newsdig::EntityType::Place, "Tokyo", "tokyo", 1}};
    kyodo.mentions = {{"2014-11", "November", "body", 0, 0}, {"2014-09-21", "Sunday", "body", 0, 0}};
    auto& reuters =
        add("reuters/2014/09#a:b.1", "Elections in Germany",
            "Voters elected a new parliament on Sunday. The world watched.", "Reuters", "BERLIN", "en");
    reuters.date = "2014-09-21";
    auto& japanese = add("jp-001", "日本の首相がモスクワを訪問", "日本の首相は月曜日にモスクワを訪問した。",
                         "Kyodo", "東京", "ja");
    japanese.date = "2014-11-10T08:00:00+09:00";  // UTC: 2014-11-09T23:00
    auto& german = add("dpa-7", "Wahlen in Deutschland", "Die Wähler wählten ein neues Parlament.", "dpa",
                       "BERLIN", "de");
    german.date = "2013-12-31T23:30:00-05:00";  // UTC: 2014-01-01T04:30
    auto& moscow =
        add("reuters-5", "Putin and Medvedev",
            "Medvedev and Putin met in the Kremlin. World news from Moscow.", "Reuters", "MOSCOW", "en");
    moscow.entities = {{newsdig::EntityType::Person, "Vladimir Putin", "vladimir putin", 1},
                       {newsdig::EntityType::Person, "Dmitry Medvedev", "dmitry medvedev", 1},
                       {newsdig::EntityType::Org, "Kremlin", "kremlin", 1}};
    moscow.mentions = {{"2014-W38", "last week", "body", 0, 0}};
    auto& grain = add("wire-1987", "Grain shipments rise", "Wheat and grain shipments rose in February.",
                      "Reuters", "CHICAGO", "en");
    grain.date = "1987-02-26T15:01:01Z";
    grain.tags = {{"topic", "grain"}, {"topic", "wheat"}, {"exchange", "CBT"}};
    grain.mentions = {{"1987-02", "February", "body", 0, 0}};
    for (const auto& article : articles) {
      ids.push_back(article.id);
      db.add_document(newsdig::store::build_document(article, analyzer(), {}));
    }
    db.commit();
  }

  newsdig::Article& add(std::string article_id, std::string title, std::string body, std::string source,
                        std::string dateline, std::string language) {
    newsdig::Article& article = articles.emplace_back();
    article.id = std::move(article_id);
    article.title = std::move(title);
    article.body = std::move(body);
    article.source = std::move(source);
    article.dateline = std::move(dateline);
    article.lang = std::move(language);
    return article;
  }

  // Ids of the matching documents, best first.
  std::vector<std::string> ranked(const Query& query) const {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    std::vector<std::string> out;
    Xapian::MSet matches = enquire.get_mset(0, db.get_doccount());
    for (auto it = matches.begin(); it != matches.end(); ++it) out.push_back(ids.at(*it - 1));
    return out;
  }

  std::set<std::string> matching(const Query& query) const {
    auto list = ranked(query);
    return {list.begin(), list.end()};
  }

  std::deque<newsdig::Article> articles;
  Xapian::WritableDatabase db;
  std::vector<std::string> ids;  // by docid - 1
};

const Archive& archive() {
  static const Archive instance;
  return instance;
}

struct MatchCase {
  std::string_view query;
  std::set<std::string> expected;
};

void check_matches(const std::vector<MatchCase>& cases, const ParseOptions& options) {
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("query: " << c.query) {
      BOOST_TEST(archive().matching(parse(c.query, options).query) == c.expected,
                 boost::test_tools::per_element());
    }
  }
}

struct ErrorCase {
  std::string query;
  std::size_t column;
  std::string detail;
};

void check_errors(const std::vector<ErrorCase>& cases) {
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("query: " << c.query) {
      try {
        parse(c.query);
        BOOST_ERROR("no SyntaxError");
      } catch (const SyntaxError& error) {
        BOOST_TEST(error.column() == c.column);
        BOOST_TEST(error.detail() == c.detail);
        BOOST_TEST(std::string(error.what()) == "col " + std::to_string(c.column) + ": " + c.detail);
      }
    }
  }
}

// Parses or throws SyntaxError, nothing else; a parsed query must also run.
bool parses_or_reports(const std::string& text, const ParseOptions& options) {
  try {
    ParsedQuery parsed = parse(text, options);
    archive().ranked(parsed.query);
    return true;
  } catch (const SyntaxError&) {
    return false;
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(query_parser)

BOOST_AUTO_TEST_CASE(lexer_gives_token_kinds_and_code_point_columns) {
  struct Case {
    std::string_view text;
    std::vector<TokenKind> kinds;
    std::vector<std::size_t> columns;
  };
  using K = TokenKind;
  const std::vector<Case> cases = {
      {"post-World", {K::Word, K::End}, {1, 11}},
      {"-putin +abe", {K::Minus, K::Word, K::Plus, K::Word, K::End}, {1, 2, 8, 9, 12}},
      {"a - b", {K::Word, K::Word, K::Word, K::End}, {1, 3, 5, 6}},
      {"a AND b OR c NOT d",
       {K::Word, K::And, K::Word, K::Or, K::Word, K::Not, K::Word, K::End},
       {1, 3, 7, 9, 12, 14, 18, 19}},
      {"and or not", {K::Word, K::Word, K::Word, K::End}, {1, 5, 8, 11}},
      {"title:(a b)", {K::Field, K::LParen, K::Word, K::Word, K::RParen, K::End}, {1, 7, 8, 10, 11, 12}},
      {"title:\"a b\"", {K::Field, K::Phrase, K::End}, {1, 7, 12}},
      {"title: a", {K::Word, K::Word, K::End}, {1, 8, 9}},
      {"lang:en)", {K::Field, K::Value, K::RParen, K::End}, {1, 6, 8, 9}},
      {"id:a/b#c:d.e", {K::Field, K::Value, K::End}, {1, 4, 13}},
      {"id:(x:1 OR y:2)",
       {K::Field, K::LParen, K::Value, K::Or, K::Value, K::RParen, K::End},
       {1, 4, 5, 9, 12, 15, 16}},
      {"http://example.com/a", {K::Word, K::End}, {1, 21}},
      {"10:30 Title:x", {K::Word, K::Word, K::End}, {1, 7, 14}},
      {"Jap* *", {K::Word, K::Star, K::End}, {1, 6, 7}},
      {"日本 AND\u3000首相", {K::Word, K::And, K::Word, K::End}, {1, 4, 8, 10}},
      {"(NOT\"a\")", {K::LParen, K::Not, K::Phrase, K::RParen, K::End}, {1, 2, 5, 8, 9}},
      {"--x -NOT", {K::Minus, K::Word, K::Minus, K::Word, K::End}, {1, 2, 5, 6, 9}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("text: " << c.text) {
      auto tokens = newsdig::query::lex(c.text);
      std::vector<TokenKind> kinds;
      std::vector<std::size_t> columns;
      for (const auto& token : tokens) {
        kinds.push_back(token.kind);
        columns.push_back(token.column);
      }
      BOOST_TEST((kinds == c.kinds));
      BOOST_TEST(columns == c.columns, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(lexer_keeps_word_text_and_marks_trailing_wildcards) {
  auto tokens = newsdig::query::lex("Jap** -post-World title:x \"a  b\"");
  BOOST_TEST(tokens.at(0).text == "Jap");
  BOOST_TEST(tokens.at(0).wildcard);
  BOOST_TEST(tokens.at(2).text == "post-World");
  BOOST_TEST(!tokens.at(2).wildcard);
  BOOST_TEST(tokens.at(3).text == "title");
  BOOST_TEST(tokens.at(5).text == "a  b");
}

BOOST_AUTO_TEST_CASE(words_and_quoted_words_search_stems) {
  check_structures(
      {
          {"putin", stem("putin")},
          {"Elections", stem("elect")},
          {"PUTIN'S", stem("putin")},
          {"\uFF30\uFF55\uFF54\uFF49\uFF4E", stem("putin")},  // full-width letters
          {"\"Elections\"", stem("elect")},                   // quoted words search stems too
          {"2014", raw("2014")},
          {"and", stem("and")},
          {"putin ,", stem("putin")},
          {"putin - medvedev", all({stem("putin"), stem("medvedev")})},
      },
      {});
}

BOOST_AUTO_TEST_CASE(words_the_analyzer_splits_become_phrases_of_exact_terms) {
  check_structures(
      {
          {"post-World", phrase({raw("post"), raw("world")})},
          {"10-minute", phrase({raw("10"), raw("minut")})},
          {"\"prime minister\"", phrase({raw("prime"), raw("minist")})},
          {"\"the post-World order\"", phrase({raw("the"), raw("post"), raw("world"), raw("order")})},
          {"日本の首相", phrase({raw("日本"), raw("の"), raw("首相")})},
          {"title:post-World", phrase({title_raw("post"), title_raw("world")})},
      },
      {});
}

BOOST_AUTO_TEST_CASE(and_mode_requires_every_word_and_excludes_negated_ones) {
  check_structures(
      {
          {"Putin Medvedev", all({stem("putin"), stem("medvedev")})},
          {"Putin AND Medvedev", all({stem("putin"), stem("medvedev")})},
          {"+putin +medvedev", all({stem("putin"), stem("medvedev")})},
          {"putin NOT medvedev", but_not(stem("putin"), stem("medvedev"))},
          {"putin AND NOT medvedev", but_not(stem("putin"), stem("medvedev"))},
          {"putin -medvedev -kremlin", but_not(stem("putin"), any({stem("medvedev"), stem("kremlin")}))},
          {"putin NOT -medvedev", but_not(stem("putin"), stem("medvedev"))},
          {"NOT putin", but_not(Query::MatchAll, stem("putin"))},
          {"-putin", but_not(Query::MatchAll, stem("putin"))},
          {"-putin -abe", but_not(Query::MatchAll, any({stem("putin"), stem("abe")}))},
          {"putin NOT medvedev kremlin", but_not(all({stem("putin"), stem("kremlin")}), stem("medvedev"))},
      },
      {});
}

BOOST_AUTO_TEST_CASE(or_binds_loosest_and_parentheses_group) {
  check_structures(
      {
          {"putin OR medvedev", any({stem("putin"), stem("medvedev")})},
          {"putin OR medvedev kremlin", any({stem("putin"), all({stem("medvedev"), stem("kremlin")})})},
          {"putin kremlin OR medvedev", any({all({stem("putin"), stem("kremlin")}), stem("medvedev")})},
          {"(putin OR medvedev) kremlin", all({any({stem("putin"), stem("medvedev")}), stem("kremlin")})},
          {"-(putin OR medvedev) kremlin", but_not(stem("kremlin"), any({stem("putin"), stem("medvedev")}))},
          {"((putin))", stem("putin")},
          {"putin OR NOT medvedev", any({stem("putin"), but_not(Query::MatchAll, stem("medvedev"))})},
      },
      {});
}

BOOST_AUTO_TEST_CASE(or_mode_ranks_optional_words_and_requires_plus_words) {
  check_structures(
      {
          {"putin medvedev", any({stem("putin"), stem("medvedev")})},
          {"+putin medvedev kremlin",
           Query(Query::OP_AND_MAYBE, stem("putin"), any({stem("medvedev"), stem("kremlin")}))},
          {"+putin +abe medvedev",
           Query(Query::OP_AND_MAYBE, all({stem("putin"), stem("abe")}), stem("medvedev"))},
          {"putin medvedev -kremlin", but_not(any({stem("putin"), stem("medvedev")}), stem("kremlin"))},
          {"putin AND medvedev kremlin",
           Query(Query::OP_AND_MAYBE, all({stem("putin"), stem("medvedev")}), stem("kremlin"))},
          {"putin NOT medvedev", but_not(stem("putin"), stem("medvedev"))},
          {"-putin", but_not(Query::MatchAll, stem("putin"))},
          {"putin lang:en", all({stem("putin"), lang("en")})},
      },
      or_mode());
}

BOOST_AUTO_TEST_CASE(fields_prefix_their_terms_and_boolean_fields_only_filter) {
  check_structures(
      {
          {"title:Putin", title_stem("putin")},
          {"title:\"Prime Minister\"", phrase({title_raw("prime"), title_raw("minist")})},
          {"title:(putin medvedev)", all({title_stem("putin"), title_stem("medvedev")})},
          {"title:(putin OR \"prime minister\")",
           any({title_stem("putin"), phrase({title_raw("prime"), title_raw("minist")})})},
          {"title:(putin lang:en)", all({title_stem("putin"), lang("en")})},
          {"source:Kyodo", source_stem("kyodo")},
          {"lang:EN", lang("en")},
          {"putin lang:en", all({stem("putin"), lang("en")})},
          {"lang:en putin", all({stem("putin"), lang("en")})},
          {"lang:en lang:de", any({lang("en"), lang("de")})},
          {"lang:(en de)", any({lang("en"), lang("de")})},
          {"lang:en AND lang:de", all({lang("en"), lang("de")})},
          {"putin -lang:de", but_not(stem("putin"), lang("de"))},
          {"id:reuters/2014/09#a:b.1", id("reuters/2014/09#a:b.1")},
          {"(id:x:1)", id("x:1")},
          {"id:\"an id with spaces\"", id("an id with spaces")},
          {"id:(a/1 OR b/2)", any({id("a/1"), id("b/2")})},
          {"id:AND", id("AND")},
      },
      {});
}

BOOST_AUTO_TEST_CASE(over_long_ids_are_searched_by_their_hashed_term) {
  std::string long_id(400, 'x');
  BOOST_TEST(parse("id:" + long_id).query.get_description() == id(long_id).get_description());
}

BOOST_AUTO_TEST_CASE(urls_times_and_capitalised_names_before_colons_are_words_not_fields) {
  for (std::string_view text :
       {"http://example.com/a", "https://example.com", "10:30", "Title:x", "title: x"}) {
    BOOST_TEST_CONTEXT("query: " << text) {
      BOOST_CHECK_NO_THROW(parse(text));
    }
  }
  BOOST_TEST(parse("title: putin").query.get_description() ==
             all({stem(analyzer().stem("title", "en")), stem("putin")}).get_description());
}

BOOST_AUTO_TEST_CASE(trailing_star_searches_unstemmed_terms_by_prefix) {
  check_structures(
      {
          {"Jap*", wildcard("jap")},
          {"title:Elec*", wildcard(schema::make_term(prefix::kTitle, "elec"))},
          {"post-wor*", all({raw("post"), wildcard("wor")})},
          {"putin elec*", all({stem("putin"), wildcard("elec")})},
      },
      {});
  ParseOptions limited;
  limited.wildcard_limit = 7;
  BOOST_TEST(parse("jap*", limited).query.get_description() ==
             Query(Query::OP_WILDCARD, "jap", 7, Query::WILDCARD_LIMIT_MOST_FREQUENT).get_description());
}

BOOST_AUTO_TEST_CASE(star_alone_matches_every_document) {
  auto parsed = parse("*");
  BOOST_TEST(parsed.match_all);
  BOOST_TEST(parsed.query.get_description() == Query(Query::MatchAll).get_description());
  BOOST_TEST(parse("(*)").match_all);
  BOOST_TEST(!parse("* -putin").match_all);
  BOOST_TEST(!parse("putin").match_all);
  BOOST_TEST(parse("* -putin").query.get_description() ==
             but_not(Query::MatchAll, stem("putin")).get_description());
  BOOST_TEST(parse("* putin").query.get_description() == stem("putin").get_description());
}

BOOST_AUTO_TEST_CASE(highlight_words_are_the_normalized_words_of_non_negated_parts) {
  struct Case {
    std::string_view query;
    std::vector<std::string> words;
  };
  const std::vector<Case> cases = {
      {"Putin -Medvedev \"Prime Ministers\" title:Abe putin", {"putin", "prime", "ministers", "abe"}},
      {"NOT putin kremlin", {"kremlin"}},
      {"-(putin medvedev) kremlin", {"kremlin"}},
      {"lang:en id:x Elections", {"elections"}},
      {"post-World OR Jap*", {"post", "world"}},
      {"*", {}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("query: " << c.query) {
      BOOST_TEST(parse(c.query).highlight_words == c.words, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(queries_match_the_documents_the_builder_indexed) {
  check_matches(
      {
          {"putin", {"kyodo-1", "reuters-5"}},
          {"Putin's", {"kyodo-1", "reuters-5"}},
          {"PUTIN medvedev", {"reuters-5"}},
          {"elections", {"reuters/2014/09#a:b.1"}},
          {"elect", {"reuters/2014/09#a:b.1"}},
          {"\"elected\"", {"reuters/2014/09#a:b.1"}},
          {"\"election\"", {"reuters/2014/09#a:b.1"}},  // quoted words match other forms of them too
          {"post-World", {"kyodo-1"}},
          {"\"World post\"", {}},
          {"World post", {"kyodo-1"}},
          {"10-minute", {"kyodo-1"}},
          {"\"10-minute meeting\"", {"kyodo-1"}},
          {"日本の首相", {"jp-001"}},
          {"title:putin", {"kyodo-1", "reuters-5"}},
          {"title:(putin medvedev)", {"reuters-5"}},
          {"title:kremlin", {}},
          {"dateline:tokyo", {"kyodo-1"}},
          {"source:kyodo", {"kyodo-1", "jp-001"}},
          {"lang:ja", {"jp-001"}},
          {"lang:EN", {"kyodo-1", "reuters/2014/09#a:b.1", "reuters-5", "wire-1987"}},
          {"lang:ja lang:de", {"jp-001", "dpa-7"}},
          {"id:reuters/2014/09#a:b.1", {"reuters/2014/09#a:b.1"}},
          {"id:\"jp-001\" OR id:dpa-7", {"jp-001", "dpa-7"}},
          {"putin -medvedev", {"kyodo-1"}},
          {"putin NOT medvedev", {"kyodo-1"}},
          {"NOT putin", {"reuters/2014/09#a:b.1", "jp-001", "dpa-7", "wire-1987"}},
          {"putin OR elections", {"kyodo-1", "reuters/2014/09#a:b.1", "reuters-5"}},
          {"(putin OR voters) world", {"kyodo-1", "reuters/2014/09#a:b.1", "reuters-5"}},
          {"world -(putin OR abe)", {"reuters/2014/09#a:b.1"}},
          {"puti*", {"kyodo-1", "reuters-5"}},
          {"title:elec*", {"reuters/2014/09#a:b.1"}},
          {"*", {"kyodo-1", "reuters/2014/09#a:b.1", "jp-001", "dpa-7", "reuters-5", "wire-1987"}},
          {"* -lang:en", {"jp-001", "dpa-7"}},
      },
      {});
}

BOOST_AUTO_TEST_CASE(or_mode_matches_any_word_but_keeps_filters_and_required_words) {
  // Words are stemmed in the query's language: German articles are found with German stems.
  ParseOptions german = or_mode();
  german.language = "de";
  check_matches({{"putin wahlen lang:de", {"dpa-7"}}, {"putin wählten lang:de", {"dpa-7"}}}, german);
  check_matches(
      {
          {"putin elections", {"kyodo-1", "reuters/2014/09#a:b.1", "reuters-5"}},
          {"putin elections lang:en", {"kyodo-1", "reuters/2014/09#a:b.1", "reuters-5"}},
          {"+medvedev putin", {"reuters-5"}},
          {"world -putin", {"reuters/2014/09#a:b.1"}},
      },
      or_mode());
  // Optional words rank: the document with both words comes first.
  auto ranked = archive().ranked(parse("+world putin kremlin", or_mode()).query);
  BOOST_TEST_REQUIRE(ranked.size() == 3U);
  BOOST_TEST(ranked.front() == "reuters-5");
}

BOOST_AUTO_TEST_CASE(boolean_filters_add_no_weight) {
  auto with_filter = archive().ranked(parse("lang:en").query);
  BOOST_TEST_REQUIRE(with_filter.size() == 4U);
  Xapian::Enquire enquire(archive().db);
  enquire.set_query(parse("putin lang:en").query);
  Xapian::MSet filtered = enquire.get_mset(0, 10);
  enquire.set_query(parse("putin").query);
  Xapian::MSet plain = enquire.get_mset(0, 10);
  BOOST_TEST_REQUIRE(filtered.size() == plain.size());
  for (Xapian::doccount i = 0; i < filtered.size(); ++i) {
    BOOST_TEST(filtered[i].get_weight() == plain[i].get_weight(), boost::test_tools::tolerance(1e-9));
  }
}

BOOST_AUTO_TEST_CASE(syntax_errors_name_the_column_and_the_problem) {
  const std::string known = newsdig::query::known_field_names();
  check_errors({
      {"\"putin", 1, "unclosed quote"},
      {"putin \"abe", 7, "unclosed quote"},
      {"日本 \"首相", 4, "unclosed quote"},
      {"(putin", 1, "unclosed parenthesis"},
      {"((putin) abe", 1, "unclosed parenthesis"},
      {"putin)", 6, "unexpected ')'"},
      {"(putin))", 8, "unexpected ')'"},
      {")", 1, "unexpected ')'"},
      {"()", 1, "empty parentheses"},
      {"Putin AND", 7, "AND needs a term after it"},
      {"AND putin", 1, "AND needs a term before it"},
      {"OR x", 1, "OR needs a term before it"},
      {"putin OR", 7, "OR needs a term after it"},
      {"a AND OR b", 3, "AND needs a term after it"},
      {"a OR OR b", 3, "OR needs a term after it"},
      {"putin NOT", 7, "NOT needs a term after it"},
      {"putin AND NOT", 11, "NOT needs a term after it"},
      {"NOT", 1, "NOT needs a term after it"},
      {"(OR a)", 2, "OR needs a term before it"},
      {"(a AND)", 4, "AND needs a term after it"},
      {"putin foo:bar", 7, "unknown field 'foo' (known fields: " + known + ")"},
      {"Title:x foo:(a b)", 9, "unknown field 'foo' (known fields: " + known + ")"},
      {"putin title:*", 13, "'*' (every document) cannot be limited to a field"},
      {"title:(putin *)", 14, "'*' (every document) cannot be limited to a field"},
      {"", 1, "nothing to search for"},
      {"   \t\n", 1, "nothing to search for"},
      {", . ;", 1, "nothing to search for"},
      {"\"\"", 1, "nothing to search for"},
      {"(,) -", 1, "nothing to search for"},
  });
}

BOOST_AUTO_TEST_CASE(nesting_deeper_than_one_hundred_parentheses_is_refused) {
  std::string ok = std::string(100, '(') + "putin" + std::string(100, ')');
  BOOST_TEST(parse(ok).query.get_description() == stem("putin").get_description());
  check_errors({
      {std::string(101, '(') + "putin" + std::string(101, ')'), 101,
       "too deeply nested (more than 100 parentheses)"},
      {std::string(100000, '('), 101, "too deeply nested (more than 100 parentheses)"},
      {"title:" + std::string(100000, '('), 107, "too deeply nested (more than 100 parentheses)"},
      {std::string(100000, ')'), 1, "unexpected ')'"},
  });
}

BOOST_AUTO_TEST_CASE(control_characters_and_unicode_spaces_separate_words) {
  std::string text = "putin\x01medvedev\tkremlin\nabe\u3000tokyo";
  text.push_back('\0');
  text += "moscow";
  BOOST_TEST(parse(text).query.get_description() == all({stem("putin"), stem("medvedev"), stem("kremlin"),
                                                         stem("abe"), stem("tokyo"), stem("moscow")})
                                                        .get_description());
}

BOOST_AUTO_TEST_CASE(ill_formed_utf8_is_repaired_and_counted_as_one_column_per_sequence) {
  BOOST_CHECK_NO_THROW(parse("pu\xfftin \xc3 medvedev \xed\xa0\x80"));
  check_errors({{"\xff\xfe (", 4, "unclosed parenthesis"}, {"\xe6\x97 \"x", 3, "unclosed quote"}});
}

BOOST_AUTO_TEST_CASE(very_long_queries_parse_without_trouble) {
  std::string many;
  for (int i = 0; i < 20000; ++i) many += (i % 2 == 0) ? "putin " : "medvedev OR ";
  many += "kremlin";
  BOOST_CHECK_NO_THROW(parse(many));
  std::string one_word(1 << 20, 'a');  // longer than any term: the analyzer drops it
  check_errors({{one_word, 1, "nothing to search for"}});
  // append() rather than operator+: GCC 12 warns falsely (-Wrestrict) on a literal plus a long string.
  std::string quoted = "\"";
  quoted.append(1 << 20, ' ').append("\"");
  check_errors({{quoted, 1, "nothing to search for"}});
  std::string unclosed = "putin ";
  unclosed.append((1 << 20) + 1, '"');
  BOOST_CHECK_THROW(parse(unclosed), SyntaxError);
}

BOOST_AUTO_TEST_CASE(random_and_mutated_queries_parse_or_raise_syntax_errors_only) {
  const std::vector<std::string> alphabet = {
      "(",    ")",          "+",     "-",      "*",     ":",   " ",       " ",      "\"",
      "AND",  "OR",         "NOT",   "title:", "lang:", "id:", "source:", "a",      "b",
      "日本", "post-World", "10:30", "x*",     "\t",    "'s",  "foo:",    "http://"};
  const std::vector<std::string> seeds = {
      "putin -medvedev \"prime minister\" title:(abe OR \"post-World\") lang:en",
      "(a OR b) AND NOT c* id:x/y#1 +日本の首相", "title:\"x\" source:(kyodo reuters) -(lang:de OR lang:ja)"};
  std::mt19937 random(20140922);
  auto below = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
  std::size_t parsed = 0;
  std::size_t refused = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    if (i % 2 == 0) {
      std::size_t pieces = below(30);
      for (std::size_t k = 0; k < pieces; ++k) {
        if (below(8) == 0) {
          text.push_back(static_cast<char>(below(256)));
        } else {
          text += alphabet[below(alphabet.size())];
        }
      }
    } else {
      text = seeds[below(seeds.size())];
      std::size_t edits = 1 + below(6);
      for (std::size_t k = 0; k < edits && !text.empty(); ++k) {
        std::size_t at = below(text.size());
        switch (below(3)) {
          case 0: text.erase(at, 1); break;
          case 1: text.insert(at, alphabet[below(alphabet.size())]); break;
          default: text[at] = static_cast<char>(below(256)); break;
        }
      }
    }
    BOOST_TEST_CONTEXT("query #" << i) {
      try {
        (parses_or_reports(text, i % 3 == 0 ? or_mode() : ParseOptions{}) ? parsed : refused) += 1;
      } catch (const std::exception& error) {
        BOOST_ERROR("unexpected exception: " << error.what());
      }
    }
  }
  BOOST_TEST_MESSAGE(parsed << " parsed, " << refused << " refused with a SyntaxError");
  BOOST_TEST(parsed > 100U);
  BOOST_TEST(refused > 100U);
}

// NEAR and ADJ search the unstemmed positional terms: Xapian's window counts positions, so "at most n words
// apart" for k words is a window of n + k.
Query near(Query::op kind, std::initializer_list<Query> terms, Xapian::termcount window) {
  return Query(kind, terms.begin(), terms.end(), window);
}

ParseOptions with_database() {
  ParseOptions options;
  options.database = &archive().db;
  options.today = newsdig::query::Day{std::chrono::year{2014}, std::chrono::month{11}, std::chrono::day{15}};
  return options;
}

Query date_filter(std::initializer_list<std::string_view> terms) {
  std::vector<Query> queries;
  for (auto term : terms) queries.emplace_back(std::string(term));
  Query any = queries.size() == 1 ? queries.front() : Query(Query::OP_OR, queries.begin(), queries.end());
  return Query(Query::OP_SCALE_WEIGHT, any, 0.0);
}

BOOST_AUTO_TEST_CASE(near_and_adj_build_windows_of_n_plus_the_number_of_words) {
  check_structures(
      {
          {"putin NEAR/3 abe", near(Query::OP_NEAR, {raw("putin"), raw("abe")}, 5)},
          {"putin NEAR abe", near(Query::OP_NEAR, {raw("putin"), raw("abe")}, 12)},
          {"Putin ADJ/0 Abe", near(Query::OP_PHRASE, {raw("putin"), raw("abe")}, 2)},
          {"a NEAR/2 b NEAR/5 c", near(Query::OP_NEAR, {raw("a"), raw("b"), raw("c")}, 8)},
          {"title:(putin NEAR/3 abe)", near(Query::OP_NEAR, {title_raw("putin"), title_raw("abe")}, 5)},
          {"title:putin NEAR/3 abe", near(Query::OP_NEAR, {title_raw("putin"), raw("abe")}, 5)},
          {"(putin OR medvedev) NEAR/2 kremlin",
           near(Query::OP_NEAR, {any({raw("putin"), raw("medvedev")}), raw("kremlin")}, 4)},
          {"\"prime minister\" NEAR/2 putin",
           all({near(Query::OP_NEAR, {raw("prime"), raw("minist"), raw("putin")}, 5),
                phrase({raw("prime"), raw("minist")})})},
          {"kremlin -putin NEAR/3 abe",
           but_not(stem("kremlin"), near(Query::OP_NEAR, {raw("putin"), raw("abe")}, 5))},
          {"kremlin putin NEAR/1 abe",
           all({stem("kremlin"), near(Query::OP_NEAR, {raw("putin"), raw("abe")}, 3)})},
      },
      {});
}

BOOST_AUTO_TEST_CASE(near_and_adj_match_words_within_the_distance) {
  check_matches(
      {
          {"abe NEAR/1 putin", {"kyodo-1"}},
          {"putin NEAR/1 abe", {"kyodo-1"}},
          {"abe NEAR/0 putin", {}},
          {"abe ADJ/1 putin", {"kyodo-1"}},
          {"putin ADJ/1 abe", {}},
          {"putin ADJ/1 medvedev", {"reuters-5"}},
          {"medvedev ADJ/1 putin", {"reuters-5"}},
          {"medvedev ADJ/0 putin", {}},
          {"title:(abe NEAR/1 putin)", {"kyodo-1"}},
          {"\"shinzo abe\" NEAR/6 putin", {"kyodo-1"}},
          {"\"shinzo abe\" NEAR/5 putin", {}},
          {"(medvedev OR abe) ADJ/1 putin", {"kyodo-1", "reuters-5"}},
      },
      {});
}

BOOST_AUTO_TEST_CASE(wildcards_in_near_expand_through_the_database) {
  auto parsed = parse("medved* ADJ/1 putin", with_database());
  BOOST_TEST(archive().matching(parsed.query) == (std::set<std::string>{"reuters-5"}),
             boost::test_tools::per_element());
  BOOST_TEST(parsed.query.get_description() ==
             near(Query::OP_PHRASE, {raw("medvedev"), raw("putin")}, 3).get_description());
  BOOST_TEST(archive().matching(parse("zzz* NEAR putin", with_database()).query).empty());
  check_errors({{"medved* ADJ/1 putin", 9, "ADJ can take a wildcard only when searching a database"}});
}

BOOST_AUTO_TEST_CASE(near_errors_point_at_the_operator) {
  const std::string not_words =
      " joins words, phrases, wildcards and (a OR b) groups of words; this side is something else (a filter, "
      "'*', an AND group, or an OR of phrases)";
  check_errors({
      {"putin NEAR", 7, "NEAR needs a term after it"},
      {"putin NEAR -abe", 7, "NEAR needs a term after it"},
      {"NEAR/2 putin", 1, "NEAR needs a term before it"},
      {"NEAR/3", 1, "NEAR needs a term before it"},
      {"(ADJ putin)", 2, "ADJ needs a term before it"},
      {"a NEAR/x b", 3, "NEAR/x: the distance must be a number of words from 0 to 1000"},
      {"a ADJ/1001 b", 3, "ADJ/1001: the distance must be a number of words from 0 to 1000"},
      {"a NEAR/3 b ADJ/2 c", 12, "NEAR and ADJ cannot be mixed in one chain"},
      {"lang:en NEAR/3 putin", 9, "NEAR" + not_words},
      {"putin NEAR/3 (a b)", 7, "NEAR" + not_words},
      {"putin NEAR/3 *", 7, "NEAR" + not_words},
  });
}

BOOST_AUTO_TEST_CASE(entity_tag_and_body_fields_make_the_builders_terms) {
  check_structures(
      {
          {"body:Putin", stem("putin")},
          {"body:\"prime minister\"", phrase({raw("prime"), raw("minist")})},
          {"person:\"Shinzo Abe\"", filter(schema::make_term(prefix::kPerson, "shinzo abe"))},
          {"person:\"SHINZO-ABE\"", filter(schema::make_term(prefix::kPerson, "shinzo abe"))},
          {"org:Kremlin", filter(schema::make_term(prefix::kOrg, "kremlin"))},
          {"entity:(tokyo kremlin)", all({entity_filter("tokyo"), entity_filter("kremlin")})},
          {"topic:Grain", filter(schema::make_term(prefix::kTopic, "grain"))},
          {"person:shinzo*", Query(Query::OP_SCALE_WEIGHT,
                                   Query(Query::OP_WILDCARD, schema::make_term(prefix::kPerson, "shinzo"),
                                         1000, Query::WILDCARD_LIMIT_MOST_FREQUENT),
                                   0.0)},
          {"mentions:2014-11", date_filter({"XMENT2014-11"})},
      },
      {});
}

BOOST_AUTO_TEST_CASE(entity_tag_and_mention_fields_find_the_annotated_articles) {
  check_matches(
      {
          {"person:\"Vladimir Putin\"", {"kyodo-1", "reuters-5"}},
          {"person:\"vladímir pútin\"", {"kyodo-1", "reuters-5"}},
          {"person:\"Vladimir Putin\" person:\"Dmitry Medvedev\"", {"reuters-5"}},
          {"person:putin", {}},
          {"person:vlad*", {"kyodo-1", "reuters-5"}},
          {"entity:kremlin", {"reuters-5"}},
          {"entity:tokyo", {"kyodo-1"}},
          {"entity:\"Vladimir Putin\"", {"kyodo-1", "reuters-5"}},
          {"entity:vlad*", {"kyodo-1", "reuters-5"}},
          {"entity:kremlin -org:kremlin", {}},
          {"place:tokyo", {"kyodo-1"}},
          {"org:tokyo", {}},
          {"topic:grain", {"wire-1987"}},
          {"exchange:cbt", {"wire-1987"}},
          {"body:grain -title:grain", {}},
          {"body:wheat", {"wire-1987"}},
          {"mentions:2014-11", {"kyodo-1"}},
          {"mentions:2014-09-21", {"kyodo-1"}},
          {"mentions:2014-09", {"kyodo-1"}},
          {"mentions:2014", {"kyodo-1", "reuters-5"}},
          {"mentions:1987-02-26", {}},
          {"mentions:1987", {"wire-1987"}},
      },
      {});
}

BOOST_AUTO_TEST_CASE(date_fields_use_calendar_terms_and_juxtaposed_dates_are_alternatives) {
  check_structures(
      {
          {"date:2014-09-21", date_filter({"D20140921"})},
          {"date:2014-09", date_filter({"M201409"})},
          {"date:2014", date_filter({"Y2014"})},
          {"date:2014-09-29..2014-11-02",
           date_filter({"D20140929", "D20140930", "M201410", "D20141101", "D20141102"})},
          {"putin date:2014", all({stem("putin"), date_filter({"Y2014"})})},
          {"date:2014 date:1987", any({date_filter({"Y2014"}), date_filter({"Y1987"})})},
          {"date:(2014 OR 1987)", any({date_filter({"Y2014"}), date_filter({"Y1987"})})},
          {"date:\"2014-09\"", date_filter({"M201409"})},
      },
      {});
}

BOOST_AUTO_TEST_CASE(date_ranges_match_the_articles_own_calendar_date) {
  check_matches(
      {
          {"date:2014-09-22", {"kyodo-1"}},
          {"date:2014-11-10", {"jp-001"}},  // published 08:00 in Tokyo, still 2014-11-09 in UTC
          {"date:2014-11-09", {}},
          {"date:2014-11-10..2014-11-10", {"jp-001"}},
          {"date:2013", {"dpa-7"}},  // 23:30 in New York on New Year's Eve, 2014 in UTC
          {"date:2014", {"kyodo-1", "reuters/2014/09#a:b.1", "jp-001"}},
          {"date:2014..", {"kyodo-1", "reuters/2014/09#a:b.1", "jp-001"}},
          {"date:..2013", {"dpa-7", "wire-1987"}},
          {"date:..2013-12-31", {"dpa-7", "wire-1987"}},
          {"date:2013-12-31..2014-09-21", {"dpa-7", "reuters/2014/09#a:b.1"}},
          {"date:1900..2100", {"kyodo-1", "reuters/2014/09#a:b.1", "jp-001", "dpa-7", "wire-1987"}},
          {"date:..1990", {"wire-1987"}},
          {"date:1988..2013-12-30", {}},
          {"putin date:2014-09", {"kyodo-1"}},
          {"date:2014 -date:2014-09", {"jp-001"}},
      },
      {});
}

BOOST_AUTO_TEST_CASE(relative_dates_resolve_against_the_injected_today) {
  ParseOptions options = with_database();
  options.database = nullptr;
  struct Case {
    std::string_view query;
    std::set<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"date:this-year", {"kyodo-1", "reuters/2014/09#a:b.1", "jp-001"}},
      {"date:this-month", {"jp-001"}},
      {"date:last-6-days", {"jp-001"}},  // 2014-11-10..2014-11-15
      {"date:last-5-days", {}},
      {"date:last-55-days", {"kyodo-1", "jp-001"}},  // 2014-09-22..
      {"date:last-56-days", {"kyodo-1", "reuters/2014/09#a:b.1", "jp-001"}},
      {"date:last-2-months", {"kyodo-1", "reuters/2014/09#a:b.1", "jp-001"}},
      {"date:last-1-month..", {"jp-001"}},
      {"date:..yesterday -date:this-year", {"dpa-7", "wire-1987"}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("query: " << c.query) {
      BOOST_TEST(archive().matching(parse(c.query, options).query) == c.expected,
                 boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(since_and_until_restrict_the_whole_query) {
  ParseOptions options = with_database();
  options.since = "2014-09-22";
  BOOST_TEST(archive().matching(parse("*", options).query) == (std::set<std::string>{"kyodo-1", "jp-001"}),
             boost::test_tools::per_element());
  BOOST_TEST(archive().matching(parse("putin OR grain", options).query) == (std::set<std::string>{"kyodo-1"}),
             boost::test_tools::per_element());
  options.until = "2014-10";
  BOOST_TEST(archive().matching(parse("*", options).query) == (std::set<std::string>{"kyodo-1"}),
             boost::test_tools::per_element());
  auto parsed = parse("*", options);
  BOOST_TEST(!parsed.match_all);
  BOOST_REQUIRE(!parsed.pieces.empty());
  BOOST_TEST(parsed.pieces.back().text == "--since 2014-09-22 --until 2014-10");
  BOOST_TEST(parsed.pieces.back().column == 0U);
  options.since = "2014-11";
  BOOST_CHECK_THROW(parse("*", options), newsdig::query::DateError);
  options.since = "2014-13";
  BOOST_CHECK_THROW(parse("*", options), newsdig::query::DateError);
  BOOST_TEST(newsdig::query::date_option_error("2014-09..").empty());
  BOOST_TEST(newsdig::query::date_option_error("last-30-days").empty());
  BOOST_TEST(newsdig::query::date_option_error("2014-13") == "bad date '2014-13': no such month");
}

BOOST_AUTO_TEST_CASE(bad_dates_are_syntax_errors_that_point_at_the_value) {
  check_errors({
      {"putin date:2014-13", 12, "date: bad date '2014-13': no such month"},
      {"date:2014-02-30", 6, "date: bad date '2014-02-30': no such day"},
      {"date:2014-11..2014-09", 6, "date: bad date '2014-11..2014-09': the range ends before it starts"},
      {"mentions:soon", 10,
       "mentions: bad date 'soon' (expected 2014-09-21, 2014-09, 2014, today, yesterday, "
       "this-week, this-month, this-year, last-N-days, last-N-weeks, last-N-months, "
       "last-N-years, or a range A..B, A.., ..B)"},
      {"mentions:..2014", 10,
       "mentions: the mentions range ..2014-12-31 needs 2014 terms; at most 1000 are "
       "searched: narrow it"},
  });
  // With the database, open mention ranges take only the years it holds.
  auto parsed = parse("mentions:..2014", with_database());
  BOOST_TEST(archive().matching(parsed.query) == (std::set<std::string>{"kyodo-1", "reuters-5", "wire-1987"}),
             boost::test_tools::per_element());
  BOOST_TEST(parsed.pieces.at(0).terms == (std::vector<std::string>{"XMENT1987", "XMENT2014"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(pieces_list_what_each_part_of_the_query_searches) {
  auto parsed =
      parse("Putin -title:abe \"prime minister\" sanction* lang:en date:2014 NOT (a NEAR/2 b) 日本の首相",
            with_database());
  struct Expected {
    newsdig::query::PieceKind kind;
    std::string text;
    std::string field;
    std::size_t column;
    bool negated;
    std::vector<std::string> terms;
  };
  using K = newsdig::query::PieceKind;
  const std::vector<Expected> expected = {
      {K::Word, "Putin", "", 1, false, {"putin"}},
      {K::Word, "abe", "title", 14, true, {"Sabe"}},
      {K::Phrase, "\"prime minister\"", "", 18, false, {"prime", "minist"}},
      {K::Wildcard, "sanction*", "", 35, false, {"sanction*"}},
      {K::Filter, "en", "lang", 50, false, {"Len"}},
      {K::Date, "2014", "date", 58, false, {"Y2014"}},
      {K::Near, "a NEAR/2 b", "", 68, true, {"a", "b"}},
      {K::Phrase, "日本の首相", "", 80, false, {"日本", "の", "首相"}},
  };
  BOOST_REQUIRE_EQUAL(parsed.pieces.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& piece = parsed.pieces[i];
    BOOST_TEST_CONTEXT("piece " << i << ": " << piece.text) {
      BOOST_TEST((piece.kind == expected[i].kind));
      BOOST_TEST(piece.text == expected[i].text);
      BOOST_TEST(piece.field == expected[i].field);
      BOOST_TEST(piece.column == expected[i].column);
      BOOST_TEST(piece.negated == expected[i].negated);
      BOOST_TEST(piece.terms == expected[i].terms, boost::test_tools::per_element());
      BOOST_TEST(parsed.text.substr(piece.offset, piece.length) == piece.text);
    }
  }
  BOOST_TEST(parsed.pieces[1].detail == "stem 'abe' (en)");
  BOOST_TEST(parsed.pieces[5].detail == "published 2014-01-01..2014-12-31 (the article's own calendar date)");
}

BOOST_AUTO_TEST_CASE(wildcards_cut_to_the_limit_give_a_notice) {
  ParseOptions options = with_database();
  options.wildcard_limit = 2;
  auto parsed = parse("putin m*", options);
  BOOST_REQUIRE_EQUAL(parsed.notices.size(), 1U);
  BOOST_TEST(parsed.notices[0].column == 7U);
  BOOST_TEST(
      parsed.notices[0].message ==
      "'m*' matches more than 2 words; only the 2 most frequent are searched (a longer prefix narrows it)");
  BOOST_TEST(parse("putin medv*", options).notices.empty());
  BOOST_TEST(parse("putin m*").notices.empty());  // without a database nothing is checked
}

BOOST_AUTO_TEST_SUITE_END()
