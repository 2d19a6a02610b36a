#pragma once
// Where a database's companions live, beside its directory <db> (the live database, which every
// command and searcher opens by that path):
//   <db>.new        the database a rebuild is writing (removed at the start of the next rebuild if a
//                   killed one left it)
//   <db>.previous   the database a rebuild or rollback swapped out: what `rollback` goes back to
//   <db>.lock       the write lock (lock.hpp)
// and the one atomic step between them: exchanging two directories with renameat2(RENAME_EXCHANGE),
// so <db> always names a complete database, the old or the new one.
#include <string>

namespace newsdig::store {

struct Layout {
  std::string live;      // <db>, normalized (no trailing slash)
  std::string fresh;     // <db>.new
  std::string previous;  // <db>.previous
  std::string lock;      // <db>.lock
};

Layout layout_of(const std::string& db);

// True when `path` holds a Xapian database: a glass one (its version file "iamglass") or a stub
// listing shards (schema::kStubFileName).
bool is_database_directory(const std::string& path);

// Exchanges the directories `a` and `b` in one step (renameat2 RENAME_EXCHANGE); where the file system
// cannot, with three renames through "<b>.old" (a short moment without `b`). Both must exist. Throws
// StoreError naming where each database is left.
void exchange_directories(const std::string& a, const std::string& b);

// Makes the complete database in layout.fresh the live one: the live one (if any) becomes
// layout.previous (an older previous one is removed first), and the directory entries are synced.
// Throws StoreError; the live database is then the old one.
void swap_in(const Layout& layout);

// Exchanges the live database and layout.previous (so a second rollback goes forward again). Throws
// StoreError when there is no previous database.
void roll_back(const Layout& layout);

// fsync()s the directory `path` (so renames in it survive a machine crash). Throws StoreError.
void sync_directory_entry(const std::string& path);

}  // namespace newsdig::store
