#pragma once
// Looking at a whole newsdig database without searching it: the figures `newsdig-index stats` prints and
// the structure and schema checks of `newsdig-index check`. Read-only; never takes the write lock.
#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdig::store {

struct SourceCount {
  std::string source;  // as the articles give it (the Source slot); empty = articles without one
  Xapian::doccount articles = 0;
};

struct Stats {
  std::string path;
  Xapian::doccount articles = 0;
  Xapian::termcount distinct_terms = 0;
  Xapian::totallength term_occurrences = 0;  // sum of the articles' lengths in terms
  std::uintmax_t bytes = 0;                  // size of the database's files on disk
  std::string last_update;  // ISO 8601 UTC time of the last commit (the version file's mtime)
  std::string schema_version;
  std::vector<SourceCount> sources;  // most articles first, ties by name
  std::string first_date;            // publication date bounds ("2014-09-22" or "2014-09-22T10:00:00Z");
  std::string last_date;             // empty when no article has a date
};

// Throws StoreError (no database, cannot open, other schema version).
Stats read_stats(const std::string& path);

struct CheckResult {
  std::vector<std::string> problems;  // empty: the database passed
  Xapian::doccount articles = 0;
  std::size_t records_checked = 0;
};

// Checks the database at `path`: Xapian's structure check of every table (Database::check), the schema
// version, and the stored records of up to `sample` articles spread over the database (each must decode,
// and its id must be the unique-id term of exactly one article). Problems are values; never throws for a
// damaged database.
CheckResult check_database(const std::string& path, std::size_t sample = 2000);

}  // namespace newsdig::store
