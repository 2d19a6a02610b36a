#include "searcher/options.hpp"

#include <cstdlib>
#include <map>

namespace newsdig::searcher {

void configure(CLI::App& app, Options& options) {
  const char* env_db = std::getenv("NEWSDIG_DB");
  options.db = (env_db != nullptr && *env_db != '\0') ? env_db : "./newsdig.db";

  app.description(
      "Search a newsdig database. Words are ANDed; use OR, NOT, +word, -word, (groups), \"exact phrases\",\n"
      "field:word (title, source, byline, dateline, lang, id), word* and * alone for every article.\n"
      "See docs/query-language.md.");
  app.add_option("query", options.query, "The query (several arguments are joined by spaces)")
      ->required()
      ->type_name("QUERY");
  app.add_option("--db", options.db, "Database directory (default $NEWSDIG_DB or ./newsdig.db)")
      ->type_name("DIR");
  app.add_flag("--any", options.any, "Rank articles matching any of the words, not only all of them");
  app.add_option("-n,--limit", options.limit, "Hits to show (default 10)")->check(CLI::Range(0U, 100000U));
  app.add_option("--offset", options.offset, "Hits to pass over first, for paging (default 0)");
  static const std::map<std::string, OutputFormat> kFormats = {
      {"human", OutputFormat::Human}, {"json", OutputFormat::Json}, {"jsonl", OutputFormat::Jsonl}};
  app.add_option("--format", options.format,
                 "Output: human, json (one object) or jsonl (one line per hit; docs/json-format.md)")
      ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case))
      ->type_name("FORMAT");
  static const std::map<std::string, ColorMode> kColors = {
      {"auto", ColorMode::Auto}, {"always", ColorMode::Always}, {"never", ColorMode::Never}};
  app.add_option("--color", options.color,
                 "Colour highlights: auto (on a terminal, unless NO_COLOR is set), always or never")
      ->transform(CLI::CheckedTransformer(kColors, CLI::ignore_case))
      ->type_name("WHEN");
  app.add_option("--lang", options.language, "Language for stemming the query words (default en)")
      ->type_name("CODE");
  app.set_version_flag("--version", "newsdig-search 0.1.0");
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
