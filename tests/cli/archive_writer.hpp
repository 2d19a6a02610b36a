#pragma once
// Test helper: archives and compressed files made in memory with libarchive's write API, so the CLI
// tests need no tar, zip or compressor programs.
#include <string>
#include <string_view>
#include <vector>

namespace newsdig::test {

struct ArchiveMember {
  std::string path;
  std::string content;
};

enum class ArchiveKind { Tar, TarGz, TarXz, TarZst, TarBz2, Zip };
enum class Compression { Gzip, Xz, Zstd, Bzip2 };

// The bytes of an archive holding `members` in order. Throws std::runtime_error when libarchive fails.
std::string make_archive(ArchiveKind kind, const std::vector<ArchiveMember>& members);

// `content` compressed as one file (what gzip, xz, zstd or bzip2 would write).
std::string compress(Compression compression, std::string_view content);

// Where the stored data of `member` starts inside zip archive bytes (after its local header).
std::size_t zip_member_data_offset(const std::string& zip, const std::string& member);

}  // namespace newsdig::test
