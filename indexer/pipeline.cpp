#include "indexer/pipeline.hpp"

#include <algorithm>
#include <any>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_set>
#include <utility>

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>
#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "common/schema.hpp"
#include "common/store/document_builder.hpp"
#include "common/util/hash.hpp"
#include "indexer/formats/format.hpp"

namespace newsdig::indexer {
namespace {

// Batches of about this much input: big enough that handing one over costs little next to reading it,
// small enough that the `4 * threads` batches in flight hold little.
constexpr std::size_t kBatchBytes = std::size_t{256} << 10;
constexpr std::size_t kBatchItems = 512;
constexpr std::size_t kTokensPerThread = 4;

struct Event {
  enum class Kind { Document, Unchanged, Skip, Warn };
  Kind kind = Kind::Document;
  std::string unique_term;
  std::string input;      // FeedItem::input
  bool replaces = false;  // Document: the live database holds another version of it
  std::optional<Xapian::Document> document;
  std::any prepared;  // for settings.document_hook
  std::size_t text_bytes = 0;
  formats::Diagnostic diagnostic;
};

struct Batch {
  std::vector<sources::FeedItem> inputs;
  std::vector<Event> events;
};

struct Worker {
  analysis::Analyzer analyzer;
  std::unique_ptr<ArticleAnnotator> annotator;
  std::optional<Xapian::Database> live;  // PipelineSettings::live_db, read-only
};

enum class Known { New, Same, Changed };

// Whether the live database holds the article of `unique_term`, and with the content hash `hash`.
Known look_up(Xapian::Database& live, const std::string& unique_term, const std::string& hash) {
  for (int attempt = 0;; ++attempt) {
    try {
      auto posting = live.postlist_begin(unique_term);
      if (posting == live.postlist_end(unique_term)) return Known::New;
      const auto document = live.get_document(*posting, Xapian::DOC_ASSUME_VALID);
      return document.get_value(schema::slot_number(schema::Slot::ContentHash)) == hash ? Known::Same
                                                                                        : Known::Changed;
    } catch (const Xapian::DatabaseModifiedError&) {
      // This run's own commits overwrote the revision being read: read the newest one.
      if (attempt == 3) throw;
      live.reopen();
    }
  }
}

Event problem(Event::Kind kind, formats::Diagnostic diagnostic) {
  Event event;
  event.kind = kind;
  event.diagnostic = std::move(diagnostic);
  return event;
}

// Turns what a reader hands over into the events of one batch, on a worker thread.
class BatchSink final : public formats::ArticleSink {
 public:
  BatchSink(std::vector<Event>& events, Worker& worker, const PipelineSettings& settings,
            const store::BuildOptions& build_options)
      : events_(events), worker_(worker), settings_(settings), build_options_(build_options) {}

  // The input file of what comes next (FeedItem::input).
  void set_input(const std::string& input) { build_options_.input = input; }

  void article(Article article) override {
    const std::size_t text_bytes = article.title.size() + article.body.size();
    if (text_bytes > settings_.max_article_bytes) {
      skip({article.origin, 0,
            "article too large: " + std::to_string(text_bytes) +
                " bytes of title and body, over --max-article-bytes " +
                std::to_string(settings_.max_article_bytes)});
      return;
    }
    try {
      Event event;
      event.input = build_options_.input;
      if (worker_.live) {
        // Before annotation and analysis, the expensive part: an article the database holds as it is
        // costs only its reading and hashing.
        event.unique_term = store::id_term(article.id);
        const auto known =
            look_up(*worker_.live, event.unique_term, store::content_hash(article, build_options_));
        if (known == Known::Same) {
          event.kind = Event::Kind::Unchanged;
          event.text_bytes = text_bytes;
          events_.push_back(std::move(event));
          return;
        }
        event.replaces = known == Known::Changed;
      }
      // What build_document would fill in for the record, here, so it need not copy the article to do it.
      if (article.lang.empty()) article.lang = build_options_.default_language;
      if (worker_.annotator) worker_.annotator->annotate(article);
      event.document = store::build_document(article, worker_.analyzer, build_options_);
      event.unique_term = store::id_term(article.id);
      if (settings_.document_hook)
        event.prepared = settings_.document_hook->prepare(article, *event.document);
      event.text_bytes = text_bytes;
      events_.push_back(std::move(event));
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& e) {
      skip({article.origin, 0, std::string("cannot index: ") + e.what()});
    }
  }
  void skip(formats::Diagnostic diagnostic) override {
    events_.push_back(problem(Event::Kind::Skip, std::move(diagnostic)));
    events_.back().input = build_options_.input;
  }
  void warn(formats::Diagnostic diagnostic) override {
    events_.push_back(problem(Event::Kind::Warn, std::move(diagnostic)));
  }

