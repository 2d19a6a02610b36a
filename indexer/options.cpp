#include "indexer/options.hpp"

#include <cstdlib>
#include <map>

namespace newsdig::indexer {
namespace {

// The options that say what to read and how: shared by indexing and `extract`.
void add_input_options(CLI::App& app, Options& options, const std::string& paths_help) {
  app.add_option("paths", options.paths, paths_help)->type_name("PATH");
  static const std::map<std::string, formats::Format> kFormats = [] {
    std::map<std::string, formats::Format> names;
    for (const auto& info : formats::kFormatTable) names.emplace(std::string(info.name), info.format);
    return names;
  }();
  std::string format_help = "Input format (default auto):";
  for (const auto& info : formats::kFormatTable) {
    format_help += "\n  " + std::string(info.name) + ": " + std::string(info.help);
  }
  app.add_option("--format", options.format, format_help)
      ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case).description(""))
      ->type_name("FORMAT");
  app.add_option("--columns", options.columns,
                 "CSV/TSV files without a header row: their column names in order, comma-separated (id,\n"
                 "title, body, date, source, url, lang, byline, dateline, topic, ...; - leaves a column out)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("LIST");
  app.add_option("--delimiter", options.delimiter,
                 "CSV field delimiter: one character, or 'tab' (default: by format and first line)")
      ->check([](const std::string& value) {
        return value.size() == 1 || value == "tab" ? std::string() : std::string("one character, or 'tab'");
      })
      ->type_name("CHAR");
  app.add_option("--lang", options.default_language,
                 "Language of articles that do not give one, for stemming (ISO 639-1; default en)")
      ->type_name("CODE");
  app.add_option(
         "--include", options.include,
         "Inside directories and archives, index only files matching GLOB (repeatable; a glob with a\n"
         "'/' matches the path inside the directory or archive, else the file name)")
      ->allow_extra_args(false)
      ->type_name("GLOB");
  app.add_option(
         "--exclude", options.exclude,
         "Inside directories and archives, leave out files and directories matching GLOB (repeatable)")
      ->allow_extra_args(false)
      ->type_name("GLOB");
  app.add_option("--max-article-bytes", options.max_article_bytes,
                 "Skip articles whose title and body are longer than SIZE (bytes, or with a unit: 512k, 4m;\n"
                 "default 4m)")
      ->transform(CLI::AsSizeValue(false).description(""))
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30).description(""))
      ->type_name("SIZE");
}

// --wait and the maintenance commands (indexer/commands, docs/operations.md).
void configure_operations(CLI::App& app, Options& options) {
  const auto add_wait = [&options](CLI::App& command) {
    command
        .add_option(
            "--wait", options.wait_seconds,
            "When another writer (index, rebuild, compact, rollback) holds the database's lock, wait\n"
            "up to SECONDS for it instead of failing at once with exit status 3")
        ->type_name("SECONDS");
  };
  add_wait(app);
  add_wait(*app.get_subcommand("compact"));
  const auto add_db = [&options](CLI::App& command) {
    command.add_option("--db", options.db, "Database directory (default $NEWSDIG_DB or ./newsdig.db)")
        ->type_name("DIR");
  };
  auto* rebuild = app.add_subcommand(
      "rebuild",
      "Index PATH... into a new database beside --db (DIR.new), check it, then swap it in atomically;\n"
      "the replaced one stays in DIR.previous (see rollback). Takes every indexing option.");
  add_db(*rebuild);
  rebuild->add_option("paths", options.paths, "Files, directories, archives or - (standard input) to index")
      ->type_name("PATH");
  rebuild
      ->add_option("--max-shrink", options.max_shrink_percent,
                   "Refuse the new database (exit 5) if it has more than PERCENT fewer articles than the\n"
                   "live one (default 10)")
      ->check(CLI::Range(0.0, 100.0).description(""))
      ->type_name("PERCENT");
  rebuild
      ->add_option("--verify-queries", options.verify_queries,
                   "Refuse the new database (exit 6) unless each query of FILE finds enough articles; lines\n"
                   "'<min hits><TAB><query>', '#' starts a comment")
      ->type_name("FILE");
  add_wait(*rebuild);
  rebuild->fallthrough();  // the indexing options
  rebuild->callback([&options] { options.command = Command::Rebuild; });
  auto* rollback = app.add_subcommand(
      "rollback", "Swap back the database the last rebuild replaced (DIR.previous); again to return");
  add_db(*rollback);
  add_wait(*rollback);
  rollback->callback([&options] { options.command = Command::Rollback; });
  auto* stats = app.add_subcommand(
      "stats", "Print the database's articles, terms, size, last update, schema version, sources, dates");
  add_db(*stats);
  stats->add_flag("--json", options.json, "One JSON object (docs/operations.md gives its shape)");
  stats->callback([&options] { options.command = Command::Stats; });
  auto* check = app.add_subcommand(
      "check", "Check the database's structure, schema version and stored records (exit 0 ok, 2 damaged)");
  add_db(*check);
  check->callback([&options] { options.command = Command::Check; });
}

}  // namespace

