#pragma once
// The write lock of a newsdig database: one writing command at a time (index, rebuild, compact,
// rollback). It is a file "<db>.lock" beside the database (not inside: rebuild and rollback swap the
// database directory), locked with flock(); the kernel releases it when its holder exits, however it
// exits, so a lock file left by a killed process is harmless. The holder writes "pid start-time host
// command" into it for the message a second writer gets. Searchers never lock.
#include <optional>
#include <string>

#include "common/store/database.hpp"

namespace newsdig::store {

// Who holds a lock, as its holder wrote it.
struct LockHolder {
  long pid = 0;
  std::string since;  // when it took the lock, ISO 8601 UTC ("2026-11-24T02:00:03Z")
  std::string host;
  std::string command;  // "index", "rebuild", ...
};

// Another process holds the lock (and kept it for the whole wait, if any).
class LockedError : public StoreError {
 public:
  LockedError(const std::string& message, std::optional<LockHolder> holder)
      : StoreError(message), holder_(std::move(holder)) {}
  const std::optional<LockHolder>& holder() const { return holder_; }

 private:
  std::optional<LockHolder> holder_;
};

// "<db>.lock", for the database directory `db` (a trailing slash makes no difference).
std::string lock_path(const std::string& db);

// What the lock file at `path` says about its holder; nullopt when it is missing, empty or unreadable.
std::optional<LockHolder> read_lock_holder(const std::string& path);

// A held write lock; released by release() or the destructor.
class WriteLock {
 public:
  // Takes the lock of the database `db` for `command`. When another process holds it, waits up to
  // `wait_seconds` (0: not at all) for it, then throws LockedError, whose message names the holder
  // (pid, since when, host, command) and says what to do. Throws StoreError when the lock file cannot
  // be created (a missing or read-only directory).
  WriteLock(const std::string& db, const std::string& command, unsigned wait_seconds = 0);
  ~WriteLock();
  WriteLock(WriteLock&& other) noexcept;
  WriteLock& operator=(WriteLock&&) = delete;
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

  // Releases the lock (the file stays: removing it would let two processes lock two different files).
  void release() noexcept;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace newsdig::store
