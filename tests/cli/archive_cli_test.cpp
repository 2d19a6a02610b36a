// newsdig-index on containers: tar (plain and compressed), zip, single compressed files, archives in
// archives and on standard input, read in place; damaged ones reported member by member.
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/cli/archive_writer.hpp"
#include "tests/cli/index_support.hpp"

using namespace newsdig::test;

namespace {

const std::vector<ArchiveMember> kTwoStories = {
    {"2006/harbour.txt", story("Harbour crane toppled", "crane")},
    {"2006/ferry.txt", story("Ferry service resumes", "ferry")},
};

// Words that do not repeat, so compression cannot shrink them much and a cut lands where it is aimed.
std::string incompressible_text(std::size_t bytes) {
  std::string text = "Long report\n\n";
  unsigned long long state = 88172645463325252ULL;
  while (text.size() < bytes) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    for (int letter = 0; letter < 7; ++letter) text += static_cast<char>('a' + (state >> (letter * 5)) % 26);
    text += ' ';
  }
  return text + "\n";
}

std::vector<std::string> files_in(const std::filesystem::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(archive_cli)

BOOST_AUTO_TEST_CASE(indexes_every_member_of_each_archive_kind_in_place) {
  const struct {
    ArchiveKind kind;
    std::string name;
  } kCases[] = {{ArchiveKind::Tar, "news.tar"},        {ArchiveKind::TarGz, "news.tar.gz"},
                {ArchiveKind::TarXz, "news.tar.xz"},   {ArchiveKind::TarZst, "news.tar.zst"},
                {ArchiveKind::TarBz2, "news.tar.bz2"}, {ArchiveKind::Zip, "news.zip"}};
  for (const auto& test : kCases) {
    BOOST_TEST_CONTEXT(test.name) {
      TempDir dir;
      write_file(dir / "in" / test.name, make_archive(test.kind, kTwoStories));
      auto result = run_index({"--db", (dir / "db").string(), (dir / "in" / test.name).string()});
      BOOST_TEST(result.exit_code == 0, result.err);
      BOOST_TEST(result.err.find("2 articles seen: 2 indexed, 0 skipped") != std::string::npos, result.err);
      BOOST_TEST(found(dir / "db", "crane OR ferry") ==
                 (std::set<std::string>{test.name + "!2006/harbour.txt", test.name + "!2006/ferry.txt"}));
      const auto all = indexed(dir / "db");
      BOOST_TEST(all.origins.count((dir / "in" / test.name).string() + "!2006/harbour.txt") == 1U);
      // Read in place: nothing was unpacked beside the archive.
      BOOST_TEST(files_in(dir / "in") == std::vector<std::string>{test.name});
    }
  }
}

BOOST_AUTO_TEST_CASE(reads_a_single_compressed_file_as_the_file_inside) {
  const std::string feed =
      "{\"id\":\"a\",\"title\":\"Harbour crane toppled\",\"body\":\"A crane fell.\"}\n"
      "{\"id\":\"b\",\"title\":\"Ferry service resumes\",\"body\":\"Ferries run again.\"}\n";
  const struct {
    Compression compression;
    std::string name;
  } kCases[] = {{Compression::Gzip, "feed.jsonl.gz"},
                {Compression::Xz, "feed.jsonl.xz"},
                {Compression::Zstd, "feed.jsonl.zst"},
                {Compression::Bzip2, "feed.jsonl.bz2"}};
  for (const auto& test : kCases) {
    BOOST_TEST_CONTEXT(test.name) {
      TempDir dir;
      write_file(dir / "in" / test.name, compress(test.compression, feed));
      auto result = run_index({"--db", (dir / "db").string(), (dir / "in").string()});
      BOOST_TEST(result.exit_code == 0, result.err);
      BOOST_TEST(found(dir / "db", "crane OR ferry") == (std::set<std::string>{"a", "b"}));
      BOOST_TEST(indexed(dir / "db").origins.count((dir / "in" / test.name).string() + ":2") == 1U);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_truncated_tar_gz_keeps_the_members_before_the_damage_and_reports_the_rest) {
  TempDir dir;
  auto archive =
      make_archive(ArchiveKind::TarGz, {{"a.txt", story("Harbour crane toppled", "crane")},
                                        {"b.txt", story("Ferry service resumes", "ferry")},
                                        {"c.txt", incompressible_text(200000)},
                                        {"d.txt", story("Lighthouse keeper retires", "lighthouse")}});
  archive.resize(archive.size() / 2);
  write_file(dir / "news.tar.gz", archive);
  auto result = run_index({"--db", (dir / "db").string(), "--report", (dir / "report.json").string(),
                           (dir / "news.tar.gz").string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(result.err.find("news.tar.gz!c.txt: error: damaged archive") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("3 articles seen: 2 indexed, 1 skipped") != std::string::npos, result.err);
  BOOST_TEST(found(dir / "db", "crane OR ferry OR lighthouse") ==
             (std::set<std::string>{"news.tar.gz!a.txt", "news.tar.gz!b.txt"}));
  auto report = read_report(dir / "report.json");
  BOOST_REQUIRE(report.at("skipped").size() == 1U);
  BOOST_TEST(report.at("skipped")[0].at("origin").get<std::string>() ==
             (dir / "news.tar.gz").string() + "!c.txt");
}

BOOST_AUTO_TEST_CASE(a_zip_with_one_corrupt_member_indexes_the_others_and_names_the_bad_one) {
  TempDir dir;
  std::string long_story = "Dock strike ends\n\n";
  for (int i = 0; i < 200; ++i)
    long_story += "Workers returned on day " + std::to_string(i) + " of the dock strike. ";
  auto zip = make_archive(ArchiveKind::Zip, {{"a.txt", story("Harbour crane toppled", "crane")},
                                             {"b.txt", long_story},
                                             {"c.txt", story("Ferry service resumes", "ferry")}});
  const std::size_t data = zip_member_data_offset(zip, "b.txt");
  for (std::size_t i = data + 40; i < data + 80; ++i) zip[i] = static_cast<char>(~zip[i]);
  write_file(dir / "news.zip", zip);
  auto result = run_index({"--db", (dir / "db").string(), (dir / "news.zip").string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(result.err.find("news.zip!b.txt: error: damaged archive member") != std::string::npos,
             result.err);
  BOOST_TEST(found(dir / "db", "crane OR ferry OR strike") ==
             (std::set<std::string>{"news.zip!a.txt", "news.zip!c.txt"}));
}

BOOST_AUTO_TEST_CASE(opens_an_archive_inside_an_archive) {
  TempDir dir;
  auto inner = make_archive(ArchiveKind::TarGz, {{"story.txt", story("Harbour crane toppled", "crane")}});
  write_file(dir / "outer.tar",
             make_archive(ArchiveKind::Tar,
                          {{"inner.tar.gz", inner}, {"plain.txt", story("Ferry service resumes", "ferry")}}));
  auto result = run_index({"--db", (dir / "db").string(), (dir / "outer.tar").string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(found(dir / "db", "crane OR ferry") ==
             (std::set<std::string>{"outer.tar!inner.tar.gz!story.txt", "outer.tar!plain.txt"}));
}

BOOST_AUTO_TEST_CASE(reads_an_archive_from_standard_input) {
  TempDir dir;
  ProcessOptions options;
  options.input = make_archive(ArchiveKind::TarXz, kTwoStories);
  auto result = run_index({"--db", (dir / "db").string(), "-"}, options);
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(found(dir / "db", "crane OR ferry") ==
             (std::set<std::string>{"stdin!2006/harbour.txt", "stdin!2006/ferry.txt"}));
}

BOOST_AUTO_TEST_CASE(include_and_exclude_globs_choose_archive_members) {
  TempDir dir;
  write_file(dir / "news.tar",
             make_archive(ArchiveKind::Tar, {{"2006/a.txt", story("Harbour crane toppled", "crane")},
                                             {"2007/b.txt", story("Ferry service resumes", "ferry")},
                                             {"2006/notes.md", story("Editor notes", "notes")},
                                             {"2006/.hidden.txt", story("Hidden", "hidden")}}));
  auto result = run_index({"--db", (dir / "db").string(), "--include", "*.txt", "--exclude", "2007/*",
                           (dir / "news.tar").string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(indexed(dir / "db").ids == std::vector<std::string>{"news.tar!2006/a.txt"});
  BOOST_TEST(result.err.find("left out 2 file(s)") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("left out 1 hidden") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(a_file_that_only_looks_like_an_archive_is_reported_not_fatal) {
  TempDir dir;
  write_file(dir / "in" / "fake.tar.gz", std::string("\x1f\x8b not really gzip", 19));
  write_file(dir / "in" / "story.txt", story("Harbour crane toppled", "crane"));
  auto result = run_index({"--db", (dir / "db").string(), (dir / "in").string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(result.err.find("fake.tar.gz") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("damaged archive") != std::string::npos, result.err);
  BOOST_TEST(found(dir / "db", "crane") == (std::set<std::string>{"in/story.txt"}));
}

BOOST_AUTO_TEST_SUITE_END()