void configure(CLI::App& app, Options& options) {
  const char* env_db = std::getenv("NEWSDIG_DB");
  options.db = (env_db != nullptr && *env_db != '\0') ? env_db : "./newsdig.db";

  app.description(
      "Index news articles into a newsdig (Xapian) database.\n"
      "Reads files, directories (recursively; hidden files and directories are left out unless named),\n"
      "archives and compressed files (tar, tar.gz, tar.xz, tar.zst, tar.bz2, zip, .gz, .xz, .zst, .bz2; "
      "read\n"
      "in place) and '-' for standard input. The format of each input is detected unless --format says.");
  add_input_options(app, options, "Files, directories, archives or - (standard input) to index");
  app.add_option("--db", options.db,
                 "Database directory (created if missing; default $NEWSDIG_DB or ./newsdig.db)")
      ->type_name("DIR");
  app.add_option("-j,--threads", options.threads,
                 "Threads reading and analysing articles (default: one per core)")
      ->check(CLI::Range(1U, 1024U).description(""))
      ->type_name("N");
  app.add_option(
         "--parts", options.parts,
         "Write a new database in N parts at once, merged at the end (default: --threads, at most 8;\n"
         "1 writes it directly, which is slower but leaves what was committed if the run is killed)")
      ->check(CLI::Range(1U, 64U).description(""))
      ->type_name("N");
  app.add_option(
         "--shards", options.shards,
         "Write a sharded database: N shard databases under --db (shard-000...), one writer each, and\n"
         "the stub file XAPIANDB listing them, which newsdig-search --db opens as one database; an\n"
         "article's shard is the hash of its id, so later runs must give the same N (docs/scale-out.md)")
      ->check(CLI::Range(1U, 256U).description(""))
      ->type_name("N");
  static const std::map<std::string, ShardBy> kShardBy = {
      {"hash", ShardBy::Hash}, {"year", ShardBy::Year}, {"month", ShardBy::Month}};
  app.add_option("--shard-by", options.shard_by,
                 "Write a sharded database routed by: hash (of the id, with --shards N; the default), year\n"
                 "or month (of publication: shard-1996, shard-1996-08..., made as periods arrive; undated\n"
                 "articles in shard-undated). Later runs keep the database's routing (docs/scale-out.md)")
      ->transform(CLI::CheckedTransformer(kShardBy, CLI::ignore_case).description(""))
      ->type_name("HOW");
  app.add_option(
         "--commit-bytes", options.commit_bytes,
         "Commit after SIZE of article text (default 1m; 2m, 512k...): Xapian writes fastest in small\n"
         "batches, and memory stays bounded")
      ->transform(CLI::AsSizeValue(false).description(""))
      ->check(CLI::Range(std::size_t{1} << 10, std::size_t{1} << 34).description(""))
      ->type_name("SIZE");
  app.add_option("--report", options.report,
                 "Write a JSON report (counts, every skipped input with its reason) to FILE")
      ->type_name("FILE");
  static const std::map<std::string, ProgressWhen> kProgress = {{"auto", ProgressWhen::Auto},
                                                                {"always", ProgressWhen::Always},
                                                                {"log", ProgressWhen::Log},
                                                                {"never", ProgressWhen::Never}};
  app.add_option("--progress", options.progress,
                 "Progress on stderr: auto (a live line on a terminal, a log line every 5 s otherwise),\n"
                 "always (the live line), log, never (default auto)")
      ->transform(CLI::CheckedTransformer(kProgress, CLI::ignore_case).description(""))
      ->type_name("WHEN");
  app.add_flag("-q,--quiet", options.quiet,
               "Print only the summary: no progress, no line per skipped or repaired input");
  app.add_flag("--prune", options.prune,
               "Delete the articles of input files under PATH... that are gone, and those an input read in\n"
               "full no longer holds (docs/cli.md: incremental runs)");
  app.add_flag("!--no-extract", options.extract,
               "Leave out entity and date extraction (person:, org:, place:, misc:, entity:, mentions:\n"
               "find nothing; about twice as fast)");
  app.add_flag("!--no-stories", options.stories,
               "Leave out story grouping (story: finds nothing, search does not collapse reports)");
  app.add_option("--story-threshold", options.story_threshold,
                 "Same-story score (0-1) an article needs to join a story (default 0.3; docs/stories.md)")
      ->check(CLI::Range(0.0, 1.0))
      ->type_name("SCORE");
  app.set_version_flag("--version", "newsdig-index 0.1.0");

  auto* compact = app.add_subcommand(
      "compact",
      "Rewrite the database compactly (smaller, faster to search) and swap it in atomically (a sharded\n"
      "one: each shard in turn); with --into, merge it into one new database");
  compact->add_option("--db", options.db, "Database directory (default $NEWSDIG_DB or ./newsdig.db)")
      ->type_name("DIR");
  compact
      ->add_option("--into", options.into,
                   "Merge the database into a new single database OUT instead (a sharded one: all its\n"
                   "shards, which must be local), compacted; --db is left as it is")
      ->type_name("OUT");
  compact->callback([&options] { options.command = Command::Compact; });
  configure_operations(app, options);

  auto* extract = app.add_subcommand("extract",
                                     "Print the entities and dates found in each article as JSON Lines "
                                     "(docs/json-format.md); index nothing");
  add_input_options(*extract, options, "Files, directories, archives or - (standard input) to read");
  extract->add_flag("-q,--quiet", options.quiet,
                    "Print only the summary: no line per skipped or repaired input");
  extract->callback([&options] { options.command = Command::Extract; });
  app.fallthrough();

  app.footer(
      "Commands: 'newsdig-index PATH...' indexes; 'newsdig-index compact' compacts the database;\n"
      "'newsdig-index extract PATH...' prints the entities and dates of each article (name a file called\n"
      "'compact' or 'extract' as ./compact, ./extract).\n"
      "Exit status: 0 every article indexed; 1 finished, but some inputs were skipped (listed on stderr and\n"
      "in --report); 2 fatal error (bad arguments, database cannot be written): nothing more was indexed;\n"
      "3 another writer holds the database's lock (it is named; see --wait); rebuild only, the live\n"
      "database untouched: 4 the new database failed its check, 5 --max-shrink, 6 --verify-queries.\n"
      "Operations (rebuild, rollback, stats, check, locking): docs/operations.md.");
}

formats::ReaderSettings reader_settings(const Options& options) {
  formats::ReaderSettings settings;
  settings.csv_columns = options.columns;
  if (options.delimiter == "tab") {
    settings.csv_delimiter = '\t';
  } else if (options.delimiter.size() == 1) {
    settings.csv_delimiter = options.delimiter.front();
  }
  return settings;
}

ProgressMode progress_mode(const Options& options, bool stderr_is_tty) {
  if (options.quiet) return ProgressMode::None;
  switch (options.progress) {
    case ProgressWhen::Auto: return stderr_is_tty ? ProgressMode::Tty : ProgressMode::Log;
    case ProgressWhen::Always: return ProgressMode::Tty;
    case ProgressWhen::Log: return ProgressMode::Log;
    case ProgressWhen::Never: return ProgressMode::None;
  }
  return ProgressMode::None;
}

}  // namespace newsdig::indexer
