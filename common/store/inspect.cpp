#include "common/store/inspect.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <exception>
#include <filesystem>
#include <map>
#include <sstream>

#include "common/schema.hpp"
#include "common/store/database.hpp"
#include "common/store/document_builder.hpp"
#include "common/store/record.hpp"

namespace newsdig::store {
namespace {

std::string iso_utc(std::time_t time) {
  std::tm parts{};
  ::gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

// A PubDate slot value ("YYYYMMDD" or "YYYYMMDDhhmmss") as ISO 8601.
std::string slot_date(const std::string& value) {
  if (value.size() < 8) return value;
  std::string text = value.substr(0, 4) + "-" + value.substr(4, 2) + "-" + value.substr(6, 2);
  if (value.size() >= 14) {
    text += "T" + value.substr(8, 2) + ":" + value.substr(10, 2) + ":" + value.substr(12, 2) + "Z";
  }
  return text;
}

// The version file is rewritten at every commit, so its mtime is the time of the last one.
std::string last_commit_time(const std::string& path) {
  struct stat info {};
  if (::stat((std::filesystem::path(path) / "iamglass").c_str(), &info) != 0) return "";
  return iso_utc(info.st_mtime);
}

std::uintmax_t directory_bytes(const std::string& directory) {
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

}  // namespace

Stats read_stats(const std::string& path) {
  Xapian::Database database = open_for_search(path);
  Stats stats;
  stats.path = path;
  try {
    stats.articles = database.get_doccount();
    stats.term_occurrences = database.get_total_length();
    for (auto it = database.allterms_begin(); it != database.allterms_end(); ++it) ++stats.distinct_terms;
    stats.schema_version = database.get_metadata(std::string(schema::kSchemaVersionKey));
    std::map<std::string, Xapian::doccount> sources;
    const auto source_slot = schema::slot_number(schema::Slot::Source);
    Xapian::doccount with_source = 0;
    for (auto it = database.valuestream_begin(source_slot); it != database.valuestream_end(source_slot);
         ++it) {
      ++sources[*it];
      ++with_source;
    }
    if (with_source < stats.articles) sources[""] += stats.articles - with_source;
    for (auto& [source, count] : sources) stats.sources.push_back({source, count});
    std::stable_sort(stats.sources.begin(), stats.sources.end(),
                     [](const SourceCount& a, const SourceCount& b) { return a.articles > b.articles; });
    const auto date_slot = schema::slot_number(schema::Slot::PubDate);
    stats.first_date = slot_date(database.get_value_lower_bound(date_slot));
    stats.last_date = slot_date(database.get_value_upper_bound(date_slot));
  } catch (const Xapian::Error& e) {
    throw StoreError("cannot read database " + path + ": " + e.get_msg() + " (run newsdig-index check --db " +
                     path + ")");
  }
  stats.bytes = directory_bytes(path);
  stats.last_update = last_commit_time(path);
  return stats;
}

CheckResult check_database(const std::string& path, std::size_t sample) {
  CheckResult result;
  std::error_code error;
  if (!std::filesystem::is_directory(path, error)) {
    result.problems.push_back("no database at " + path);
    return result;
  }
  try {
    std::ostringstream details;
    const std::size_t errors = Xapian::Database::check(path, 0, &details);
    if (errors != 0) {
      std::istringstream lines(details.str());
      for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) result.problems.push_back("structure: " + line);
      }
      result.problems.push_back("structure: " + std::to_string(errors) + " errors in the tables");
      return result;
    }
  } catch (const Xapian::Error& e) {
    result.problems.push_back("structure: " + e.get_description());
    return result;
  }
  Xapian::Database database;
  try {
    database = open_for_search(path);
  } catch (const StoreError& e) {
    result.problems.push_back(e.what());
    return result;
  }
  try {
    result.articles = database.get_doccount();
    const Xapian::doccount step = std::max<Xapian::doccount>(
        1, result.articles / static_cast<Xapian::doccount>(std::max<std::size_t>(1, sample)));
    Xapian::doccount index = 0;
    for (auto it = database.postlist_begin(""); it != database.postlist_end(""); ++it, ++index) {
      if (index % step != 0) continue;
      const Xapian::docid docid = *it;
      ++result.records_checked;
      try {
        const Article article = decode_record(database.get_document(docid).get_data());
        const Xapian::doccount holders = database.get_termfreq(id_term(article.id));
        if (holders != 1) {
          result.problems.push_back("article " + std::to_string(docid) + ": id '" + article.id +
                                    "' is held by " + std::to_string(holders) + " articles");
        }
      } catch (const std::exception& e) {
        result.problems.push_back("article " + std::to_string(docid) + ": stored record: " + e.what());
      }
      if (result.problems.size() >= 20) break;
    }
  } catch (const Xapian::Error& e) {
    result.problems.push_back("reading articles: " + e.get_description());
  }
  return result;
}

}  // namespace newsdig::store
