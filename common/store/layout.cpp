#include "common/store/layout.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE (glibc 2.28)
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "common/schema.hpp"
#include "common/store/database.hpp"

namespace newsdig::store {
namespace {

std::string parent_of(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace

Layout layout_of(const std::string& db) {
  std::filesystem::path normal = std::filesystem::path(db).lexically_normal();
  if (!normal.has_filename()) normal = normal.parent_path();
  const std::string live = normal.string();
  return {live, live + ".new", live + ".previous", live + ".lock"};
}

bool is_database_directory(const std::string& path) {
  std::error_code error;
  const std::filesystem::path directory(path);
  return std::filesystem::is_regular_file(directory / "iamglass", error) ||
         std::filesystem::is_regular_file(directory / schema::kStubFileName, error);
}

void sync_directory_entry(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw StoreError("cannot sync " + path + ": " + std::strerror(errno));
  const bool ok = ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!ok) throw StoreError("cannot sync " + path + " to disk: " + std::strerror(error));
}

void exchange_directories(const std::string& a, const std::string& b) {
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return;
  const int error = errno;
  if (error != EINVAL && error != ENOSYS) {
    throw StoreError("cannot swap " + a + " and " + b + ": " + std::strerror(error) +
                     " (both are unchanged)");
  }
  const std::string old = b + ".old";
  std::error_code ignored;
  std::filesystem::remove_all(old, ignored);
  if (::rename(b.c_str(), old.c_str()) != 0 || ::rename(a.c_str(), b.c_str()) != 0 ||
      ::rename(old.c_str(), a.c_str()) != 0) {
    throw StoreError("cannot swap " + a + " and " + b + ": " + std::strerror(errno) + " (look for them in " +
                     a + ", " + b + " and " + old + ")");
  }
}

void swap_in(const Layout& layout) {
  std::error_code error;
  if (!std::filesystem::exists(layout.live, error)) {
    if (::rename(layout.fresh.c_str(), layout.live.c_str()) != 0) {
      throw StoreError("cannot move " + layout.fresh + " to " + layout.live + ": " + std::strerror(errno));
    }
    sync_directory_entry(parent_of(layout.live));
    return;
  }
  exchange_directories(layout.fresh, layout.live);
  // The old live database is now in layout.fresh: it becomes the previous one. Until this rename, a
  // killed run leaves it in <db>.new, which the next rebuild clears (the live database is already new).
  std::filesystem::remove_all(layout.previous, error);
  if (error) {
    throw StoreError("the new database is live, but the old one stays in " + layout.fresh +
                     ": cannot remove " + layout.previous + ": " + error.message());
  }
  if (::rename(layout.fresh.c_str(), layout.previous.c_str()) != 0) {
    throw StoreError("the new database is live, but the old one stays in " + layout.fresh + ": " +
                     std::strerror(errno));
  }
  sync_directory_entry(parent_of(layout.live));
}

void roll_back(const Layout& layout) {
  if (!is_database_directory(layout.previous)) {
    throw StoreError("no previous database at " + layout.previous +
                     ": rollback goes back to the database a rebuild replaced, and there is none");
  }
  if (!std::filesystem::exists(layout.live)) {
    if (::rename(layout.previous.c_str(), layout.live.c_str()) != 0) {
      throw StoreError("cannot move " + layout.previous + " to " + layout.live + ": " + std::strerror(errno));
    }
  } else {
    exchange_directories(layout.previous, layout.live);
  }
  sync_directory_entry(parent_of(layout.live));
}

}  // namespace newsdig::store
