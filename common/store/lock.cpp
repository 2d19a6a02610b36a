#include "common/store/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace newsdig::store {
namespace {

std::string now_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  ::gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "?";
  return name;
}

std::string describe(const std::optional<LockHolder>& holder) {
  if (!holder) return "another process (it has not said which yet)";
  std::string text = "newsdig-index " + holder->command + " (pid " + std::to_string(holder->pid);
  if (!holder->host.empty()) text += " on " + holder->host;
  if (!holder->since.empty()) text += ", since " + holder->since;
  return text + ")";
}

}  // namespace

std::string lock_path(const std::string& db) {
  std::filesystem::path normal = std::filesystem::path(db).lexically_normal();
  if (!normal.has_filename()) normal = normal.parent_path();
  return normal.string() + ".lock";
}

std::optional<LockHolder> read_lock_holder(const std::string& path) {
  std::ifstream file(path);
  LockHolder holder;
  if (!(file >> holder.pid >> holder.since >> holder.host)) return std::nullopt;
  std::getline(file >> std::ws, holder.command);
  return holder;
}

WriteLock::WriteLock(const std::string& db, const std::string& command, unsigned wait_seconds)
    : path_(lock_path(db)) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw StoreError("cannot create the lock file " + path_ + ": " + std::strerror(errno) +
                     " (is the database's directory there and writable?)");
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait_seconds);
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error == EINTR) continue;
    if (error != EWOULDBLOCK) {
      ::close(fd_);
      fd_ = -1;
      throw StoreError("cannot lock " + path_ + ": " + std::strerror(error));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      const auto holder = read_lock_holder(path_);
      ::close(fd_);
      fd_ = -1;
      std::string message = "database " + db + " is locked by " + describe(holder);
      message += wait_seconds == 0 ? ": try again when it is done, or pass --wait SECONDS"
                                   : ": still locked after waiting " + std::to_string(wait_seconds) + " s";
      throw LockedError(message, holder);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // Written after locking, so what the file says is about the current holder (a reader may see it
  // empty for a moment, never another holder's line).
  std::ostringstream line;
  line << ::getpid() << ' ' << now_utc() << ' ' << host_name() << ' ' << command << '\n';
  const std::string text = line.str();
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, text.data(), text.size(), 0) < 0) {
    // The lock is held all the same; only the message a second writer gets is poorer.
  }
}

WriteLock::~WriteLock() {
  release();
}

WriteLock::WriteLock(WriteLock&& other) noexcept : path_(std::move(other.path_)), fd_(other.fd_) {
  other.fd_ = -1;
}

void WriteLock::release() noexcept {
  if (fd_ < 0) return;
  // Emptied first, so the file never names a process that no longer holds the lock.
  if (::ftruncate(fd_, 0) != 0) {
    // Harmless: a reader only shows it when the lock is held.
  }
  ::close(fd_);
  fd_ = -1;
}

}  // namespace newsdig::store
