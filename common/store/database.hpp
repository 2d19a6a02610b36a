#pragma once
// Opening newsdig databases: read-only for searching (with the schema version check) and the single
// writer of the indexer. Every Xapian error leaves here as a StoreError naming the database and saying
// what to do next.
#include <stdexcept>
#include <string>

#include <xapian.h>

namespace newsdig::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Opens the database at `path` for searching. Throws StoreError when there is no database there, when it
// cannot be opened, or when it was built with another schema version (the message says to reindex).
Xapian::Database open_for_search(const std::string& path);

// The one writer of a database: creates it if missing, refuses one of another schema version.
// Changes become visible to searchers only at commit(); close() commits. The destructor only closes
// quietly what close() did not.
class Writer {
 public:
  // Throws StoreError (database locked by another writer, not a newsdig database, other schema version).
  explicit Writer(const std::string& path);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Adds the document, or replaces the one holding the same unique-id term. Throws StoreError.
  void replace(const std::string& unique_term, const Xapian::Document& document);
  // Makes everything added so far durable and visible. Throws StoreError.
  void commit();
  // Commits and closes. Throws StoreError.
  void close();

  Xapian::doccount document_count() const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  Xapian::WritableDatabase database_;
  bool open_ = false;
};

}  // namespace newsdig::store
