// The query parser's fuzz target: libFuzzer calls LLVMFuzzerTestOneInput with arbitrary bytes (the clang
// build's fuzz_query), and replay_main.cpp calls it with the seed corpus and mutations of it in every test
// run. Any input must parse or fail with SyntaxError only; a parsed query must also explain, run, and
// take spelling and zero-hit advice without an exception, a crash or a hang.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "common/article.hpp"
#include "common/store/document_builder.hpp"
#include "searcher/query/advice.hpp"
#include "searcher/query/explain.hpp"
#include "searcher/query/lenient.hpp"
#include "searcher/query/query_parser.hpp"

namespace {

// Long inputs only repeat what short ones reach, and slow every run down.
constexpr std::size_t kMaxInput = 4096;

struct World {
  World() : db(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    add("a", "Abe meets Putin in Tokyo",
        "Prime Minister Shinzo Abe met President Vladimir Putin. post-World order.",
        "2014-09-22T10:00:00+09:00");
    add("b", "日本の首相がモスクワを訪問", "日本の首相は月曜日にモスクワを訪問した。",
        "2013-12-31T23:30:00-05:00");
    add("c", "Grain shipments", "Wheat and grain shipments rose.", "1987-02-26");
    db.commit();
    options.database = &db;
    options.today =
        newsdig::query::Day{std::chrono::year{2014}, std::chrono::month{11}, std::chrono::day{15}};
    options.wildcard_limit = 3;
    options.mention_term_limit = 200;
  }

  void add(const char* id, const char* title, const char* body, const char* date) {
    newsdig::Article article;
    article.id = id;
    article.title = title;
    article.body = body;
    article.date = date;
    article.entities = {{newsdig::EntityType::Person, "Shinzo Abe", "shinzo abe", 1}};
    article.mentions = {{"2014-11", "November", "body", 0, 0}};
    article.tags = {{"topic", "grain"}};
    db.add_document(newsdig::store::build_document(article, analyzer, {}));
  }

  newsdig::analysis::Analyzer analyzer;
  Xapian::WritableDatabase db;
  newsdig::query::ParseOptions options;
};

World& world() {
  static World instance;
  return instance;
}

void exercise(const newsdig::query::ParsedQuery& parsed, World& w,
              const newsdig::query::ParseOptions& options) {
  (void)newsdig::query::explain_text(parsed, &w.db);
  (void)newsdig::query::explain_json(parsed, &w.db);
  Xapian::Enquire enquire(w.db);
  enquire.set_query(parsed.query);
  (void)enquire.get_mset(0, 10);
  (void)newsdig::query::advise(w.db, parsed, w.analyzer, options, 0, true);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) return 0;
  World& w = world();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto op : {newsdig::query::DefaultOp::And, newsdig::query::DefaultOp::Or}) {
    newsdig::query::ParseOptions options = w.options;
    options.default_op = op;
    try {
      exercise(newsdig::query::parse_query(text, w.analyzer, options), w, options);
    } catch (const newsdig::query::SyntaxError&) {
      // the expected way to refuse
    }
  }
  try {
    auto lenient = newsdig::query::parse_lenient(text, w.analyzer, w.options);
    exercise(lenient.parsed, w, w.options);
  } catch (const newsdig::query::SyntaxError&) {
    // nothing searchable left
  }
  return 0;
}
