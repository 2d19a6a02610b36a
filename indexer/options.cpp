#include "indexer/options.hpp"

#include <cstdlib>
#include <map>

namespace newsdig::indexer {

void configure(CLI::App& app, Options& options) {
  const char* env_db = std::getenv("NEWSDIG_DB");
  options.db = (env_db != nullptr && *env_db != '\0') ? env_db : "./newsdig.db";

  app.description(
      "Index news articles into a newsdig (Xapian) database.\n"
      "Reads files, directories (recursively; hidden files and directories are left out unless named)\n"
      "and '-' for standard input. Plain-text news files and JSON Lines are detected automatically.");
  app.add_option("paths", options.paths, "Files, directories or - (standard input) to index")
      ->required()
      ->type_name("PATH...");
  app.add_option("--db", options.db,
                 "Database directory (created if missing; default $NEWSDIG_DB or ./newsdig.db)")
      ->type_name("DIR");
  static const std::map<std::string, formats::Format> kFormats = {
      {"auto", formats::Format::Auto}, {"text", formats::Format::Text}, {"jsonl", formats::Format::Jsonl}};
  app.add_option("--format", options.format, "Input format: auto, text or jsonl (default auto)")
      ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case))
      ->type_name("FORMAT");
  app.add_option("--lang", options.default_language,
                 "Language of articles that do not give one, for stemming (ISO 639-1; default en)")
      ->type_name("CODE");
  app.add_option("--commit-every", options.commit_every, "Articles between commits (default 10000)")
      ->check(CLI::Range(1U, 100000000U))
      ->type_name("N");
  app.add_flag("-q,--quiet", options.quiet, "Print only the summary, not each skipped or repaired input");
  app.set_version_flag("--version", "newsdig-index 0.1.0");
  app.footer(
      "Exit status: 0 every article indexed; 1 finished, but some inputs were skipped (listed on stderr);\n"
      "2 fatal error (bad arguments, database cannot be written): nothing more was indexed.");
}

}  // namespace newsdig::indexer