 private:
  std::vector<Event>& events_;
  Worker& worker_;
  const PipelineSettings& settings_;
  store::BuildOptions build_options_;
};

}  // namespace

void read_piece(const sources::Piece& piece, const PipelineSettings& settings, formats::ArticleSink& sink) {
  std::optional<formats::Format> format = piece.format;
  if (!format) {
    if (settings.feed.format != formats::Format::Auto) {
      format = settings.feed.format;
    } else {
      std::string why;
      format = formats::detect_format(piece.name, piece.bytes, &why);
      if (!format) {
        sink.skip({piece.origin, 0, why});
        return;
      }
    }
  }
  formats::Input input{piece.bytes, piece.origin, piece.id_base};
  input.first_line = piece.first_line;
  formats::read_input(*format, input, sink, settings.reader);
}

namespace {

void work(Batch& batch, Worker& worker, const PipelineSettings& settings,
          const store::BuildOptions& build_options) {
  BatchSink sink(batch.events, worker, settings, build_options);
  for (auto& item : batch.inputs) {
    sink.set_input(item.input);
    switch (item.kind) {
      case sources::FeedItem::Kind::Piece: try { read_piece(item.piece, settings, sink);
        } catch (const std::bad_alloc&) {
          throw;
        } catch (const std::exception& e) {
          sink.skip({item.piece.origin, 0, std::string("cannot read: ") + e.what()});
        }
        // The bytes are done with; the batch lives on until the writer has it.
        item.piece.bytes = std::string();
        break;
      case sources::FeedItem::Kind::Skip: sink.skip(std::move(item.diagnostic)); break;
      case sources::FeedItem::Kind::Warn: sink.warn(std::move(item.diagnostic)); break;
    }
  }
}

// Where the writer stage's documents go: straight into the one Writer, or, with several shards, to one
// thread per shard (each document to the shard of its id's hash, so a repeated id replaces within its
// shard), each committing its own share of text.
class Shards {
 public:
  Shards(const std::vector<store::Writer*>& writers, std::size_t commit_bytes, Report& report,
         PipelineSettings::Router route)
      : report_(report),
        commit_bytes_(std::max<std::size_t>(1, commit_bytes / std::max<std::size_t>(1, writers.size()))),
        route_(std::move(route)) {
    for (auto* writer : writers) shards_.push_back(std::make_unique<Shard>(*writer));
    if (shards_.size() > 1 || route_) {
      for (auto& shard : shards_) shard->thread = std::thread([this, &shard = *shard] { drain(shard); });
    }
  }
  ~Shards() { stop(); }
  Shards(const Shards&) = delete;
  Shards& operator=(const Shards&) = delete;

