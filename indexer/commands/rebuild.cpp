// newsdig-index rebuild: a complete new database beside the live one, checked, then swapped in.
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "common/store/database.hpp"
#include "common/store/inspect.hpp"
#include "common/store/layout.hpp"
#include "common/store/shards.hpp"
#include "indexer/commands/commands.hpp"
#include "indexer/commands/sharded.hpp"
#include "indexer/run.hpp"
#include "indexer/shards.hpp"
#include "searcher/query/query_parser.hpp"

namespace newsdig::indexer::commands {
namespace {

struct VerifyQuery {
  std::size_t line = 0;
  Xapian::doccount min_hits = 0;
  std::string text;
};

// Reads --verify-queries: lines "<min hits><TAB><query>"; blank lines and lines starting with '#' are
// comments. Throws std::runtime_error "path:line: message".
std::vector<VerifyQuery> read_verify_queries(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error(path + ": cannot read: " + std::strerror(errno));
  std::vector<VerifyQuery> queries;
  std::size_t number = 0;
  for (std::string line; std::getline(file, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    const auto tab = line.find('\t');
    VerifyQuery query{number, 0, tab == std::string::npos ? "" : line.substr(tab + 1)};
    const char* end = line.data() + (tab == std::string::npos ? line.size() : tab);
    const auto [stop, error] = std::from_chars(line.data(), end, query.min_hits);
    if (tab == std::string::npos || error != std::errc() || stop != end || query.text.empty()) {
      throw std::runtime_error(fmt::format(
          "{}:{}: error: expected '<min hits><TAB><query>' (a number, a tab, the query)", path, number));
    }
    queries.push_back(std::move(query));
  }
  return queries;
}

// The queries that find fewer than their minimum in `database`, each as a message.
std::vector<std::string> failed_queries(const std::vector<VerifyQuery>& queries, const std::string& path,
                                        const std::string& queries_path, const std::string& language) {
  std::vector<std::string> failures;
  Xapian::Database database = store::open_for_search(path);
  analysis::Analyzer analyzer;
  query::ParseOptions parse_options;
  parse_options.language = language;
  parse_options.database = &database;
  for (const auto& query : queries) {
    const std::string where = fmt::format("{}:{}: ", queries_path, query.line);
    try {
      const query::ParsedQuery parsed = query::parse_query(query.text, analyzer, parse_options);
      Xapian::Enquire enquire(database);
      enquire.set_query(parsed.query);
      const Xapian::MSet mset = enquire.get_mset(0, 0, query.min_hits);
      const Xapian::doccount found = mset.get_matches_lower_bound();
      if (found < query.min_hits) {
        failures.push_back(fmt::format("{}'{}' found {} articles, at least {} expected", where, query.text,
                                       found, query.min_hits));
      }
    } catch (const query::SyntaxError& e) {
      failures.push_back(fmt::format("{}'{}': query error: {}", where, query.text, e.what()));
    } catch (const Xapian::Error& e) {
      failures.push_back(fmt::format("{}'{}': {}", where, query.text, e.get_description()));
    }
  }
  return failures;
}

// What a killed sharded rebuild leaves: shard directories, and no stub yet (it is written last).
bool shards_without_stub(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with("shard-") && name != std::string(store::kStubFileName) + ".new") return false;
  }
  return !error;
}

// What a killed rebuild left in <db>.new goes; anything else there is not ours to remove.
void clear_stale(const store::Layout& layout) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::exists(layout.fresh, error)) return;
  if (!store::is_database_directory(layout.fresh) && !fs::is_empty(layout.fresh, error) &&
      !shards_without_stub(layout.fresh)) {
    throw store::StoreError(layout.fresh + " exists and is not a newsdig database: move it away");
  }
  fs::remove_all(layout.fresh, error);
  if (error) throw store::StoreError("cannot remove " + layout.fresh + ": " + error.message());
}

