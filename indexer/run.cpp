#include "indexer/run.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "common/analysis/analyzer.hpp"
#include "common/extract/annotator.hpp"
#include "common/schema.hpp"
#include "common/store/database.hpp"
#include "indexer/commands/commands.hpp"
#include "indexer/extract.hpp"
#include "indexer/pipeline.hpp"
#include "indexer/report.hpp"
#include "indexer/shards.hpp"
#include "indexer/story/story_stage.hpp"

namespace newsdig::indexer {
namespace {

// Entities and dates mentioned, on the worker threads: one extract::Annotator (and its scratch buffers)
// per thread.
class ExtractAnnotator final : public ArticleAnnotator {
 public:
  void annotate(Article& article) override { annotator_.annotate(article); }

 private:
  extract::Annotator annotator_;
};

PipelineSettings pipeline_settings(const Options& options) {
  PipelineSettings settings;
  settings.feed.globs.include = options.include;
  settings.feed.globs.exclude = options.exclude;
  settings.feed.format = options.format;
  settings.reader = reader_settings(options);
  settings.threads =
      options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  settings.default_language = options.default_language;
  settings.max_article_bytes = options.max_article_bytes;
  settings.commit_bytes = options.commit_bytes;
  settings.shards = options.parts != 0 ? options.parts : std::min(settings.threads, 8U);
  if (options.extract) {
    settings.annotator = [] { return std::make_unique<ExtractAnnotator>(); };
    settings.annotation = "extract";
  }
  return settings;
}

// A new database is written as `settings.shards` parts side by side (one writer thread each), merged into
// it at the end: Xapian's writing is most of an indexer's work, and one writer would use one core.
// `writer` holds the database (and its write lock) meanwhile; the parts live in "<db>.parts", which a
// killed run leaves behind and the next one clears.
void build_in_parts(const Options& options, std::istream& in, const PipelineSettings& settings,
                    store::Writer& writer, Report& report, InputTotals& totals) {
  namespace fs = std::filesystem;
  const fs::path base = fs::path(writer.path()).lexically_normal().string() + ".parts";
  const fs::path marker = base / "newsdig-parts";
  std::error_code error;
  if (fs::exists(base, error)) {
    if (!fs::exists(marker, error)) {
      throw store::StoreError(base.string() + " exists and is not newsdig-index's: move it away");
    }
    fs::remove_all(base, error);
  }
  fs::create_directories(base, error);
  if (error) throw store::StoreError("cannot create " + base.string() + ": " + error.message());
  std::ofstream(marker) << "parts of " << writer.path() << " being built by newsdig-index\n";
  std::vector<std::string> paths;
  std::vector<std::unique_ptr<store::Writer>> parts;
  std::vector<store::Writer*> pointers;
  for (unsigned i = 0; i < settings.shards; ++i) {
    paths.push_back((base / std::to_string(i)).string());
    parts.push_back(std::make_unique<store::Writer>(paths.back(), store::WriterOptions{true}));
    pointers.push_back(parts.back().get());
  }
  run_pipeline(options.paths, in, settings, pointers, report, totals);
  for (auto& part : parts) part->close();
  parts.clear();
  if (report.indexed_count() > 0) store::merge_into(paths, writer.path());
  fs::remove_all(base, error);
}

// --prune: deletes the articles of the input files under options.paths that this run did not read: every
// article of an input file that is gone, and, of an input read in full (none of its articles skipped), the
// articles whose id it no longer holds. Returns how many.
std::size_t prune(const Options& options, const SeenInputs& seen, store::Writer& writer) {
  namespace fs = std::filesystem;
  writer.commit();
  const Xapian::Database database(writer.path());
  std::set<std::string> inputs;  // XIN terms under the roots
  for (const auto& path : options.paths) {
    if (path == "-") continue;
    std::error_code error;
    fs::path root = fs::absolute(path, error);
    if (error) continue;
    root = fs::weakly_canonical(root, error);
    if (error) continue;
    std::string prefix = schema::make_term(schema::prefix::kInput, root.string());
    for (auto it = database.allterms_begin(prefix); it != database.allterms_end(prefix); ++it) {
      const std::string term = *it;
      // Under the root: the root itself, or a path below it ("/news" does not hold "/news2").
      if (term.size() == prefix.size() || prefix.back() == '/' || term[prefix.size()] == '/')
        inputs.insert(term);
    }
  }
  std::size_t deleted = 0;
  for (const auto& term : inputs) {
    const std::string input = term.substr(schema::prefix::kInput.size());
    std::error_code error;
    const bool gone = !fs::exists(input, error) && !error;
    if (gone) {
      deleted += database.get_termfreq(term);
      writer.remove(term);
      continue;
    }
    if (!seen.inputs.contains(input) || seen.damaged.contains(input)) continue;
    for (auto posting = database.postlist_begin(term); posting != database.postlist_end(term); ++posting) {
      auto terms = database.termlist_begin(*posting);
      terms.skip_to(std::string(schema::prefix::kId));
      if (terms == database.termlist_end(*posting)) continue;
      const std::string id = *terms;
      if (!id.starts_with(schema::prefix::kId) || seen.ids.contains(id)) continue;
      writer.remove(id);
      ++deleted;
    }
  }
  return deleted;
}

bool reads_standard_input(const Options& options) {
  return std::find(options.paths.begin(), options.paths.end(), "-") != options.paths.end();
}

int index(const Options& options, std::istream& in, std::ostream& err, ProgressMode progress) {
  if (options.paths.empty()) {
    fmt::print(
        err,
        "newsdig-index: error: nothing to index: name files, directories, archives or - (standard input)\n");
    return kExitFatal;
  }
  if (!analysis::Analyzer::has_stemmer(options.default_language)) {
    fmt::print(err, "newsdig-index: warning: no stemmer for language '{}': its words are indexed unstemmed\n",
               options.default_language);
  }
  PipelineSettings settings = pipeline_settings(options);
  Report report(err, options.quiet, progress);
  if (progress != ProgressMode::None && !reads_standard_input(options)) {
    report.expect_input_bytes(sources::total_input_bytes(options.paths, settings.feed.globs));
  }
  if (!options.report.empty() && !std::ofstream(options.report, std::ios::app)) {
    fmt::print(err, "newsdig-index: error: cannot write report {}: {}: give another --report path\n",
               options.report, std::strerror(errno));
    return kExitFatal;
  }
  InputTotals totals;
  try {
    // --shards, or a sharded --db: its shards are written instead of one database.
    const bool sharded =
        options.shards != 0 || options.shard_by != ShardBy::Default || is_sharded(options.db);
    std::optional<ShardLayout> layout;
    std::optional<store::Writer> writer;
    if (sharded) {
      layout = shard_layout(options.db, options.shards, options.shard_by);
    } else {
      writer.emplace(options.db, store::WriterOptions{true});
    }
    // Adding to a database: the articles it holds as they are are left alone (pipeline.hpp).
    if (sharded ? layout->exists : writer->document_count() > 0) settings.live_db = options.db;
    SeenInputs seen;
    if (options.prune) settings.seen = &seen;
    // Story grouping reads the stories of the database as it was before this run, never what it writes.
    std::optional<story::StoryStage> stories;
    if (options.stories) {
      std::optional<Xapian::Database> existing;
      if (sharded ? layout->exists : writer->document_count() > 0) existing.emplace(options.db);
      story::StorySettings story_settings;
      story_settings.threshold = options.story_threshold;
      stories.emplace(story_settings, std::move(existing));
      settings.document_hook = &*stories;
    }
    if (sharded) {
      // --prune shard by shard: what this run read is known across all of them.
      std::function<void(store::Writer&)> prune_shard;
      if (options.prune)
        prune_shard = [&](store::Writer& shard) { report.deleted(prune(options, seen, shard)); };
      index_into_shards(options.paths, in, settings, *layout, report, totals, prune_shard);
    } else if (settings.shards > 1 && writer->document_count() == 0) {
      build_in_parts(options, in, settings, *writer, report, totals);
    } else {
      run_pipeline(options.paths, in, settings, {&*writer}, report, totals);
    }
    if (writer && options.prune) report.deleted(prune(options, seen, *writer));
    if (writer) writer->close();
  } catch (const store::StoreError& e) {
    report.fatal(e.what());
    return kExitFatal;
  } catch (const std::exception& e) {
    report.fatal(std::string(e.what()) + " (database " + options.db + ")");
    return kExitFatal;
  }
  report.print_summary(options.db, totals);
  const int status = report.skipped_count() == 0 ? kExitOk : kExitSkipped;
  if (!options.report.empty()) {
    try {
      report.write_json(options.report, options.db, totals, status);
    } catch (const std::exception& e) {
      fmt::print(err, "newsdig-index: error: {}\n", e.what());
      return kExitFatal;
    }
  }
  return status;
}

}  // namespace

int index_into(const Options& options, const std::string& db, std::istream& in, std::ostream& err,
               bool err_is_tty) {
  Options into = options;
  into.db = db;
  return index(into, in, err, progress_mode(into, err_is_tty));
}

int run(const Options& options, std::istream& in, std::ostream& out, std::ostream& err, bool err_is_tty) {
  switch (options.command) {
    case Command::Index:
      return commands::with_write_lock(
          options, "index", err, [&] { return index(options, in, err, progress_mode(options, err_is_tty)); });
    case Command::Compact:
      return commands::with_write_lock(options, "compact", err,
                                       [&] { return commands::compact(options, err); });
    case Command::Rebuild: return commands::rebuild(options, in, err, err_is_tty);
    case Command::Rollback: return commands::rollback(options, err);
    case Command::Stats: return commands::stats(options, out, err);
    case Command::Check: return commands::check(options, out, err);
    case Command::Extract: return extract_articles(options, in, out, err);
  }
  return kExitFatal;
}

}  // namespace newsdig::indexer
