#include "searcher/options.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <map>

#include "common/util/text.hpp"
#include "searcher/query/fields.hpp"
#include "searcher/query/query_parser.hpp"

namespace newsdig::searcher {
namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    auto item = util::trim(std::string_view(text).substr(start, end - start));
    if (!item.empty()) items.emplace_back(item);
    start = end + 1;
  }
  return items;
}

std::string facet_names() {
  std::string names;
  for (auto facet :
       {results::Facet::Person, results::Facet::Org, results::Facet::Place, results::Facet::Misc,
        results::Facet::Topic, results::Facet::Exchange, results::Facet::Lang, results::Facet::Source,
        results::Facet::Year, results::Facet::Month, results::Facet::Day}) {
    if (!names.empty()) names += ",";
    names += results::facet_name(facet);
  }
  return names;
}

}  // namespace

std::optional<double> parse_half_life(std::string_view text) {
  text = util::trim(text);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || !(value > 0)) return std::nullopt;
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  static const std::map<std::string_view, double> kDays = {{"", 1},  {"d", 1},       {"h", 1.0 / 24},
                                                           {"w", 7}, {"m", 30.4375}, {"y", 365.25}};
  auto found = kDays.find(unit);
  if (found == kDays.end()) return std::nullopt;
  return value * found->second;
}

