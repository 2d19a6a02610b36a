#include "indexer/sources/walk.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
#include <iterator>
#include <stdexcept>
#include <system_error>

namespace newsdig::sources {
namespace fs = std::filesystem;
namespace {

bool is_hidden(const fs::path& path) {
  auto name = path.filename().string();
  return !name.empty() && name.front() == '.' && name != "." && name != "..";
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

void walk_directory(const fs::path& root, const std::function<void(const SourceFile&)>& visit,
                    const std::function<void(formats::Diagnostic)>& problem, WalkStats* stats) {
  const std::string prefix = root_name(root);
  std::vector<fs::path> files;
  std::error_code error;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error);
  if (error) {
    problem({root.string(), 0, "cannot read directory: " + error.message()});
    return;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) {
      problem({it->path().string(), 0, "cannot read: " + error.message()});
      error.clear();
      continue;
    }
    if (is_hidden(it->path())) {
      if (stats != nullptr) ++stats->hidden_ignored;
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(error)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    SourceFile source;
    source.path = file;
    source.origin = file.string();
    source.id_base = prefix + "/" + file.lexically_relative(root).generic_string();
    visit(source);
  }
}

}  // namespace

void walk(const std::vector<std::string>& paths, const std::function<void(const SourceFile&)>& visit,
          const std::function<void(formats::Diagnostic)>& problem, WalkStats* stats) {
  for (const auto& argument : paths) {
    if (argument == "-") {
      visit(SourceFile{{}, "-", "stdin", true});
      continue;
    }
    fs::path path(argument);
    std::error_code error;
    auto status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      problem({argument, 0, "no such file or directory"});
    } else if (fs::is_directory(status)) {
      walk_directory(path, visit, problem, stats);
    } else {
      visit(SourceFile{path, argument, path.filename().string(), false});
    }
  }
}

std::string read_all(const SourceFile& file, std::istream& standard_input) {
  if (file.is_stdin) {
    std::string content((std::istreambuf_iterator<char>(standard_input)), std::istreambuf_iterator<char>());
    if (standard_input.bad()) throw std::runtime_error("cannot read standard input");
    return content;
  }
  std::ifstream stream(file.path, std::ios::binary);
  if (!stream) throw std::runtime_error(std::strerror(errno));
  std::string content((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  if (stream.bad()) throw std::runtime_error(std::strerror(errno));
  return content;
}

}  // namespace newsdig::sources
