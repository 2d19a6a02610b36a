#include "searcher/results/hit_text.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <stdexcept>
#include <thread>

#include <tbb/task_group.h>

#include "common/store/record.hpp"

namespace newsdig::results {

struct HitTextMaker::Impl {
  explicit Impl(unsigned threads) {
    if (threads == 0) threads = std::clamp(std::thread::hardware_concurrency(), 1U, kMaxThreads);
    // Each thread has its own maker: ICU iterators, stemmers and caches are not shared between threads.
    makers.resize(threads);
    makers.front() = std::make_unique<SnippetMaker>();
  }

  std::vector<std::unique_ptr<SnippetMaker>> makers;  // made on first use but the caller's
  tbb::task_group tasks;
};

HitTextMaker::HitTextMaker(unsigned threads) : impl_(std::make_unique<Impl>(threads)) {}
HitTextMaker::~HitTextMaker() = default;

void HitTextMaker::set_query(const QueryTerms& terms, const std::string& language,
                             const Xapian::Database* database) {
  impl_->makers.front()->set_query(terms, language, database);
  for (std::size_t i = 1; i < impl_->makers.size(); ++i) {
    if (!impl_->makers[i]) impl_->makers[i] = std::make_unique<SnippetMaker>();
    impl_->makers[i]->set_query_like(*impl_->makers.front());
  }
}

std::vector<HitText> HitTextMaker::make(std::vector<Hit>& hits, const SnippetOptions& options,
                                        const Xapian::Database* unread_from) {
  std::vector<HitText> texts(hits.size());
  std::vector<std::string> encoded(hits.size());  // the records read here, for the threads to decode
  // Each thread takes the next hit not yet taken, once it has been read, so a thread that starts late
  // (the caller, busy reading) or meets long articles does fewer.
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> ready{unread_from ? 0 : hits.size()};  // hits read so far
  std::atomic<bool> stop{false};                                  // the caller failed: leave the rest
  // The other threads' makers exist once a query was set.
  std::size_t made = 0;
  while (made < impl_->makers.size() && impl_->makers[made]) ++made;
  const std::size_t threads = std::max<std::size_t>(1, std::min(made, hits.size()));
  auto share = [&](std::size_t thread) {
    SnippetMaker& maker = *impl_->makers[thread];
    for (std::size_t i = next++; i < hits.size(); i = next++) {
      // A record takes microseconds to read: wait for it rather than sleep.
      while (ready.load(std::memory_order_acquire) <= i) {
        if (stop.load(std::memory_order_relaxed)) return;
        std::this_thread::yield();
      }
      if (unread_from) hits[i].record = store::decode_record(encoded[i]);
      texts[i].title = maker.highlight_title(hits[i].record);
      texts[i].snippets = maker.make(hits[i].record, options);
    }
  };
  for (std::size_t thread = 1; thread < threads; ++thread)
    impl_->tasks.run([&share, thread] { share(thread); });
  // The tasks use this frame's variables: wait for them before anything leaves it.
  std::exception_ptr failed;
  try {
    if (unread_from) {
      try {
        for (std::size_t i = 0; i < hits.size(); ++i) {
          encoded[i] = unread_from->get_document(hits[i].docid).get_data();
          ready.store(i + 1, std::memory_order_release);
        }
        read_story_facts(*unread_from, hits);  // the threads only fill in the records meanwhile
      } catch (const Xapian::Error& e) {
        throw std::runtime_error("search failed: " + e.get_description());
      }
    }
    share(0);
  } catch (...) {
    failed = std::current_exception();
    stop = true;
  }
  impl_->tasks.wait();  // rethrows a task's exception
  if (failed) std::rethrow_exception(failed);
  return texts;
}

SnippetMaker& HitTextMaker::snippets() {
  return *impl_->makers.front();
}

}  // namespace newsdig::results