void configure(CLI::App& app, Options& options) {
  const char* env_db = std::getenv("NEWSDIG_DB");
  options.db = (env_db != nullptr && *env_db != '\0') ? env_db : "./newsdig.db";

  app.description(
      "Search a newsdig database. Words are ANDed; use OR, NOT, +word, -word, (groups), \"exact phrases\",\n"
      "a NEAR/5 b, a ADJ/2 b, date:2014-09..2014-11, word*, * alone for every article, and field:word\n"
      "with the fields " +
      query::known_field_names() +
      ".\n"
      "See docs/query-language.md and docs/cli.md.");
  auto* query = app.add_option("query", options.query, "The query (several arguments are joined by spaces)")
                    ->type_name("QUERY");
  app.add_option("--batch", options.batch,
                 "Run the queries of FILE ('-' = standard input), one a line, in one process; a line\n"
                 "'QID<TAB>query' names its query id (blank lines are passed over)")
      ->type_name("FILE")
      ->excludes(query);
  app.add_option_function<std::vector<std::string>>(
         "--db",
         [&options](const std::vector<std::string>& dbs) {
           options.dbs = dbs;
           options.db = dbs.front();
         },
         "Database directory, or a stub database (a file, or a directory holding XAPIANDB) listing\n"
         "shards, local ('auto PATH') or served by xapian-tcpsrv ('remote HOST:PORT'); repeat to search\n"
         "several as one (default $NEWSDIG_DB or ./newsdig.db)")
      ->type_name("DB")
      ->allow_extra_args(false);
  app.add_flag("--allow-partial", options.allow_partial,
               "When a shard or its server is down, answer from the others and say the results are partial\n"
               "(default: fail, naming the shard)");
  app.add_flag("--any", options.any, "Rank articles matching any of the words, not only all of them");
  app.add_option("-n,--limit", options.limit, "Hits to show (default 10)")
      ->check(CLI::Range(0U, 100000U))
      ->option_text("N");
  app.add_option("--offset", options.offset, "Hits to pass over first, for paging (default 0)")
      ->option_text("N");

  auto* ranking = "Ranking";
  static const std::map<std::string, results::SortOrder> kSorts = {
      {"relevance", results::SortOrder::Relevance},
      {"newest", results::SortOrder::Newest},
      {"oldest", results::SortOrder::Oldest}};
  auto* sort =
      app.add_option("--sort", options.sort, "Order: relevance (BM25, default), newest or oldest first")
          ->transform(CLI::CheckedTransformer(kSorts, CLI::ignore_case))
          ->option_text("ORDER")
          ->group(ranking);
  app.add_option_function<std::string>(
         "--recent",
         [&options](const std::string& text) {
           options.recent_half_life_days = parse_half_life(text);
           if (!options.recent_half_life_days) {
             throw CLI::ValidationError("--recent",
                                        "'" + text + "' is not a half-life such as 30d, 2w, 6m or 1y");
           }
         },
         "Blend relevance with recency: an article HALF-LIFE older than the newest one gets half the\n"
         "recency boost (30d, 2w, 6m, 1y; a bare number is days)")
      ->type_name("HALF-LIFE")
      ->excludes(sort)
      ->group(ranking);
  app.add_flag_callback(
         "--expand", [&options] { options.expand = true; },
         "Pseudo-relevance feedback: re-rank the hits with the words that best describe the top 10\n"
         "(on by default with --any)")
      ->group(ranking);
  app.add_flag_callback(
         "--no-expand", [&options] { options.expand = false; },
         "No pseudo-relevance feedback, also with --any")
      ->group(ranking);
  app.add_option_function<std::string>(
         "--bm25",
         [&options](const std::string& text) {
           auto parts = split_list(text);
           double k1 = -1, b = -1;
           if (parts.size() == 2) {
             std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), k1);
             std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), b);
           }
           if (k1 < 0 || b < 0 || b > 1) {
             throw CLI::ValidationError("--bm25", "'" + text + "' is not K1,B with K1 >= 0 and 0 <= B <= 1");
           }
           options.bm25 = {k1, b};
         },
         "BM25 parameters (default 1.8,0.6; for evaluations)")
      ->type_name("K1,B")
      ->group(ranking);

  auto* shown = "Results";
  app.add_option("--snippets", options.snippets, "Text fragments per hit (default 2; 0 = none)")
      ->check(CLI::Range(0U, 20U))
      ->option_text("K")
      ->group(shown);
  app.add_option_function<std::string>(
         "--facets",
         [&options](const std::string& text) {
           options.facets.clear();
           for (const auto& name : split_list(text)) {
             auto facet = results::facet_from_name(util::ascii_lower(name));
             if (!facet) {
               throw CLI::ValidationError("--facets",
                                          "unknown facet '" + name + "' (known: " + facet_names() + ")");
             }
             options.facets.push_back(*facet);
           }
         },
         "Count the whole match set by these, comma-separated:\n" + facet_names())
      ->type_name("LIST")
      ->group(shown);
  app.add_option("--facet-values", options.facet_values, "Values shown per facet (default 10; 0 = all)")
      ->type_name("N")
      ->group(shown);
  app.add_flag("--timeline", options.timeline, "Chart hits per month (per day over short spans)")
      ->group(shown);
  app.add_flag("!--no-collapse", options.collapse,
               "Show every article; by default each story (news event) shows its best hit with\n"
               "'+N related reports' (docs/stories.md)")
      ->group(shown);

  static const std::map<std::string, OutputFormat> kFormats = {{"human", OutputFormat::Human},
                                                               {"json", OutputFormat::Json},
                                                               {"jsonl", OutputFormat::Jsonl},
                                                               {"ids", OutputFormat::Ids},
                                                               {"trec", OutputFormat::Trec}};
  app.add_option("--format", options.format,
                 "Output: human, json (one object), jsonl (one line per hit; docs/json-format.md),\n"
                 "ids (one id a line) or trec (TREC run lines)")
      ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case))
      ->option_text("FORMAT")
      ->group(shown);
  app.add_option("--qid", options.qid, "Query id in trec output (default 1; --batch: the line's)")
      ->type_name("ID")
      ->group(shown);
  app.add_option("--run-tag", options.run_tag, "Run name in trec output (default newsdig)")
      ->type_name("TAG")
      ->group(shown);
  static const std::map<std::string, ColorMode> kColors = {
      {"auto", ColorMode::Auto}, {"always", ColorMode::Always}, {"never", ColorMode::Never}};
  app.add_option("--color", options.color,
                 "Colour highlights: auto (on a terminal, unless NO_COLOR is set), always or never")
      ->transform(CLI::CheckedTransformer(kColors, CLI::ignore_case))
      ->option_text("WHEN")
      ->group(shown);
  app.add_option("--lang", options.language, "Language for stemming the query words (default en)")
      ->type_name("CODE");
  auto* query_group = "Query";
  const CLI::Validator date_check([](std::string& value) { return query::date_option_error(value); }, "");
  app.add_option("--since", options.since,
                 "Only articles published from DATE on (2014-09-21, 2014-09, 2014, last-30-days, this-year)")
      ->type_name("DATE")
      ->check(date_check)
      ->group(query_group);
  app.add_option("--until", options.until, "Only articles published up to the end of DATE")
      ->type_name("DATE")
      ->check(date_check)
      ->group(query_group);
  app.add_flag("--lenient", options.lenient,
               "On a query syntax error, search the words anyway and say what was ignored")
      ->group(query_group);
  app.add_flag("--explain", options.explain,
               "Print how the query was parsed (words, stems, fields, dates, the Xapian query) instead of\n"
               "searching; with --format json or jsonl as one JSON object")
      ->group(query_group);
  app.set_version_flag("--version", "newsdig-search 0.1.0");
  app.add_flag("-i,--interactive", options.interactive,
               "A search session: queries, paging, :open, :like, filters (docs/interactive.md); with\n"
               "no terminal on standard input, one query per line, as --batch -. No QUERY on a terminal\n"
               "opens one too")
      ->excludes("--batch");
  app.final_callback([&options] {
    if (options.query.empty() && options.batch.empty()) {
      if (::isatty(STDIN_FILENO) == 1) options.interactive = true;
      if (!options.interactive) throw CLI::RequiredError("a QUERY (or --batch FILE, or -i)");
    }
  });
  app.footer("Exit status: 0 hits found; 1 no hits; 2 error (no database, bad query syntax, bad arguments).");
}

std::string query_text(const Options& options) {
  std::string text;
  for (const auto& part : options.query) {
    if (!text.empty()) text.push_back(' ');
    text += part;
  }
  return text;
}

}  // namespace newsdig::searcher
