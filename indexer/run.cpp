#include "indexer/run.hpp"

#include <chrono>
#include <exception>
#include <istream>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "common/analysis/analyzer.hpp"
#include "common/store/database.hpp"
#include "common/store/document_builder.hpp"
#include "indexer/report.hpp"
#include "indexer/sources/walk.hpp"

namespace newsdig::indexer {
namespace {

// Receives the articles of every reader, makes documents and hands them to the writer.
class IndexingSink final : public formats::ArticleSink {
 public:
  IndexingSink(store::Writer& writer, Report& report, const Options& options)
      : writer_(writer), report_(report), options_(options) {
    build_options_.default_language = options.default_language;
  }

  void article(Article article) override {
    auto document = store::build_document(article, analyzer_, build_options_);
    writer_.replace(store::id_term(article.id), document);
    report_.indexed();
    if (++since_commit_ >= options_.commit_every) {
      writer_.commit();
      since_commit_ = 0;
    }
  }
  void skip(formats::Diagnostic diagnostic) override { report_.skipped(diagnostic); }
  void warn(formats::Diagnostic diagnostic) override { report_.warned(diagnostic); }

 private:
  store::Writer& writer_;
  Report& report_;
  const Options& options_;
  store::BuildOptions build_options_;
  analysis::Analyzer analyzer_;
  unsigned since_commit_ = 0;
};

void index_file(const sources::SourceFile& file, const Options& options, std::istream& in,
                formats::ArticleSink& sink) {
  std::string content;
  try {
    content = sources::read_all(file, in);
  } catch (const std::exception& e) {
    sink.skip({file.origin, 0, std::string("cannot read: ") + e.what()});
    return;
  }
  formats::Format format = options.format;
  if (format == formats::Format::Auto) {
    std::string why;
    auto detected = formats::detect_format(file.is_stdin ? std::string() : file.path.string(), content, &why);
    if (!detected) {
      sink.skip({file.origin, 0, why});
      return;
    }
    format = *detected;
  }
  formats::read_input(format, formats::Input{content, file.origin, file.id_base}, sink);
}

}  // namespace

int run(const Options& options, std::istream& in, std::ostream& err) {
  const auto started = std::chrono::steady_clock::now();
  if (!analysis::Analyzer::has_stemmer(options.default_language)) {
    fmt::print(err, "newsdig-index: warning: no stemmer for language '{}': its words are indexed unstemmed\n",
               options.default_language);
  }
  Report report(err, options.quiet);
  try {
    store::Writer writer(options.db);
    IndexingSink sink(writer, report, options);
    sources::WalkStats walk_stats;
    sources::walk(
        options.paths, [&](const sources::SourceFile& file) { index_file(file, options, in, sink); },
        [&](formats::Diagnostic diagnostic) { report.skipped(diagnostic); }, &walk_stats);
    writer.close();
    report.note_hidden_ignored(walk_stats.hidden_ignored);
  } catch (const store::StoreError& e) {
    fmt::print(err, "newsdig-index: error: {}\n", e.what());
    return kExitFatal;
  } catch (const std::exception& e) {
    fmt::print(err, "newsdig-index: error: {} (database {})\n", e.what(), options.db);
    return kExitFatal;
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  report.print_summary(options.db, elapsed.count());
  return report.skipped_count() == 0 ? kExitOk : kExitSkipped;
}

}  // namespace newsdig::indexer
