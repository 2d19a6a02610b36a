#pragma once
// The indexing pipeline, on oneTBB's parallel_pipeline:
//   1. input (serial): sources::Feed hands out pieces of inputs, grouped into batches of about
//      kBatchBytes, in a repeatable order;
//   2. workers (parallel, `threads`): detect each piece's format, read its articles, annotate each
//      (ArticleAnnotator), build its Xapian::Document; one Analyzer and one annotator per thread;
//   3. writer (serial, in input order): hands documents to the one store::Writer, reports skips and
//      warnings, commits every `commit_bytes` of text. Into a database that held no document when the run
//      began, an id not yet written in the run is added (Writer::add) rather than replaced: no look-up.
// Memory is bounded: at most `4 * threads` batches are in flight and Xapian's buffered changes are
// committed by size, so a run of any size holds about the same. The writer sees batches in input order,
// so the same inputs always get the same document ids.
#include <any>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "common/article.hpp"
#include "common/store/database.hpp"
#include "indexer/report.hpp"
#include "indexer/sources/feed.hpp"

namespace newsdig::indexer {

// A step on every article, between reading and document building, on the worker threads (entity and
// date extraction). One instance per worker thread, so implementations need no locking.
class ArticleAnnotator {
 public:
  virtual ~ArticleAnnotator() = default;
  virtual void annotate(Article& article) = 0;
};

// Makes one annotator per worker thread; may be called from any thread.
using AnnotatorFactory = std::function<std::unique_ptr<ArticleAnnotator>()>;

// A step on every built document, once per article and in input order, in the writer stage before the
// documents go to the shard writers (story grouping): prepare() runs on the worker threads, any number at
// once, and takes from the article and its document what assign() needs; assign() runs serially and may
// add terms and values to the document.
class DocumentHook {
 public:
  virtual ~DocumentHook() = default;
  virtual std::any prepare(const Article& article, const Xapian::Document& document) const = 0;
  virtual void assign(std::any& prepared, Xapian::Document& document) = 0;
};

// What a run read, for --prune (run.cpp): kept by the writer stage when PipelineSettings::seen is set.
struct SeenInputs {
  std::unordered_set<std::string> ids;      // unique-id terms of the articles read (written or unchanged)
  std::unordered_set<std::string> inputs;   // FeedItem::input of every input an article was read from
  std::unordered_set<std::string> damaged;  // inputs with a skipped article: their unseen ids may be unread

  void note(bool skipped, const std::string& unique_term, const std::string& input) {
    if (input.empty()) return;
    if (skipped) {
      damaged.insert(input);
    } else {
      ids.insert(unique_term);
      inputs.insert(input);
    }
  }
};

struct PipelineSettings {
  sources::FeedSettings feed;
  formats::ReaderSettings reader;
  unsigned threads = 1;  // at least 1
  unsigned shards = 1;   // a new database is written in this many parts, merged at the end (run.cpp)
  std::string default_language = "en";
  std::size_t max_article_bytes = std::size_t{4} << 20;  // title + body
  std::size_t commit_bytes = std::size_t{1} << 20;       // article text between commits
  AnnotatorFactory annotator;                            // empty: articles go as the readers made them
  DocumentHook* document_hook = nullptr;                 // none: documents go as built
  std::string annotation;  // names what `annotator` adds, for the content hash (store::BuildOptions)
  // An existing database being added to: each article it already holds with the same content hash is
  // counted unchanged and neither annotated, analysed nor written; one that differs replaces it. Each
  // worker thread opens it read-only at the start. Empty: a new database, nothing looked up.
  std::string live_db;
  SeenInputs* seen = nullptr;  // filled when set
  // A sharded database routed per document (newsdig-index --shard-by year|month, indexer/shards.hpp):
  // the writer each document goes to, given its unique term, the document and whether the live database
  // holds another version of it. It may return a writer not among run_pipeline's `writers` (a shard
  // opened on the way), which then gets a writer thread of its own. Called serially, in the writer stage.
  // Empty: the hash of the unique term chooses among `writers`.
  using Router = std::function<store::Writer*(const std::string&, const Xapian::Document&, bool)>;
  Router route;
};

// Reads one piece of input into `sink`: its format is the piece's own, else settings.feed.format, else
// detected (an undetectable piece is one skip with the reason). What a reader or the sink throws passes
// through: the caller skips the rest of the piece with the reason.
void read_piece(const sources::Piece& piece, const PipelineSettings& settings, formats::ArticleSink& sink);

// Indexes every input under `paths` into `writers`; every article ends up indexed or skipped in `report`,
// and `totals` gets what the inputs amounted to. With one writer, the writer stage writes documents in
// input order; with several (shards of one database, merged later), each gets the documents whose id
// hashes to it, written by a thread of its own, in input order within the shard. Commits as it goes but
// not at the end (the caller closes the writers). Throws store::StoreError when a database cannot be
// written: the run stops there, and what was committed before stays.
void run_pipeline(const std::vector<std::string>& paths, std::istream& standard_input,
                  const PipelineSettings& settings, const std::vector<store::Writer*>& writers,
                  Report& report, InputTotals& totals);

// What `feed`'s inputs amounted to once read: bytes, containers, and the files and members left out.
InputTotals input_totals(const sources::Feed& feed);

}  // namespace newsdig::indexer
