#include "indexer/report.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <ostream>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

namespace newsdig::indexer {
namespace {

constexpr std::size_t kListedInSummary = 50;
constexpr int kReportVersion = 1;
constexpr auto kTtyInterval = std::chrono::milliseconds(250);
constexpr auto kLogInterval = std::chrono::seconds(5);

std::string megabytes(std::uint64_t bytes) {
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
}

std::string duration(double seconds) {
  const auto whole = static_cast<long long>(seconds + 0.5);
  if (whole < 60) return fmt::format("{}s", whole);
  if (whole < 3600) return fmt::format("{}m{:02}s", whole / 60, whole % 60);
  return fmt::format("{}h{:02}m", whole / 3600, (whole % 3600) / 60);
}

std::string articles(std::size_t count) {
  return count == 1 ? std::string("1 article") : fmt::format("{} articles", count);
}

nlohmann::json diagnostics_json(const std::vector<formats::Diagnostic>& diagnostics) {
  auto list = nlohmann::json::array();
  for (const auto& diagnostic : diagnostics) {
    list.push_back(
        {{"origin", diagnostic.origin}, {"line", diagnostic.line}, {"reason", diagnostic.message}});
  }
  return list;
}

}  // namespace

Report::Report(std::ostream& err, bool quiet, ProgressMode progress)
    : err_(err),
      quiet_(quiet),
      progress_(progress),
      started_(std::chrono::steady_clock::now()),
      last_progress_(started_) {}

double Report::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void Report::clear_progress_line() {
  if (!progress_line_shown_) return;
  fmt::print(err_, "\r\033[K");
  progress_line_shown_ = false;
}

void Report::skipped(const formats::Diagnostic& diagnostic) {
  if (!quiet_) {
    clear_progress_line();
    fmt::print(err_, "newsdig-index: {}\n", formats::format_diagnostic(diagnostic, "error"));
  }
  skipped_.push_back(diagnostic);
}

void Report::warned(const formats::Diagnostic& diagnostic) {
  if (!quiet_) {
    clear_progress_line();
    fmt::print(err_, "newsdig-index: {}\n", formats::format_diagnostic(diagnostic, "warning"));
  }
  warnings_.push_back(diagnostic);
}

void Report::fatal(const std::string& message) {
  clear_progress_line();
  fmt::print(err_, "newsdig-index: error: {}\n", message);
}

std::string Report::progress_text(std::uint64_t input_bytes) const {
  const double elapsed = seconds();
  const double rate = elapsed > 0 ? static_cast<double>(indexed_) / elapsed : 0.0;
  std::string text = fmt::format("{} {}{}, {} skipped, {} of text, {:.0f} articles/s", indexed_, verb_,
                                 unchanged_ > 0 ? fmt::format(" ({} unchanged)", unchanged_) : std::string(),
                                 skipped_.size(), megabytes(text_bytes_), rate);
  if (expected_input_bytes_ && *expected_input_bytes_ > 0 && input_bytes > 0) {
    const double done =
        std::min(1.0, static_cast<double>(input_bytes) / static_cast<double>(*expected_input_bytes_));
    text += fmt::format(", {:.0f}% of input", done * 100);
    if (done > 0.01 && elapsed > 2) text += ", ETA " + duration(elapsed * (1 - done) / done);
  }
  return text;
}

void Report::tick(std::uint64_t input_bytes) {
  if (progress_ == ProgressMode::None) return;
  const auto now = std::chrono::steady_clock::now();
  const auto interval = progress_ == ProgressMode::Tty
                            ? std::chrono::duration_cast<std::chrono::milliseconds>(kTtyInterval)
                            : std::chrono::duration_cast<std::chrono::milliseconds>(kLogInterval);
  if (now - last_progress_ < interval) return;
  last_progress_ = now;
  if (progress_ == ProgressMode::Tty) {
    fmt::print(err_, "\r\033[Knewsdig-index: {}", progress_text(input_bytes));
    progress_line_shown_ = true;
  } else {
    fmt::print(err_, "newsdig-index: progress: {}\n", progress_text(input_bytes));
  }
  err_.flush();
}

void Report::print_summary(const std::string& database, const InputTotals& totals) {
  clear_progress_line();
  const double elapsed = seconds();
  const double rate = elapsed > 0 ? static_cast<double>(indexed_) / elapsed : 0.0;
  const double text_rate = elapsed > 0 ? static_cast<double>(text_bytes_) / 1e6 / elapsed : 0.0;
  fmt::print(err_,
             "newsdig-index: {} seen: {} {}, {} skipped, {} with warnings ({} of text in {:.2f} s: "
             "{:.0f} articles/s, {:.1f} MB/s{})\n",
             articles(seen_count()), indexed_, verb_, skipped_.size(), warnings_.size(),
             megabytes(text_bytes_), elapsed, rate, text_rate,
             database.empty() ? std::string() : "; database " + database);
  if (verb_ == "indexed") {
    fmt::print(err_, "newsdig-index: {} added, {} replaced, {} unchanged, {} deleted\n", added_, replaced_,
               unchanged_, deleted_);
  }
  if (totals.hidden_ignored > 0) {
    fmt::print(err_,
               "newsdig-index: left out {} hidden file(s), director(ies) or archive member(s) (names "
               "starting with '.')\n",
               totals.hidden_ignored);
  }
  if (totals.glob_ignored > 0) {
    fmt::print(
        err_,
        "newsdig-index: left out {} file(s), director(ies) or archive member(s) by --include/--exclude\n",
        totals.glob_ignored);
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
      fmt::print(err_, "  ... and {} more (--report FILE lists them all)\n",
                 skipped_.size() - kListedInSummary);
      break;
    }
    fmt::print(err_, "  {}\n", formats::format_diagnostic(diagnostic, "skipped"));
  }
}

void Report::write_json(const std::string& path, const std::string& database, const InputTotals& totals,
                        int exit_status) const {
  const nlohmann::json report = {
      {"version", kReportVersion},
      {"database", database},
      {"exit_status", exit_status},
      {"seconds", seconds()},
      {"articles",
       {{"seen", seen_count()},
        {"indexed", indexed_},
        {"skipped", skipped_.size()},
        {"added", added_},
        {"replaced", replaced_},
        {"unchanged", unchanged_},
        {"deleted", deleted_}}},
      {"text_bytes", text_bytes_},
      {"input_bytes", totals.input_bytes},
      {"containers", totals.containers},
      {"commits", commits_},
      {"left_out",
       {{"hidden", totals.hidden_ignored},
        {"globs", totals.glob_ignored},
        {"special", totals.special_ignored}}},
      {"skipped", diagnostics_json(skipped_)},
      {"warnings", diagnostics_json(warnings_)},
  };
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write report " + path + ": " + std::strerror(errno));
  // Invalid UTF-8 in an origin (a file name) is replaced rather than failing the whole report.
  out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  out.close();
  if (!out) throw std::runtime_error("cannot write report " + path + ": " + std::strerror(errno));
}

}  // namespace newsdig::indexer
