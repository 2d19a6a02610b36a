#include "common/store/database.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <thread>

#include "common/schema.hpp"
#include "common/store/layout.hpp"

namespace newsdig::store {
namespace {

const std::string kExpectedVersion = std::to_string(schema::kSchemaVersion);

std::string version_mismatch(const std::string& path, const std::string& found) {
  return "database " + path + " was built with schema version " + (found.empty() ? "(none)" : found) +
         ", this newsdig reads version " + kExpectedVersion +
         ": reindex with newsdig-index into a new --db directory";
}

std::uintmax_t directory_bytes(const std::filesystem::path& directory) {
  std::uintmax_t total = 0;
  std::error_code error;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    std::error_code size_error;
    const auto size = it->file_size(size_error);
    if (!size_error) total += size;
  }
  return total;
}

void sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw StoreError("cannot sync " + path + ": " + std::strerror(errno));
  const bool ok = ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!ok) throw StoreError("cannot sync " + path + " to disk: " + std::strerror(error));
}

// fsync()s every file of a database directory and the directory itself.
void sync_directory(const std::string& directory) {
  std::error_code error;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file(error)) sync_path(it->path().string(), 0);
  }
  sync_path(directory, O_DIRECTORY);
}

// Swaps the compacted copy `fresh` in for `path`; `fresh` then holds the old one.
void swap_directories(const std::string& fresh, const std::string& path) {
  try {
    exchange_directories(fresh, path);
  } catch (const StoreError& e) {
    throw StoreError(std::string("cannot swap the compacted database into ") + path + ": " + e.what());
  }
}

Xapian::Database open_checked(const std::string& path) {
  Xapian::Database database(path);
  // Read now, so a database swapped mid-open fails here (and is retried) rather than later.
  std::string found = database.get_metadata(std::string(schema::kSchemaVersionKey));
  if (found != kExpectedVersion) throw StoreError(version_mismatch(path, found));
  return database;
}

}  // namespace

Xapian::Database open_for_search(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    throw StoreError("no database at " + path + ": run newsdig-index first, or pass --db");
  }
  // A rebuild or compaction may swap the directory while Xapian opens its files one by one (a mix of
  // two revisions), or a writer may overwrite the revision being read: opening again reads one whole
  // database. Three attempts, as swaps take a moment and are minutes apart.
  for (int attempt = 1;; ++attempt) {
    try {
      return open_checked(path);
    } catch (const Xapian::DatabaseError& e) {
      if (attempt < 3 && std::filesystem::exists(path, error)) continue;
      if (attempt < 3) {
        // Mid-swap on a file system without renameat2: the path comes back in a moment.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        continue;
      }
      throw StoreError("cannot open database " + path + ": " + e.get_msg() +
                       " (is it a newsdig database? run newsdig-index --db " + path + " to create one)");
    } catch (const Xapian::Error& e) {
      throw StoreError("cannot open database " + path + ": " + e.get_msg() +
                       " (is it a newsdig database? run newsdig-index --db " + path + " to create one)");
    }
  }
}

Writer::Writer(const std::string& path, WriterOptions options) : path_(path), options_(options) {
  try {
    database_ = Xapian::WritableDatabase(
        path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS | (options.bulk ? Xapian::DB_NO_SYNC : 0));
  } catch (const Xapian::DatabaseLockError& e) {
    throw StoreError("database " + path +
                     " is being written by another newsdig-index: wait for it to finish (" + e.get_msg() +
                     ")");
  } catch (const Xapian::Error& e) {
    throw StoreError("cannot open database " + path + " for writing: " + e.get_msg());
  }
  open_ = true;
  const std::string key(schema::kSchemaVersionKey);
  std::string found = database_.get_metadata(key);
  if (found.empty() && database_.get_doccount() == 0) {
    // Committed at once: a new database carries its schema version from the start, and nothing stays
    // pending that a later commit could write over a database swapped in meanwhile (merge_into).
    try {
      database_.set_metadata(key, kExpectedVersion);
      database_.commit();
    } catch (const Xapian::Error& e) {
      throw StoreError("cannot write to database " + path + ": " + e.get_msg());
    }
  } else if (found != kExpectedVersion) {
    database_.close();
    open_ = false;
    throw StoreError(version_mismatch(path, found));
  }
}

