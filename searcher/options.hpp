#pragma once
// newsdig-search's command line: the Options struct and the CLI11 set-up that fills it.
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "searcher/results/search.hpp"

namespace newsdig::searcher {

enum class OutputFormat { Human, Json, Jsonl, Ids, Trec };
enum class ColorMode { Auto, Always, Never };

struct Options {
  std::string db;                  // database directory (the first --db)
  std::vector<std::string> dbs;    // every --db (databases, stub files or directories); empty = db
  bool allow_partial = false;      // answer from the shards that answer, saying which did not
  std::vector<std::string> query;  // the query, possibly split over several arguments
  std::string batch;               // file of queries, one a line ("-" = standard input); empty = none
  bool any = false;                // rank by any word instead of requiring all
  unsigned limit = 10;
  unsigned offset = 0;
  results::SortOrder sort = results::SortOrder::Relevance;
  std::optional<double> recent_half_life_days;  // --recent
  std::optional<bool> expand;  // pseudo-relevance feedback: --expand, --no-expand; unset = on with --any
  results::Bm25Params bm25;
  unsigned snippets = 2;  // fragments per hit
  std::vector<results::Facet> facets;
  unsigned facet_values = 10;
  bool timeline = false;
  OutputFormat format = OutputFormat::Human;
  std::string qid = "1";            // --format trec: query id (batch: the line's own, else its number)
  std::string run_tag = "newsdig";  // --format trec: run name
  ColorMode color = ColorMode::Auto;
  std::string language = "en";  // stemming language of the query words
  std::string since;            // --since: date expression (docs/query-language.md); empty = none
  std::string until;            // --until: likewise
  bool lenient = false;         // on bad syntax, search the words and say what was ignored
  bool explain = false;         // print the parsed query instead of searching
  bool collapse = true;         // one hit per story (--no-collapse shows every article)
  bool interactive = false;     // -i, or no query on a terminal: the session (searcher/interactive)
};

// Declares the options on `app`, writing into `options`. The default database comes from NEWSDIG_DB,
// else ./newsdig.db.
void configure(CLI::App& app, Options& options);

// The query as one string (arguments joined by spaces).
std::string query_text(const Options& options);

// A half-life as written after --recent ("30d", "2w", "6m", "1y", "12h"; a bare number is days), in days.
// Nothing when it is not a positive duration.
std::optional<double> parse_half_life(std::string_view text);

}  // namespace newsdig::searcher
