#include "indexer/sources/walk.hpp"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "indexer/sources/container.hpp"

namespace newsdig::sources {
namespace fs = std::filesystem;
namespace {

bool is_hidden(std::string_view name) {
  return !name.empty() && name.front() == '.' && name != "." && name != "..";
}

std::string_view base_name(std::string_view relative) {
  const auto slash = relative.rfind('/');
  return slash == std::string_view::npos ? relative : relative.substr(slash + 1);
}

bool matches(const std::string& glob, std::string_view relative) {
  const std::string subject(glob.find('/') == std::string::npos ? base_name(relative) : relative);
  return ::fnmatch(glob.c_str(), subject.c_str(), 0) == 0;
}

bool matches_any(const std::vector<std::string>& globs, std::string_view relative) {
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& glob) { return matches(glob, relative); });
}

// The name a directory root contributes to id bases: its own name, even when given as "." or "dir/".
std::string root_name(const fs::path& root) {
  fs::path normal = root.lexically_normal();
  if (!normal.has_filename()) normal = normal.parent_path();
  std::string name = normal.filename().string();
  if (name.empty() || name == "." || name == "..") {
    std::error_code error;
    fs::path absolute = fs::weakly_canonical(root, error);
    name = error ? std::string() : absolute.filename().string();
  }
  return name.empty() ? std::string("root") : name;
}

WalkItem problem(WalkItem::Kind kind, std::string origin, std::string message) {
  WalkItem item;
  item.kind = kind;
  item.diagnostic = {std::move(origin), 0, std::move(message)};
  return item;
}

std::string system_reason(int error) {
  return std::strerror(error);
}

}  // namespace

bool Globs::not_excluded(std::string_view relative) const {
  return !matches_any(exclude, relative);
}

bool Globs::keeps_file(std::string_view relative) const {
  if (!not_excluded(relative)) return false;
  return include.empty() || matches_any(include, relative);
}

bool Globs::keeps_directory(std::string_view relative) const {
  return not_excluded(relative);
}

struct Walker::Frame {
  fs::path directory;
  std::string relative;  // "" for the root
  std::vector<std::string> names;
  std::size_t next = 0;
  std::pair<std::uintmax_t, std::uintmax_t> key;
};

Walker::Walker(std::vector<std::string> paths, Globs globs)
    : paths_(std::move(paths)), globs_(std::move(globs)) {}

Walker::~Walker() = default;

std::optional<WalkItem> Walker::enter_directory(const fs::path& directory, std::string relative,
                                                const std::string& origin) {
  struct stat info {};
  if (::stat(directory.c_str(), &info) != 0) {
    return problem(WalkItem::Kind::Skip, origin, "cannot read directory: " + system_reason(errno));
  }
  const std::pair<std::uintmax_t, std::uintmax_t> key{info.st_dev, info.st_ino};
  if (visited_.contains(key)) {
    const auto ancestor =
        std::find_if(stack_.begin(), stack_.end(), [&](const auto& f) { return f->key == key; });
    if (ancestor != stack_.end()) {
      return problem(WalkItem::Kind::Warn, origin,
                     "symbolic link loop back to " + (*ancestor)->directory.string() + ": not walked again");
    }
    return problem(WalkItem::Kind::Warn, origin,
                   "directory already walked through another path: not walked again");
  }
  auto frame = std::make_unique<Frame>();
  frame->directory = directory;
  frame->relative = std::move(relative);
  frame->key = key;
  std::error_code error;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    frame->names.push_back(it->path().filename().string());
  }
  if (error) return problem(WalkItem::Kind::Skip, origin, "cannot read directory: " + error.message());
  std::sort(frame->names.begin(), frame->names.end());
  visited_.insert(key);
  stack_.push_back(std::move(frame));
  return std::nullopt;
}

std::optional<WalkItem> Walker::start_argument(const std::string& argument) {
  if (argument == "-") {
    WalkItem item;
    item.file = SourceFile{{}, "-", "stdin", "stdin", 0, true, true};
    return item;
  }
  fs::path path(argument);
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    const int error = errno;
    struct stat link {};
    if (error == ENOENT && ::lstat(path.c_str(), &link) == 0) {
      return problem(WalkItem::Kind::Skip, argument, "cannot read: dangling symbolic link");
    }
    return problem(
        WalkItem::Kind::Skip, argument,
        error == ENOENT ? std::string("no such file or directory") : "cannot read: " + system_reason(error));
  }
  if (S_ISDIR(info.st_mode)) {
    visited_.clear();
    root_prefix_ = root_name(path);
    return enter_directory(path, "", argument);
  }
  WalkItem item;
  const std::string name = path.filename().string();
  item.file = SourceFile{path, argument, name, name, static_cast<std::uintmax_t>(info.st_size), false, true};
  return item;
}

std::optional<WalkItem> Walker::next() {
  for (;;) {
    if (stack_.empty()) {
      if (next_path_ == paths_.size()) return std::nullopt;
      if (auto item = start_argument(paths_[next_path_++])) return item;
      continue;
    }
    Frame& frame = *stack_.back();
    if (frame.next == frame.names.size()) {
      stack_.pop_back();
      continue;
    }
    const std::string& name = frame.names[frame.next++];
    if (is_hidden(name)) {
      ++stats_.hidden_ignored;
      continue;
    }
    const fs::path path = frame.directory / name;
    std::string relative = frame.relative.empty() ? name : frame.relative + "/" + name;
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
      const int error = errno;
      struct stat link {};
      if (error == ENOENT && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        return problem(WalkItem::Kind::Skip, path.string(), "cannot read: dangling symbolic link");
      }
      return problem(WalkItem::Kind::Skip, path.string(), "cannot read: " + system_reason(error));
    }
    if (S_ISDIR(info.st_mode)) {
      if (!globs_.keeps_directory(relative)) {
        ++stats_.glob_ignored;
        continue;
      }
      if (auto item = enter_directory(path, std::move(relative), path.string())) return item;
      continue;
    }
    if (!S_ISREG(info.st_mode)) {
      ++stats_.special_ignored;
      continue;
    }
    const bool keep = is_container_name(name) ? globs_.not_excluded(relative) : globs_.keeps_file(relative);
    if (!keep) {
      ++stats_.glob_ignored;
      continue;
    }
    WalkItem item;
    item.file.path = path;
    item.file.origin = path.string();
    item.file.id_base = root_prefix_ + "/" + relative;
    item.file.relative = std::move(relative);
    item.file.size = static_cast<std::uintmax_t>(info.st_size);
    return item;
  }
}

std::uintmax_t total_input_bytes(const std::vector<std::string>& paths, const Globs& globs) {
  Walker walker(paths, globs);
  std::uintmax_t total = 0;
  while (auto item = walker.next()) {
    if (item->kind == WalkItem::Kind::File) total += item->file.size;
  }
  return total;
}

}  // namespace newsdig::sources