Writer::~Writer() {
  if (!open_) return;
  try {
    database_.close();
  } catch (const Xapian::Error&) {
    // Destructors only report; close() is the checked path. Nothing to report to here.
  }
}

void Writer::replace(const std::string& unique_term, const Xapian::Document& document) {
  try {
    database_.replace_document(unique_term, document);
  } catch (const Xapian::Error& e) {
    throw StoreError("cannot write to database " + path_ + ": " + e.get_msg());
  }
}

void Writer::add(const Xapian::Document& document) {
  try {
    database_.add_document(document);
  } catch (const Xapian::Error& e) {
    throw StoreError("cannot write to database " + path_ + ": " + e.get_msg());
  }
}

void Writer::remove(const std::string& term) {
  try {
    database_.delete_document(term);
  } catch (const Xapian::Error& e) {
    throw StoreError("cannot write to database " + path_ + ": " + e.get_msg());
  }
}

void Writer::commit() {
  try {
    database_.commit();
  } catch (const Xapian::Error& e) {
    throw StoreError("cannot commit to database " + path_ + ": " + e.get_msg());
  }
}

void Writer::close() {
  if (!open_) return;
  commit();
  try {
    database_.close();
  } catch (const Xapian::Error& e) {
    throw StoreError("cannot close database " + path_ + ": " + e.get_msg());
  }
  open_ = false;
  if (options_.bulk) sync_directory(path_);
}

Xapian::doccount Writer::document_count() const {
  return database_.get_doccount();
}

namespace {

std::string normal_path(const std::string& path) {
  std::filesystem::path normal = std::filesystem::path(path).lexically_normal();
  if (!normal.has_filename()) normal = normal.parent_path();
  return normal.string();
}

std::string parent_of(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// Writes `sources` compactly into a new directory beside `path` and swaps it in for the database there,
// whose write lock the caller holds; the old one is removed. `renumber`: document ids are renumbered
// (needed when merging several databases), else kept.
void compact_and_swap(Xapian::Database& sources, const std::string& path, bool renumber) {
  const std::string fresh = path + ".compacting";
  std::error_code error;
  std::filesystem::remove_all(fresh, error);  // what an interrupted compaction left
  try {
    sources.compact(fresh, (renumber ? 0 : Xapian::DBCOMPACT_NO_RENUMBER) | Xapian::Compactor::FULLER);
  } catch (const Xapian::Error& e) {
    std::filesystem::remove_all(fresh, error);
    throw StoreError("cannot compact database " + path + ": " + e.get_msg() + " (the database is unchanged)");
  }
  sync_directory(fresh);
  swap_directories(fresh, path);
  std::filesystem::remove_all(fresh, error);
  sync_path(parent_of(path), O_DIRECTORY);
}

}  // namespace

CompactResult compact(const std::string& path_argument) {
  const std::string path = normal_path(path_argument);
  std::error_code error;
  if (!std::filesystem::is_directory(path, error)) {
    throw StoreError("no database at " + path + ": run newsdig-index first, or pass --db");
  }
  // Opening for writing takes the write lock, held until the swap is done: no indexer writes meanwhile.
  Xapian::WritableDatabase source;
  try {
    source = Xapian::WritableDatabase(path, Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseLockError& e) {
    throw StoreError("database " + path +
                     " is being written by newsdig-index: compact it when that is done (" + e.get_msg() +
                     ")");
  } catch (const Xapian::Error& e) {
    throw StoreError("cannot open database " + path + ": " + e.get_msg() + " (is it a newsdig database?)");
  }
  const std::string found = source.get_metadata(std::string(schema::kSchemaVersionKey));
  if (found != kExpectedVersion) throw StoreError(version_mismatch(path, found));

  CompactResult result;
  result.bytes_before = directory_bytes(path);
  result.documents = source.get_doccount();
  compact_and_swap(source, path, false);
  try {
    source.close();
  } catch (const Xapian::Error&) {
    // It was swapped out and removed; nothing in it matters any more.
  }
  result.bytes_after = directory_bytes(path);
  return result;
}

void merge_into(const std::vector<std::string>& parts, const std::string& path) {
  Xapian::Database sources;
  try {
    for (const auto& part : parts) sources.add_database(Xapian::Database(part));
  } catch (const Xapian::Error& e) {
    throw StoreError("cannot open the parts of database " + path + " to merge them: " + e.get_msg());
  }
  compact_and_swap(sources, normal_path(path), true);
}

}  // namespace newsdig::store
