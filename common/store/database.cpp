#include "common/store/database.hpp"

#include <filesystem>

#include "common/schema.hpp"

namespace newsdig::store {
namespace {

const std::string kExpectedVersion = std::to_string(schema::kSchemaVersion);

std::string version_mismatch(const std::string& path, const std::string& found) {
  return "database " + path + " was built with schema version " + (found.empty() ? "(none)" : found) +
         ", this newsdig reads version " + kExpectedVersion +
         ": reindex with newsdig-index into a new --db directory";
}

}  // namespace

Xapian::Database open_for_search(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    throw StoreError("no database at " + path + ": run newsdig-index first, or pass --db");
  }
  Xapian::Database database;
  try {
    database = Xapian::Database(path);
  } catch (const Xapian::Error& e) {
    throw StoreError("cannot open database " + path + ": " + e.get_msg() +
                     " (is it a newsdig database? run newsdig-index --db " + path + " to create one)");
  }
  std::string found = database.get_metadata(std::string(schema::kSchemaVersionKey));
  if (found != kExpectedVersion) throw StoreError(version_mismatch(path, found));
  return database;
}

Writer::Writer(const std::string& path) : path_(path) {
  try {
    database_ = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
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
    database_.set_metadata(key, kExpectedVersion);
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
}

Xapian::doccount Writer::document_count() const {
  return database_.get_doccount();
}

}  // namespace newsdig::store
