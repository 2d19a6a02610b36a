#include "tests/cli/archive_writer.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <stdexcept>

namespace newsdig::test {
namespace {

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_write_free)>;

la_ssize_t append(archive* /*handle*/, void* out, const void* buffer, size_t length) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buffer), length);
  return static_cast<la_ssize_t>(length);
}

void check(archive* handle, int status) {
  if (status < ARCHIVE_WARN) {
    const char* message = archive_error_string(handle);
    throw std::runtime_error(std::string("libarchive: ") + (message != nullptr ? message : "error"));
  }
}

void add_filter(archive* handle, Compression compression) {
  switch (compression) {
    case Compression::Gzip: check(handle, archive_write_add_filter_gzip(handle)); break;
    case Compression::Xz: check(handle, archive_write_add_filter_xz(handle)); break;
    case Compression::Zstd: check(handle, archive_write_add_filter_zstd(handle)); break;
    case Compression::Bzip2: check(handle, archive_write_add_filter_bzip2(handle)); break;
  }
}

void write_member(archive* handle, const ArchiveMember& member) {
  std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(),
                                                                      archive_entry_free);
  archive_entry_set_pathname(entry.get(), member.path.c_str());
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(member.content.size()));
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0644);
  archive_entry_set_mtime(entry.get(), 1700000000, 0);
  check(handle, archive_write_header(handle, entry.get()));
  if (!member.content.empty() && archive_write_data(handle, member.content.data(), member.content.size()) !=
                                     static_cast<la_ssize_t>(member.content.size())) {
    check(handle, ARCHIVE_FATAL);
  }
}

}  // namespace

std::string make_archive(ArchiveKind kind, const std::vector<ArchiveMember>& members) {
  ArchivePtr handle(archive_write_new(), archive_write_free);
  std::string out;
  if (kind == ArchiveKind::Zip) {
    check(handle.get(), archive_write_set_format_zip(handle.get()));
  } else {
    check(handle.get(), archive_write_set_format_pax_restricted(handle.get()));
    switch (kind) {
      case ArchiveKind::TarGz: add_filter(handle.get(), Compression::Gzip); break;
      case ArchiveKind::TarXz: add_filter(handle.get(), Compression::Xz); break;
      case ArchiveKind::TarZst: add_filter(handle.get(), Compression::Zstd); break;
      case ArchiveKind::TarBz2: add_filter(handle.get(), Compression::Bzip2); break;
      case ArchiveKind::Tar:
      case ArchiveKind::Zip: break;
    }
  }
  check(handle.get(), archive_write_set_bytes_in_last_block(handle.get(), 1));
  check(handle.get(), archive_write_open(handle.get(), &out, nullptr, &append, nullptr));
  for (const auto& member : members) write_member(handle.get(), member);
  check(handle.get(), archive_write_close(handle.get()));
  return out;
}

std::string compress(Compression compression, std::string_view content) {
  ArchivePtr handle(archive_write_new(), archive_write_free);
  std::string out;
  check(handle.get(), archive_write_set_format_raw(handle.get()));
  add_filter(handle.get(), compression);
  check(handle.get(), archive_write_set_bytes_in_last_block(handle.get(), 1));
  check(handle.get(), archive_write_open(handle.get(), &out, nullptr, &append, nullptr));
  write_member(handle.get(), ArchiveMember{"data", std::string(content)});
  check(handle.get(), archive_write_close(handle.get()));
  return out;
}

std::size_t zip_member_data_offset(const std::string& zip, const std::string& member) {
  const auto little_endian16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(zip.at(at))) |
           (static_cast<std::size_t>(static_cast<unsigned char>(zip.at(at + 1))) << 8);
  };
  for (std::size_t at = zip.find("PK\x03\x04"); at != std::string::npos;
       at = zip.find("PK\x03\x04", at + 4)) {
    const std::size_t name_length = little_endian16(at + 26);
    const std::size_t extra_length = little_endian16(at + 28);
    if (zip.compare(at + 30, name_length, member) == 0) return at + 30 + name_length + extra_length;
  }
  throw std::runtime_error("no local header for " + member + " in the zip archive");
}

}  // namespace newsdig::test
