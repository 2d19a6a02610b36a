#pragma once
// Opening what --db names as one database to search: database directories, stub databases listing
// local and remote shards (common/store/shards.hpp), or several of them, combined with
// Xapian::Database::add_database (Xapian merges their collection statistics, so ranking is that of one
// database holding every article). Each shard is opened and version-checked on its own, so a shard that
// is down is named, and with `allow_partial` left out instead of failing the search.
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdig::searcher {

struct MissingShard {
  std::string name;    // the shard as its stub lists it ("shard-002", "10.0.0.7:7002")
  std::string reason;  // the error that left it out
};

struct Sources {
  Xapian::Database database;
  std::vector<MissingShard> missing;  // only with allow_partial
  unsigned shards = 0;                // sub-databases opened
  bool remote = false;                // some of them are remote (xapian-tcpsrv)
};

// Opens every database `paths` names. The shards of one stub are of one generation: when the stub file
// is replaced while they open (a rebuild swapping a sharded directory, a new stub renamed over the old),
// they are opened again. Throws store::StoreError naming the first that fails (without
// `allow_partial`), or when none at all can be opened.
Sources open_sources(const std::vector<std::string>& paths, bool allow_partial);

}  // namespace newsdig::searcher
