// newsdig-index compact: one database rewritten compactly in place, a sharded one shard by shard, or
// (--into) any of them merged into one new database.
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "common/store/database.hpp"
#include "indexer/commands/commands.hpp"
#include "indexer/commands/sharded.hpp"
#include "indexer/run.hpp"

namespace newsdig::indexer::commands {
namespace {

namespace fs = std::filesystem;

double megabytes(std::uintmax_t bytes) {
  return static_cast<double>(bytes) / 1e6;
}

std::uintmax_t tree_bytes(const std::string& path) {
  std::uintmax_t total = 0;
  std::error_code error;
  for (fs::recursive_directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
    std::error_code size_error;
    if (it->is_regular_file(size_error)) total += it->file_size(size_error);
  }
  return total;
}

int merge_into_new(const Options& options, std::ostream& err) {
  std::vector<std::string> parts = local_shards(options.db, "merge");
  if (parts.empty()) parts.push_back(options.db);
  std::error_code error;
  if (fs::exists(options.into, error) && !fs::is_empty(options.into, error)) {
    throw store::StoreError(options.into +
                            " exists: compact --into writes a new database, name a new directory");
  }
  Xapian::doccount documents = 0;
  std::uintmax_t before = 0;
  for (const auto& part : parts) {
    documents += store::open_for_search(part).get_doccount();  // the schema version check
    before += tree_bytes(part);
  }
  try {
    store::Writer writer(options.into);
    store::merge_into(parts, options.into);
    writer.close();
  } catch (const store::StoreError&) {
    fs::remove_all(options.into, error);
    throw;
  }
  fmt::print(err, "newsdig-index: merged {} ({} {}) into {}: {} documents, {:.1f} MB -> {:.1f} MB\n",
             options.db, parts.size(), parts.size() == 1 ? "database" : "shards", options.into, documents,
             megabytes(before), megabytes(tree_bytes(options.into)));
  return kExitOk;
}

}  // namespace

int compact(const Options& options, std::ostream& err) {
  try {
    if (!options.into.empty()) return merge_into_new(options, err);
    const std::vector<std::string> shards = local_shards(options.db, "compact");
    if (shards.empty()) {
      const auto result = store::compact(options.db);
      fmt::print(err, "newsdig-index: compacted {}: {:.1f} MB -> {:.1f} MB ({} documents)\n", options.db,
                 megabytes(result.bytes_before), megabytes(result.bytes_after), result.documents);
      return kExitOk;
    }
    // Shard by shard, each swapped in on its own: compaction keeps every document (and its id), so a
    // searcher that combines compacted and not yet compacted shards still sees one generation.
    store::CompactResult total;
    for (const auto& shard : shards) {
      const auto result = store::compact(shard);
      fmt::print(err, "newsdig-index: compacted {}: {:.1f} MB -> {:.1f} MB ({} documents)\n", shard,
                 megabytes(result.bytes_before), megabytes(result.bytes_after), result.documents);
      total.bytes_before += result.bytes_before;
      total.bytes_after += result.bytes_after;
      total.documents += result.documents;
    }
    fmt::print(err, "newsdig-index: compacted {} ({} shards): {:.1f} MB -> {:.1f} MB ({} documents)\n",
               options.db, shards.size(), megabytes(total.bytes_before), megabytes(total.bytes_after),
               total.documents);
    return kExitOk;
  } catch (const store::StoreError& e) {
    fmt::print(err, "newsdig-index: error: {}\n", e.what());
    return kExitFatal;
  }
}

}  // namespace newsdig::indexer::commands
