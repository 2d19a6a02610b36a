#include "indexer/report.hpp"

#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace newsdig::indexer {
namespace {
constexpr std::size_t kListedInSummary = 50;
}

void Report::skipped(const formats::Diagnostic& diagnostic) {
  if (!quiet_) fmt::print(err_, "newsdig-index: {}\n", formats::format_diagnostic(diagnostic, "error"));
  skipped_.push_back(diagnostic);
}

void Report::warned(const formats::Diagnostic& diagnostic) {
  if (!quiet_) fmt::print(err_, "newsdig-index: {}\n", formats::format_diagnostic(diagnostic, "warning"));
  ++warnings_;
}

void Report::print_summary(const std::string& database, double seconds) const {
  fmt::print(err_, "newsdig-index: {} seen: {} indexed, {} skipped, {} with warnings ({} in {:.2f} s)\n",
             seen_count() == 1 ? std::string("1 article") : fmt::format("{} articles", seen_count()),
             indexed_, skipped_.size(), warnings_, database, seconds);
  if (hidden_ignored_ > 0) {
    fmt::print(err_, "newsdig-index: left out {} hidden file(s) or director(ies) (names starting with '.')\n",
               hidden_ignored_);
  }
  if (skipped_.empty()) return;
  std::map<std::string, std::size_t> by_reason;
  for (const auto& diagnostic : skipped_) ++by_reason[diagnostic.message];
  fmt::print(err_, "newsdig-index: skipped, by reason:\n");
  for (const auto& [reason, count] : by_reason) fmt::print(err_, "  {:>6}  {}\n", count, reason);
  fmt::print(err_, "newsdig-index: skipped inputs:\n");
  std::size_t listed = 0;
  for (const auto& diagnostic : skipped_) {
    if (listed++ == kListedInSummary) {
      fmt::print(err_, "  ... and {} more\n", skipped_.size() - kListedInSummary);
      break;
    }
    fmt::print(err_, "  {}\n", formats::format_diagnostic(diagnostic, "skipped"));
  }
}

}  // namespace newsdig::indexer
