#include "searcher/results/hit_text.hpp"

#include <algorithm>
#include <exception>
#include <thread>

#include <tbb/task_group.h>

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
  for (auto& maker : impl_->makers) {
    if (!maker) maker = std::make_unique<SnippetMaker>();
    maker->set_query(terms, language, database);
  }
}

std::vector<HitText> HitTextMaker::make(const std::vector<Hit>& hits, const SnippetOptions& options) {
  std::vector<HitText> texts(hits.size());
  // Hits shared round robin: a page's hits are much alike in length, and the best come first.
  const std::size_t threads = std::min(impl_->makers.size(), hits.size());
  auto share = [&](std::size_t thread) {
    SnippetMaker& maker = *impl_->makers[thread];
    for (std::size_t i = thread; i < hits.size(); i += threads) {
      texts[i].title = maker.highlight_title(hits[i].record);
      texts[i].snippets = maker.make(hits[i].record, options);
    }
  };
  for (std::size_t thread = 1; thread < threads; ++thread)
    impl_->tasks.run([&share, thread] { share(thread); });
  // The tasks use this frame's `texts` and `share`: wait for them before anything leaves it.
  std::exception_ptr failed;
  try {
    if (threads > 0) share(0);
  } catch (...) {
    failed = std::current_exception();
  }
  impl_->tasks.wait();  // rethrows a task's exception
  if (failed) std::rethrow_exception(failed);
  return texts;
}

SnippetMaker& HitTextMaker::snippets() {
  return *impl_->makers.front();
}

}  // namespace newsdig::results
