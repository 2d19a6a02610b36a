// The readers on one real file of each format in ../shared/data (CTest label "shared"; exit 77 = skipped
// when ../shared is not there). One file each, so the suite stays fast; full-corpus runs are
// scripts/check-formats.
#include <archive.h>
#include <archive_entry.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/analysis/utf8.hpp"
#include "indexer/formats/format.hpp"
#include "tests/support/paths.hpp"
#include "tests/unit/indexer/recording_sink.hpp"

namespace newsdig::formats {
namespace {

// ../shared/data, or the process ends with 77 (CTest's "skipped").
std::filesystem::path data_dir() {
  const auto shared = test::shared_dir();
  if (!shared) {
    std::cout << "../shared is not there: skipped\n";
    std::exit(77);
  }
  return *shared / "data";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_TEST_REQUIRE(in.good(), "cannot open " << path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Detects and reads `bytes` as newsdig-index does.
test::RecordingSink detect_and_read(const std::string& name, std::string_view bytes, std::string_view format,
                                    const ReaderSettings& settings = {}) {
  std::string why;
  const auto detected = detect_format(name, bytes, &why);
  test::RecordingSink sink;
  if (!detected) {
    sink.skip({name, 0, why});
    return sink;
  }
  BOOST_TEST(format_name(*detected) == format);
  read_input(*detected, Input{bytes, name, name}, sink, settings);
  return sink;
}

struct ArchiveCloser {
  void operator()(archive* reader) const { archive_read_free(reader); }
};

// The first `count` files of a tar archive (any compression), with their names.
std::vector<std::pair<std::string, std::string>> first_members(const std::filesystem::path& path,
                                                               std::size_t count) {
  std::unique_ptr<archive, ArchiveCloser> reader(archive_read_new());
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_all(reader.get());
  BOOST_TEST_REQUIRE(archive_read_open_filename(reader.get(), path.c_str(), 1 << 16) == ARCHIVE_OK);
  std::vector<std::pair<std::string, std::string>> members;
  archive_entry* entry = nullptr;
  while (members.size() < count && archive_read_next_header(reader.get(), &entry) == ARCHIVE_OK) {
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    std::string bytes(static_cast<std::size_t>(archive_entry_size(entry)), '\0');
    const la_ssize_t got = archive_read_data(reader.get(), bytes.data(), bytes.size());
    BOOST_TEST_REQUIRE(got == static_cast<la_ssize_t>(bytes.size()));
    members.emplace_back(archive_entry_pathname(entry), std::move(bytes));
  }
  return members;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shared_formats)

BOOST_AUTO_TEST_CASE(reut2_000_gives_its_1000_stories_with_dates_and_category_tags) {
  const auto path = data_dir() / "reuters21578" / "reut2-000.sgm";
  const auto sink = detect_and_read(path.string(), read_file(path), "reuters21578");
  BOOST_TEST(sink.skips.empty(), sink.diagnostics());
  BOOST_TEST(sink.warnings.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 1000U);
  BOOST_TEST(sink.articles.front().id == "reuters21578:1");
  BOOST_TEST(sink.articles.back().id == "reuters21578:1000");
  BOOST_TEST(sink.articles.front().title == "BAHIA COCOA REVIEW");
  BOOST_TEST(sink.articles.front().dateline == "SALVADOR");
  BOOST_TEST(sink.articles.front().date == "1987-02-26T15:01:01");
  std::map<std::string, std::size_t> tags;
  std::size_t dated = 0;
  for (const Article& article : sink.articles) {
    for (const Tag& tag : article.tags) ++tags[tag.field];
    if (!article.date.empty()) ++dated;
    BOOST_TEST(article.body.find("&#") == std::string::npos);
    BOOST_TEST(!article.body.ends_with("Reuter"));
  }
  BOOST_TEST(dated == 1000U);
  for (std::string_view field : {"topic", "place", "person", "org", "exchange"}) {
    BOOST_TEST_CONTEXT(field) {
      BOOST_TEST(tags[std::string(field)] > 0U);
    }
  }
}

BOOST_AUTO_TEST_CASE(reut2_017_with_its_latin1_byte_reads_without_replacements) {
  const auto path = data_dir() / "reuters21578" / "reut2-017.sgm";
  const auto sink = detect_and_read(path.string(), read_file(path), "reuters21578");
  BOOST_TEST(sink.articles.size() + sink.skips.size() == 1000U);
  for (const auto& warning : sink.warnings) BOOST_TEST(warning.message.find("replaced") == std::string::npos);
  for (const Article& article : sink.articles) BOOST_TEST(analysis::is_valid_utf8(article.body));
}

BOOST_AUTO_TEST_CASE(ag_news_test_csv_gives_7600_rows_with_columns) {
  const auto path = data_dir() / "ag_news" / "test.csv";
  const std::string bytes = read_file(path);

  const auto without = detect_and_read(path.string(), bytes, "csv");
  BOOST_TEST(without.articles.empty());
  BOOST_TEST(without.skips.size() == 1U);  // no header: --columns is needed, and the skip says so

  ReaderSettings settings;
  settings.csv_columns = {"topic", "title", "body"};
  const auto sink = detect_and_read(path.string(), bytes, "csv", settings);
  BOOST_TEST(sink.skips.empty(), sink.diagnostics());
  BOOST_TEST_REQUIRE(sink.articles.size() == 7600U);
  BOOST_TEST(sink.articles.front().title == "Fears for T N pension after talks");
  BOOST_TEST(sink.articles.back().id == path.string() + "#7600");
  std::map<std::string, std::size_t> classes;
  for (const Article& article : sink.articles) {
    BOOST_TEST_REQUIRE(article.tags.size() == 1U);
    ++classes[article.tags[0].value];
  }
  BOOST_TEST(classes.size() == 4U);
  for (const auto& [label, rows] : classes) {
    BOOST_TEST_CONTEXT("class " << label) {
      BOOST_TEST(rows == 1900U);
    }
  }
}

BOOST_AUTO_TEST_CASE(financial_news_members_read_as_reuters_text_with_dates_and_datelines) {
  const auto archive_path = data_dir() / "reuters-financial-news" / "ReutersNews106521.tar.xz";
  const auto members = first_members(archive_path, 200);
  BOOST_TEST_REQUIRE(members.size() == 200U);
  std::size_t articles = 0, skips = 0, dated = 0, datelined = 0;
  for (const auto& [name, bytes] : members) {
    const std::string origin = "ReutersNews106521.tar.xz!" + name;
    const auto sink = detect_and_read(origin, bytes, "reuters-text");
    BOOST_TEST(sink.warnings.empty(), sink.diagnostics());
    articles += sink.articles.size();
    skips += sink.skips.size();
    for (const Article& article : sink.articles) {
      BOOST_TEST(article.id == origin);
      BOOST_TEST(!article.title.empty());
      BOOST_TEST(article.url.starts_with("http://www.reuters.com/"));
      if (!article.date.empty()) ++dated;
      if (!article.dateline.empty()) ++datelined;
      // The date is the one the header prints; the folder is that day or the next (times are US Eastern).
      const std::string folder = name.substr(name.find('/') + 1, 8);
      const std::string day =
          article.date.substr(0, 4) + article.date.substr(5, 2) + article.date.substr(8, 2);
      BOOST_TEST((folder == day || folder > day), name << " dated " << article.date);
    }
  }
  BOOST_TEST(articles + skips == members.size());
  BOOST_TEST(skips == 0U);
  BOOST_TEST(dated == articles);
  BOOST_TEST(datelined * 10 >= articles * 8);  // at least 80% of stories open with a dateline
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::formats
