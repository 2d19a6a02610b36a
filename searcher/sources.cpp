#include "searcher/sources.hpp"

#include <sys/stat.h>

#include "common/store/database.hpp"
#include "common/store/shards.hpp"

namespace newsdig::searcher {
namespace {

// Opening a stub's shards again after a swap seen meanwhile; swaps are minutes apart.
constexpr int kOpenAttempts = 5;

// Which stub file `stub` names now: a rebuild that swaps a sharded directory, or a new stub renamed
// over the old one, gives another file (inode), so an unchanged identity before and after opening every
// shard means they all belong to one generation.
struct StubIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  bool operator==(const StubIdentity&) const = default;
};

StubIdentity identity_of(const std::string& stub) {
  struct stat status {};
  if (::stat(stub.c_str(), &status) != 0) return {};
  return {status.st_dev, status.st_ino};
}

// The shards of one stub, all of one generation. Throws store::StoreError as open_sources() does.
Sources open_stub(const std::string& stub, bool allow_partial) {
  for (int attempt = 1;; ++attempt) {
    const StubIdentity before = identity_of(stub);
    Sources opened;
    try {
      for (const auto& shard : store::read_stub(stub)) {
        try {
          opened.database.add_database(store::open_shard_for_search(stub, shard));
          ++opened.shards;
          opened.remote = opened.remote || shard.kind == store::ShardSource::Kind::Remote;
        } catch (const store::StoreError& e) {
          if (!allow_partial) throw;
          opened.missing.push_back({shard.name(), e.what()});
        }
      }
    } catch (const store::StoreError&) {
      // A shard of a generation swapped out (and removed) while it was being opened.
      if (attempt < kOpenAttempts && identity_of(stub) != before) continue;
      throw;
    }
    if (identity_of(stub) == before || attempt == kOpenAttempts) return opened;
  }
}

}  // namespace

Sources open_sources(const std::vector<std::string>& paths, bool allow_partial) {
  Sources sources;
  std::string first_failure;
  for (const auto& path : paths) {
    const std::string stub = store::stub_file_of(path);
    if (stub.empty()) {
      // A plain database: it is not a shard of anything, so it is never left out.
      sources.database.add_database(store::open_for_search(path));
      ++sources.shards;
      continue;
    }
    Sources opened = open_stub(stub, allow_partial);
    if (opened.shards > 0) sources.database.add_database(opened.database);
    sources.shards += opened.shards;
    sources.remote = sources.remote || opened.remote;
    for (auto& missing : opened.missing) {
      if (first_failure.empty()) first_failure = missing.reason;
      sources.missing.push_back(std::move(missing));
    }
  }
  if (sources.shards == 0) {
    throw store::StoreError("no shard of " + paths.front() + " answers: " + first_failure);
  }
  return sources;
}

}  // namespace newsdig::searcher
