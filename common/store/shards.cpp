#include "common/store/shards.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "common/schema.hpp"
#include "common/store/database.hpp"

namespace newsdig::store {
namespace {

namespace fs = std::filesystem;

// Longest wait for one answer of a remote shard; a query over a big shard answers well within it.
constexpr unsigned kRemoteTimeoutMs = 60000;

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// "HOST:PORT" (the port after the last colon, so an IPv6 address keeps its own).
bool parse_host_port(std::string_view text, ShardSource& source) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  unsigned port = 0;
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  const auto [end, error] = std::from_chars(first, last, port);
  if (error != std::errc() || end != last || port == 0 || port > 65535) return false;
  source.host = std::string(text.substr(0, colon));
  source.port = port;
  return true;
}

void sync_fd_of(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::string ShardSource::name() const {
  return kind == Kind::Local ? path : host + ":" + std::to_string(port);
}

std::string ShardSource::line() const {
  return kind == Kind::Local ? "auto " + path : "remote " + name();
}

std::string shard_directory_name(unsigned index) {
  char name[32];
  std::snprintf(name, sizeof name, "shard-%03u", index);
  return name;
}

std::string stub_file_of(const std::string& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) {
    const fs::path stub = fs::path(path) / kStubFileName;
    return fs::is_regular_file(stub, error) ? stub.string() : std::string();
  }
  return fs::is_regular_file(path, error) ? path : std::string();
}

std::vector<ShardSource> read_stub(const std::string& stub) {
  std::ifstream in(stub);
  if (!in) throw StoreError("cannot read the stub database file " + stub + ": " + std::strerror(errno));
  std::vector<ShardSource> sources;
  std::string text;
  for (unsigned number = 1; std::getline(in, text); ++number) {
    const std::string_view line = trimmed(text);
    if (line.empty() || line.front() == '#') continue;
    const auto space = line.find_first_of(" \t");
    const std::string_view type = line.substr(0, space);
    const std::string_view rest = space == std::string_view::npos ? "" : trimmed(line.substr(space));
    const std::string where = stub + ":" + std::to_string(number) + ": error: ";
    ShardSource source;
    if (type == "auto" || type == "glass") {
      if (rest.empty()) throw StoreError(where + "'" + std::string(type) + "' without a database path");
      source.path = std::string(rest);
    } else if (type == "remote") {
      source.kind = ShardSource::Kind::Remote;
      if (!parse_host_port(rest, source)) {
        throw StoreError(where + "expected 'remote HOST:PORT' (a xapian-tcpsrv), found '" +
                         std::string(line) + "'");
      }
    } else {
      throw StoreError(where + "expected 'auto PATH' or 'remote HOST:PORT', found '" + std::string(line) +
                       "'");
    }
    sources.push_back(std::move(source));
  }
  if (sources.empty()) throw StoreError("the stub database file " + stub + " lists no database");
  return sources;
}

void write_stub(const std::string& stub, const std::vector<ShardSource>& sources,
                const std::vector<StubNote>& notes) {
  const std::string temporary = stub + ".new";
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const auto& note : notes) out << "# " << note.key << ": " << note.value << '\n';
    for (const auto& source : sources) out << source.line() << '\n';
    out.flush();
    if (!out) {
      throw StoreError("cannot write the stub database file " + temporary + ": " + std::strerror(errno));
    }
  }
  sync_fd_of(temporary, 0);
  if (std::rename(temporary.c_str(), stub.c_str()) != 0) {
    throw StoreError("cannot rename " + temporary + " to " + stub + ": " + std::strerror(errno));
  }
  const fs::path parent = fs::path(stub).parent_path();
  sync_fd_of(parent.empty() ? std::string(".") : parent.string(), O_DIRECTORY);
}

std::string read_stub_note(const std::string& stub, std::string_view key) {
  std::ifstream in(stub);
  if (!in) throw StoreError("cannot read the stub database file " + stub + ": " + std::strerror(errno));
  for (std::string text; std::getline(in, text);) {
    std::string_view line = trimmed(text);
    if (line.empty() || line.front() != '#') continue;
    line = trimmed(line.substr(1));
    if (line.starts_with(key) && line.substr(key.size()).starts_with(':')) {
      return std::string(trimmed(line.substr(key.size() + 1)));
    }
  }
  return {};
}

std::string resolve_local(const std::string& stub, const ShardSource& source) {
  const fs::path path(source.path);
  if (path.is_absolute()) return path.string();
  return (fs::path(stub).parent_path() / path).lexically_normal().string();
}

Xapian::Database open_shard_for_search(const std::string& stub, const ShardSource& source,
                                       unsigned connect_timeout_ms) {
  if (source.kind == ShardSource::Kind::Local) {
    try {
      return open_for_search(resolve_local(stub, source));
    } catch (const StoreError& e) {
      throw StoreError(std::string(e.what()) + " (shard listed in " + stub + ")");
    }
  }
  Xapian::Database database;
  try {
    database = Xapian::Remote::open(source.host, source.port, kRemoteTimeoutMs, connect_timeout_ms);
  } catch (const Xapian::Error& e) {
    throw StoreError("shard " + source.name() + " (listed in " + stub + ") does not answer: " + e.get_msg() +
                     (e.get_error_string() != nullptr ? std::string(" (") + e.get_error_string() + ")" : "") +
                     ": start its xapian-tcpsrv (scripts/serve-shards), or pass --allow-partial");
  }
  const std::string expected = std::to_string(schema::kSchemaVersion);
  std::string found;
  try {
    found = database.get_metadata(std::string(schema::kSchemaVersionKey));
  } catch (const Xapian::Error& e) {
    throw StoreError("shard " + source.name() + " (listed in " + stub + ") failed: " + e.get_msg());
  }
  if (found != expected) {
    throw StoreError("shard " + source.name() + " (listed in " + stub + ") was built with schema version " +
                     (found.empty() ? "(none)" : found) + ", this newsdig reads version " + expected +
                     ": reindex it with newsdig-index");
  }
  return database;
}

}  // namespace newsdig::store
