#include "indexer/sources/container.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <array>
#include <istream>
#include <utility>
#include <vector>

namespace newsdig::sources {
namespace {

constexpr std::size_t kBlockBytes = 64 * 1024;

struct Suffix {
  std::string_view suffix;
  std::string_view replacement;  // what strip_compression_suffix leaves in its place
};
constexpr std::array<Suffix, 12> kSuffixes = {{
    {".tar.gz", ".tar"},
    {".tar.xz", ".tar"},
    {".tar.zst", ".tar"},
    {".tar.bz2", ".tar"},
    {".tgz", ".tar"},
    {".txz", ".tar"},
    {".tzst", ".tar"},
    {".tbz2", ".tar"},
    {".gz", ""},
    {".xz", ""},
    {".zst", ""},
    {".bz2", ""},
}};

bool ends_with_ignoring_case(std::string_view name, std::string_view suffix) {
  if (name.size() < suffix.size()) return false;
  name.remove_prefix(name.size() - suffix.size());
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

std::string error_text(archive* handle, std::string_view fallback) {
  const char* text = archive_error_string(handle);
  return text != nullptr && *text != '\0' ? std::string(text) : std::string(fallback);
}

}  // namespace

bool is_container(std::string_view head) {
  static constexpr std::array<std::string_view, 5> kMagics = {
      std::string_view("\x1f\x8b", 2),  // gzip
      std::string_view("\xfd"
                       "7zXZ\x00",
                       6),                      // xz
      std::string_view("\x28\xb5\x2f\xfd", 4),  // zstd
      std::string_view("PK\x03\x04", 4),        // zip
      std::string_view("PK\x05\x06", 4),        // empty zip
  };
  for (std::string_view magic : kMagics) {
    if (head.starts_with(magic)) return true;
  }
  // bzip2's "BZh" is followed by the block size digit; anything else is text that happens to start so.
  if (head.size() >= 4 && head.starts_with("BZh") && head[3] >= '1' && head[3] <= '9') return true;
  return head.size() >= 262 && head.substr(257, 5) == "ustar";
}

bool is_container_name(std::string_view name) {
  if (ends_with_ignoring_case(name, ".tar") || ends_with_ignoring_case(name, ".zip")) return true;
  for (const auto& [suffix, replacement] : kSuffixes) {
    if (ends_with_ignoring_case(name, suffix)) return true;
  }
  return false;
}

std::string strip_compression_suffix(std::string_view name) {
  for (const auto& [suffix, replacement] : kSuffixes) {
    if (ends_with_ignoring_case(name, suffix) && name.size() > suffix.size()) {
      return std::string(name.substr(0, name.size() - suffix.size())) + std::string(replacement);
    }
  }
  return std::string(name);
}

struct ArchiveReader::Impl {
  archive* handle = nullptr;
  std::filesystem::path file;  // open_file
  std::string memory;          // open_memory: the container's bytes
  std::istream* stream = nullptr;
  std::string head;  // open_stream: bytes already taken from the stream
  bool head_given = false;
  std::vector<char> buffer;
  std::size_t entries = 0;  // headers read so far (of any kind)