int rebuild_locked(const Options& options, std::istream& in, std::ostream& err, bool err_is_tty) {
  const store::Layout layout = store::layout_of(options.db);
  std::vector<VerifyQuery> queries;
  try {
    if (!options.verify_queries.empty()) queries = read_verify_queries(options.verify_queries);
    clear_stale(layout);
  } catch (const std::exception& e) {
    fmt::print(err, "newsdig-index: error: {}\n", e.what());
    return kExitFatal;
  }
  // A sharded live database is rebuilt with its layout (shard count, routing) unless the options say.
  Options into = options;
  try {
    if (is_sharded(layout.live) && options.shards == 0 && options.shard_by == ShardBy::Default) {
      const std::string stub = store::stub_file_of(layout.live);
      into.shard_by = recorded_shard_by(stub);
      if (into.shard_by == ShardBy::Hash) into.shards = static_cast<unsigned>(store::read_stub(stub).size());
    }
  } catch (const store::StoreError& e) {
    fmt::print(err, "newsdig-index: error: {}\n", e.what());
    return kExitFatal;
  }
  const int status = index_into(into, layout.fresh, in, err, err_is_tty);
  const std::string untouched = fmt::format("the live database {} is unchanged", layout.live);
  if (status == kExitFatal) {
    fmt::print(err, "newsdig-index: rebuild failed: {}\n", untouched);
    return kExitFatal;
  }
  const std::string kept = fmt::format("the new one is kept in {} to look at", layout.fresh);
  // Every shard of a sharded one (a swap exchanges the whole directory, all shards at once).
  const store::CheckResult checked = check_any(layout.fresh);
  if (!checked.problems.empty()) {
    for (const auto& problem : checked.problems)
      fmt::print(err, "newsdig-index: {}: {}\n", layout.fresh, problem);
    fmt::print(err, "newsdig-index: rebuild refused: the new database failed its check; {}; {}\n", untouched,
               kept);
    return kExitCheckFailed;
  }
  if (store::is_database_directory(layout.live)) {
    try {
      const Xapian::doccount live = store::open_for_search(layout.live).get_doccount();
      const double floor = static_cast<double>(live) * (1.0 - options.max_shrink_percent / 100.0);
      if (static_cast<double>(checked.articles) < floor) {
        fmt::print(err,
                   "newsdig-index: rebuild refused: the new database has {} articles, the live one {} (more "
                   "than --max-shrink {}% fewer); {}; {}\n",
                   checked.articles, live, options.max_shrink_percent, untouched, kept);
        return kExitShrinkRefused;
      }
    } catch (const store::StoreError& e) {
      // The live database cannot be compared (another schema version: rebuilding is how to move on).
      fmt::print(err, "newsdig-index: note: article count not compared with the live database: {}\n",
                 e.what());
    }
  }
  if (!queries.empty()) {
    const auto failures =
        failed_queries(queries, layout.fresh, options.verify_queries, options.default_language);
    if (!failures.empty()) {
      for (const auto& failure : failures) fmt::print(err, "newsdig-index: {}\n", failure);
      fmt::print(err, "newsdig-index: rebuild refused: {} of {} --verify-queries failed; {}; {}\n",
                 failures.size(), queries.size(), untouched, kept);
      return kExitQueriesRefused;
    }
  }
  try {
    store::swap_in(layout);
  } catch (const store::StoreError& e) {
    fmt::print(err, "newsdig-index: error: {}\n", e.what());
    return kExitFatal;
  }
  const bool replaced = store::is_database_directory(layout.previous);
  fmt::print(err, "newsdig-index: rebuilt {}: {} articles{}\n", layout.live, checked.articles,
             replaced
                 ? fmt::format("; the replaced database is in {} (newsdig-index rollback)", layout.previous)
                 : std::string());
  return status;
}

}  // namespace

int rebuild(const Options& options, std::istream& in, std::ostream& err, bool err_is_tty) {
  return with_write_lock(options, "rebuild", err,
                         [&] { return rebuild_locked(options, in, err, err_is_tty); });
}

}  // namespace newsdig::indexer::commands