  // Writes, or queues, the documents of one batch. Throws what a shard's writer threw.
  void write(std::vector<Event>& events) {
    if (shards_.size() == 1 && !route_) {
      Shard& shard = *shards_.front();
      for (auto& event : events) {
        if (event.kind == Event::Kind::Document) store(shard, event);
      }
      return;
    }
    std::vector<std::vector<Event>> parts(shards_.size());
    for (auto& event : events) {
      if (event.kind != Event::Kind::Document) continue;
      const std::size_t index = route_ ? shard_of(route_(event.unique_term, *event.document, event.replaces))
                                       : util::stable_hash64(event.unique_term) % shards_.size();
      if (index >= parts.size()) parts.resize(index + 1);
      parts[index].push_back(std::move(event));
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (parts[i].empty()) continue;
      Shard& shard = *shards_[i];
      std::unique_lock lock(shard.mutex);
      shard.changed.wait(lock, [&] { return shard.queue.size() < kQueuedPerShard || shard.error; });
      if (shard.error) std::rethrow_exception(shard.error);
      shard.queue.push_back(std::move(parts[i]));
      shard.changed.notify_all();
    }
  }

  // Waits for every queued document to be written. Throws what a shard's writer threw.
  void finish() {
    stop();
    for (auto& shard : shards_) {
      if (shard->error) std::rethrow_exception(shard->error);
    }
  }

 private:
  static constexpr std::size_t kQueuedPerShard = 4;

  struct Shard {
    explicit Shard(store::Writer& w) : writer(w), fresh(w.document_count() == 0) {}
    store::Writer& writer;
    // The database held no document when the run began (a new database, a part, a new shard): a unique
    // term this run has not written cannot be in it, so its document is added without replace_document's
    // look-up of the term. `written` holds the hashes of the terms written; a repeated id (or a hash
    // collision) is replaced as usual. It costs a hash-set entry per article written.
    bool fresh;
    std::unordered_set<std::uint64_t> written;
    std::size_t since_commit = 0;
    std::thread thread;
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::vector<Event>> queue;
    bool closed = false;
    std::exception_ptr error;
  };

  // The index of the shard writing into `writer`, started now if it is new.
  std::size_t shard_of(store::Writer* writer) {
    for (std::size_t i = 0; i < shards_.size(); ++i) {
      if (&shards_[i]->writer == writer) return i;
    }
    shards_.push_back(std::make_unique<Shard>(*writer));
    shards_.back()->thread = std::thread([this, &shard = *shards_.back()] { drain(shard); });
    return shards_.size() - 1;
  }

  void store(Shard& shard, Event& event) {
    if (shard.fresh && shard.written.insert(util::stable_hash64(event.unique_term)).second) {
      shard.writer.add(*event.document);
    } else {
      shard.writer.replace(event.unique_term, *event.document);
    }
    event.document.reset();
    shard.since_commit += event.text_bytes;
    if (shard.since_commit >= commit_bytes_) {
      shard.writer.commit();
      shard.since_commit = 0;
      commits_.fetch_add(1, std::memory_order_relaxed);
    }
  }

  void drain(Shard& shard) {
    for (;;) {
      std::vector<Event> part;
      {
        std::unique_lock lock(shard.mutex);
        shard.changed.wait(lock, [&] { return !shard.queue.empty() || shard.closed; });
        if (shard.queue.empty()) return;
        part = std::move(shard.queue.front());
        shard.queue.pop_front();
        shard.changed.notify_all();
      }
      try {
        for (auto& event : part) store(shard, event);
      } catch (...) {
        std::lock_guard lock(shard.mutex);
        shard.error = std::current_exception();
        shard.queue.clear();
        shard.changed.notify_all();
        return;
      }
    }
  }

  void stop() {
    for (auto& shard : shards_) {
      {
        std::lock_guard lock(shard->mutex);
        shard->closed = true;
      }
      shard->changed.notify_all();
    }
    for (auto& shard : shards_) {
      if (shard->thread.joinable()) shard->thread.join();
    }
    for (; reported_commits_ < commits_.load(); ++reported_commits_) report_.committed();
  }

