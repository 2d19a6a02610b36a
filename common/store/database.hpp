#pragma once
// Opening newsdig databases: read-only for searching (with the schema version check) and the single
// writer of the indexer. Every Xapian error leaves here as a StoreError naming the database and saying
// what to do next.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdig::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Opens the database at `path` for searching. Throws StoreError when there is no database there, when it
// cannot be opened, or when it was built with another schema version (the message says to reindex).
Xapian::Database open_for_search(const std::string& path);

struct WriterOptions {
  // Bulk loading: commits do not wait for the disk (no fsync); close() then syncs every file once. A
  // killed process still leaves the last commit (the kernel has every write); only a machine crash
  // before close() can lose commits since the last sync.
  bool bulk = false;
};

// The one writer of a database: creates it if missing, refuses one of another schema version.
// Changes become visible to searchers only at commit(); close() commits. The destructor only closes
// quietly what close() did not.
class Writer {
 public:
  // Throws StoreError (database locked by another writer, not a newsdig database, other schema version).
  explicit Writer(const std::string& path, WriterOptions options = {});
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Adds the document, or replaces the one holding the same unique-id term. Throws StoreError.
  void replace(const std::string& unique_term, const Xapian::Document& document);
  // Adds the document without looking for another holding its unique-id term: for a caller that knows
  // none does (a database empty at the start of the run, an id not written before). Throws StoreError.
  void add(const Xapian::Document& document);
  // Deletes every document indexed by `term` (newsdig-index --prune). Throws StoreError.
  void remove(const std::string& term);
  // Makes everything added so far durable and visible. Throws StoreError.
  void commit();
  // Commits and closes (in bulk mode, then syncs the database's files to disk). Throws StoreError.
  void close();

  Xapian::doccount document_count() const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  WriterOptions options_;
  Xapian::WritableDatabase database_;
  bool open_ = false;
};

struct CompactResult {
  std::uintmax_t bytes_before = 0;  // size of the database's files before and after
  std::uintmax_t bytes_after = 0;
  Xapian::doccount documents = 0;
};

// Rewrites the database at `path` compactly (Xapian's compaction, fullest level, document ids kept) into
// a new directory beside it ("<path>.compacting"), then swaps the new one in with one atomic rename
// (renameat2 RENAME_EXCHANGE; where the file system cannot, two renames) and removes the old one.
// Searchers that have the old database open keep reading it until they reopen. Holds the database's
// write lock throughout, so no indexer writes meanwhile. Throws StoreError (no database, another
// schema version, locked by a writer, disk full...): the database at `path` is then left as it was.
CompactResult compact(const std::string& path);

// Merges the newsdig databases `parts` into one (document ids renumbered: those of parts[0] first, then
// those of parts[1]...), written compactly beside `path` and swapped in for the database there, which the
// caller holds open with a Writer (so holds its write lock) and which should be empty: its documents are
// not kept. The parts are left as they are. Throws StoreError: the database at `path` is then unchanged.
void merge_into(const std::vector<std::string>& parts, const std::string& path);

}  // namespace newsdig::store
