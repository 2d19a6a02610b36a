#pragma once
// Containers read in place through libarchive, never unpacked to disk: tar (plain, .gz, .xz, .zst, .bz2),
// zip, and single compressed files (.gz, .xz, .zst, .bz2). A container is recognised by its first bytes,
// not its name, so a renamed archive or one on standard input is still opened.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace newsdig::sources {

// How many leading bytes is_container() wants to see (a tar header's magic sits at byte 257).
inline constexpr std::size_t kContainerSniffBytes = 512;

// Whether `head` (the first bytes of an input, up to kContainerSniffBytes) starts a container: gzip, xz,
// zstd or bzip2 data, a zip archive, or a POSIX/GNU tar archive.
bool is_container(std::string_view head);

// Whether a file name says container (.tar, .tgz, .tar.gz, .zip, .gz, .xz, .zst, .bz2 ...), for the
// walk's globs, which open archives whatever --include says. Case-insensitive.
bool is_container_name(std::string_view name);

// The name without its compression suffix ("feed.jsonl.gz" -> "feed.jsonl", "a.tgz" -> "a.tar"); the
// name itself when it has none.
std::string strip_compression_suffix(std::string_view name);

// A problem reading a container. fatal(): the container cannot be read any further (corrupt or
// truncated); otherwise only the current member is lost and next() may go on.
class ArchiveError : public std::runtime_error {
 public:
  ArchiveError(const std::string& message, bool fatal) : std::runtime_error(message), fatal_(fatal) {}
  bool fatal() const { return fatal_; }

 private:
  bool fatal_;
};

// One regular file inside a container.
struct Member {
  std::string path;  // as the archive spells it ("ReutersNews106521/20061020/slug"); empty when raw
  bool raw = false;  // the container is a single compressed file and this is its content
  std::optional<std::uint64_t> size;  // when the archive says (tar, zip)
};

// Reads the regular files of one container in archive order. Not copyable; one thread at a time.
class ArchiveReader {
 public:
  // Opens a container file. Throws ArchiveError (fatal) when it cannot be opened or is not one.
  static std::unique_ptr<ArchiveReader> open_file(const std::filesystem::path& path);
  // Opens a container held in memory (a member of another container); keeps `bytes`.
  static std::unique_ptr<ArchiveReader> open_memory(std::string bytes);
  // Opens a container read from `stream`, whose first bytes `head` were already taken from it.
  static std::unique_ptr<ArchiveReader> open_stream(std::istream& stream, std::string head);

  ~ArchiveReader();
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  // The next regular file (directories, links and other entries are passed over); nullopt at the end.
  // Throws ArchiveError (fatal: nothing more can be read).
  std::optional<Member> next();

  // Appends up to `max` bytes of the current member to `out`; returns how many (0 = member done).
  // Throws ArchiveError: fatal, or not (this member is damaged; next() goes on to the following one).
  std::size_t read(std::string& out, std::size_t max);

  // After a fatal error in a member's data: for a zip archive in a file or in memory (whose members can
  // be found from its central directory), opens it again past the damaged member and returns true, so
  // next() goes on with the one after; false otherwise (the rest of the container is lost).
  bool resume();

  // Bytes taken from the underlying file or stream so far (compressed bytes), for progress.
  std::uint64_t bytes_consumed() const;

 private:
  struct Impl;
  explicit ArchiveReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdig::sources