  Impl() : handle(new_handle()) {}
  ~Impl() { archive_read_free(handle); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  static archive* new_handle() {
    archive* handle = archive_read_new();
    if (handle == nullptr) throw std::bad_alloc();
    // Tar and zip are read whatever their compression; anything else that was compressed is one raw
    // member (a single .gz file). Raw bids lowest, so it only takes what no archive format claims.
    archive_read_support_filter_all(handle);
    archive_read_support_format_tar(handle);
    archive_read_support_format_gnutar(handle);
    archive_read_support_format_zip(handle);
    archive_read_support_format_raw(handle);
    return handle;
  }

  // Opens `target` on the file or memory this reader reads (not a stream: it cannot be read again).
  int open(archive* target) {
    if (!file.empty()) return archive_read_open_filename(target, file.c_str(), kBlockBytes);
    return archive_read_open_memory(target, memory.data(), memory.size());
  }

  static la_ssize_t read_stream(archive* /*handle*/, void* self, const void** block) {
    auto& impl = *static_cast<Impl*>(self);
    if (!impl.head_given) {
      impl.head_given = true;
      if (!impl.head.empty()) {
        *block = impl.head.data();
        return static_cast<la_ssize_t>(impl.head.size());
      }
    }
    impl.buffer.resize(kBlockBytes);
    impl.stream->read(impl.buffer.data(), static_cast<std::streamsize>(impl.buffer.size()));
    *block = impl.buffer.data();
    if (impl.stream->bad()) return ARCHIVE_FATAL;
    return static_cast<la_ssize_t>(impl.stream->gcount());
  }
};

ArchiveReader::ArchiveReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ArchiveReader::~ArchiveReader() = default;

std::unique_ptr<ArchiveReader> ArchiveReader::open_file(const std::filesystem::path& path) {
  auto impl = std::make_unique<Impl>();
  impl->file = path;
  if (impl->open(impl->handle) != ARCHIVE_OK) {
    throw ArchiveError("cannot open archive: " + error_text(impl->handle, "unknown error"), true);
  }
  return std::unique_ptr<ArchiveReader>(new ArchiveReader(std::move(impl)));
}

std::unique_ptr<ArchiveReader> ArchiveReader::open_memory(std::string bytes) {
  auto impl = std::make_unique<Impl>();
  impl->memory = std::move(bytes);
  if (impl->open(impl->handle) != ARCHIVE_OK) {
    throw ArchiveError("cannot open archive: " + error_text(impl->handle, "unknown error"), true);
  }
  return std::unique_ptr<ArchiveReader>(new ArchiveReader(std::move(impl)));
}

std::unique_ptr<ArchiveReader> ArchiveReader::open_stream(std::istream& stream, std::string head) {
  auto impl = std::make_unique<Impl>();
  impl->stream = &stream;
  impl->head = std::move(head);
  if (archive_read_open(impl->handle, impl.get(), nullptr, &Impl::read_stream, nullptr) != ARCHIVE_OK) {
    throw ArchiveError("cannot open archive: " + error_text(impl->handle, "unknown error"), true);
  }
  return std::unique_ptr<ArchiveReader>(new ArchiveReader(std::move(impl)));
}

bool ArchiveReader::resume() {
  Impl& impl = *impl_;
  if (impl.stream != nullptr ||
      (archive_format(impl.handle) & ARCHIVE_FORMAT_BASE_MASK) != ARCHIVE_FORMAT_ZIP) {
    return false;
  }
  archive* fresh = Impl::new_handle();
  bool ok = impl.open(fresh) == ARCHIVE_OK;
  for (std::size_t i = 0; ok && i < impl.entries; ++i) {
    archive_entry* entry = nullptr;
    ok = archive_read_next_header(fresh, &entry) >= ARCHIVE_WARN;
  }
  if (!ok) {
    archive_read_free(fresh);
    return false;
  }
  archive_read_free(impl.handle);
  impl.handle = fresh;
  return true;
}

std::optional<Member> ArchiveReader::next() {
  archive* handle = impl_->handle;
  for (;;) {
    archive_entry* entry = nullptr;
    int status = archive_read_next_header(handle, &entry);
    if (status == ARCHIVE_EOF) return std::nullopt;
    if (status == ARCHIVE_RETRY) continue;
    ++impl_->entries;
    // A header that fails leaves no safe place to resume from: the rest of the archive is lost.
    if (status < ARCHIVE_WARN) throw ArchiveError(error_text(handle, "damaged archive"), true);
    if (archive_entry_filetype(entry) != AE_IFREG || archive_entry_hardlink(entry) != nullptr) continue;
    Member member;
    member.raw = (archive_format(handle) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_RAW;
    // Raw without a decompressing filter: the bytes only looked like a container (a gzip magic and then
    // nothing a gzip reader accepts).
    if (member.raw && archive_filter_count(handle) < 2) {
      throw ArchiveError("not an archive or compressed file that can be read", true);
    }
    if (!member.raw) {
      const char* path = archive_entry_pathname_utf8(entry);
      if (path == nullptr) path = archive_entry_pathname(entry);
      member.path = path != nullptr ? path : "";
      if (archive_entry_size_is_set(entry) != 0 && archive_entry_size(entry) >= 0) {
        member.size = static_cast<std::uint64_t>(archive_entry_size(entry));
      }
    }
    return member;
  }
}

std::size_t ArchiveReader::read(std::string& out, std::size_t max) {
  archive* handle = impl_->handle;
  const std::size_t old_size = out.size();
  out.resize(old_size + max);
  for (;;) {
    la_ssize_t got = archive_read_data(handle, out.data() + old_size, max);
    if (got == ARCHIVE_RETRY) continue;
    if (got < 0) {
      out.resize(old_size);
      const bool fatal = got == ARCHIVE_FATAL;
      throw ArchiveError(error_text(handle, fatal ? "damaged archive" : "damaged member"), fatal);
    }
    out.resize(old_size + static_cast<std::size_t>(got));
    return static_cast<std::size_t>(got);
  }
}

std::uint64_t ArchiveReader::bytes_consumed() const {
  const la_int64_t bytes = archive_filter_bytes(impl_->handle, -1);
  return bytes > 0 ? static_cast<std::uint64_t>(bytes) : 0;
}

}  // namespace newsdig::sources
