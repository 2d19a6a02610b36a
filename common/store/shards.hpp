#pragma once
// Sharded databases: a directory holding shard databases (shard-000, shard-001...) and a Xapian stub
// database file, XAPIANDB, listing them, so Xapian itself (and any Xapian tool) opens the directory as one
// combined database. A stub may also list remote shards served by xapian-tcpsrv. Reading, writing and
// opening stubs; every failure leaves as a StoreError naming the stub, the shard and what to do next.
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/schema.hpp"

namespace newsdig::store {

using schema::kStubFileName;

// One line of a stub database file, in Xapian 1.4's syntax:
//   auto PATH          a local database; a relative PATH is relative to the stub file's directory
//   remote HOST:PORT   a database served by xapian-tcpsrv (Xapian 1.4 rejects "remote tcp HOST PORT")
// Blank lines and lines starting with '#' are comments.
struct ShardSource {
  enum class Kind { Local, Remote };
  Kind kind = Kind::Local;
  std::string path;  // Local: as written in the stub
  std::string host;  // Remote
  unsigned port = 0;

  // How messages name the shard: the path as written, or "HOST:PORT".
  std::string name() const;
  // The stub line (without the newline).
  std::string line() const;
};

// "shard-000", "shard-001"...: the directory of shard `index` in a sharded database.
std::string shard_directory_name(unsigned index);

// The stub file of `path`: path/XAPIANDB when `path` is a directory holding one, `path` itself when it is
// a regular file; empty when `path` is neither (a plain database directory, or nothing).
std::string stub_file_of(const std::string& path);

// Reads the stub file `stub`. Throws StoreError ("STUB:LINE: error: ...") on a line it cannot read, or
// when it cannot be read or lists nothing.
std::vector<ShardSource> read_stub(const std::string& stub);

// Writes `sources` as the stub file `stub` atomically: a temporary file beside it, synced, renamed over
// it, so a reader sees the old list or the new one, never a mix. `notes` come first, each a comment line
// "# KEY: VALUE" (what newsdig-index records about the shards; Xapian and read_stub skip comments).
// Throws StoreError.
struct StubNote {
  std::string key;
  std::string value;
};
void write_stub(const std::string& stub, const std::vector<ShardSource>& sources,
                const std::vector<StubNote>& notes = {});

// The value of the comment line "# KEY: VALUE" in `stub`; empty when there is none. Throws StoreError
// when the stub cannot be read.
std::string read_stub_note(const std::string& stub, std::string_view key);

// The local path of a Local source read from `stub` (relative paths resolved against its directory).
std::string resolve_local(const std::string& stub, const ShardSource& source);

// Opens one shard for searching, with the schema version check (for a remote shard, the metadata the
// server returns). `connect_timeout_ms` bounds the wait for a remote server. Throws StoreError naming
// the shard.
Xapian::Database open_shard_for_search(const std::string& stub, const ShardSource& source,
                                       unsigned connect_timeout_ms = 5000);

}  // namespace newsdig::store