  Report& report_;
  std::size_t commit_bytes_;
  PipelineSettings::Router route_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::atomic<std::size_t> commits_{0};
  std::size_t reported_commits_ = 0;
};

}  // namespace

void run_pipeline(const std::vector<std::string>& paths, std::istream& standard_input,
                  const PipelineSettings& settings, const std::vector<store::Writer*>& writers,
                  Report& report, InputTotals& totals) {
  if (writers.empty() && !settings.route) throw std::invalid_argument("run_pipeline needs a writer");
  Shards shards(writers, settings.commit_bytes, report, settings.route);
  sources::Feed feed(paths, standard_input, settings.feed);
  store::BuildOptions build_options;
  build_options.default_language = settings.default_language;
  build_options.annotation = settings.annotation;
  tbb::enumerable_thread_specific<Worker> workers([&settings] {
    Worker worker;
    if (settings.annotator) worker.annotator = settings.annotator();
    if (!settings.live_db.empty()) worker.live.emplace(settings.live_db);
    return worker;
  });
  bool feed_done = false;

  auto input = [&](tbb::flow_control& control) -> std::shared_ptr<Batch> {
    if (feed_done) {
      control.stop();
      return nullptr;
    }
    auto batch = std::make_shared<Batch>();
    std::size_t bytes = 0;
    while (bytes < kBatchBytes && batch->inputs.size() < kBatchItems) {
      auto item = feed.next();
      if (!item) {
        feed_done = true;
        break;
      }
      bytes += item->piece.bytes.size();
      batch->inputs.push_back(std::move(*item));
    }
    if (batch->inputs.empty()) {
      control.stop();
      return nullptr;
    }
    return batch;
  };
  auto analyse = [&](std::shared_ptr<Batch> batch) {
    work(*batch, workers.local(), settings, build_options);
    return batch;
  };
  auto write = [&](std::shared_ptr<Batch> batch) {
    for (const auto& event : batch->events) {
      switch (event.kind) {
        case Event::Kind::Document: report.indexed(event.text_bytes, event.replaces); break;
        case Event::Kind::Unchanged: report.unchanged(event.text_bytes); break;
        case Event::Kind::Skip: report.skipped(event.diagnostic); break;
        case Event::Kind::Warn: report.warned(event.diagnostic); break;
      }
      if (settings.seen != nullptr && event.kind != Event::Kind::Warn) {
        settings.seen->note(event.kind == Event::Kind::Skip, event.unique_term, event.input);
      }
    }
    if (settings.document_hook) {
      for (auto& event : batch->events) {
        if (event.kind == Event::Kind::Document)
          settings.document_hook->assign(event.prepared, *event.document);
        event.prepared.reset();
      }
    }
    shards.write(batch->events);
    report.tick(feed.bytes_consumed());
  };

  const unsigned threads = std::max(1U, settings.threads);
  tbb::task_arena arena(static_cast<int>(threads));
  arena.execute([&] {
    tbb::parallel_pipeline(
        threads * kTokensPerThread,
        tbb::make_filter<void, std::shared_ptr<Batch>>(tbb::filter_mode::serial_in_order, input) &
            tbb::make_filter<std::shared_ptr<Batch>, std::shared_ptr<Batch>>(tbb::filter_mode::parallel,
                                                                             analyse) &
            tbb::make_filter<std::shared_ptr<Batch>, void>(tbb::filter_mode::serial_in_order, write));
  });

  shards.finish();
  totals = input_totals(feed);
}

InputTotals input_totals(const sources::Feed& feed) {
  InputTotals totals;
  const auto stats = feed.stats();
  totals.input_bytes = feed.bytes_consumed();
  totals.containers = stats.containers;
  totals.hidden_ignored = stats.walk.hidden_ignored + stats.hidden_members;
  totals.glob_ignored = stats.walk.glob_ignored + stats.glob_members;
  totals.special_ignored = stats.walk.special_ignored;
  return totals;
}

}  // namespace newsdig::indexer
