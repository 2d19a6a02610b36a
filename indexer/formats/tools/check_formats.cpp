// newsdig-check-formats: runs the real format readers over files, directories and archives (tar, zip,
// any compression) without indexing, and prints what they make of them per format: inputs, articles,
// skips, warnings, and the readers' speed (detection, decoding and reading; file reading and
// decompression not counted). A developer tool behind scripts/check-formats; not installed.
//
//   newsdig-check-formats [--format F] [--columns a,b,c] [--delimiter C] [--print] [--show N] PATH...
//
// --print writes every article as a JSON object per line to stdout. Diagnostics go to stderr, the first
// --show of them (default 10). Exit status 0, or 2 when a path cannot be read.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "indexer/formats/format.hpp"

namespace {

using namespace newsdig;
using Clock = std::chrono::steady_clock;

struct Counts {
  std::size_t inputs = 0, articles = 0, skips = 0, warnings = 0;
  std::size_t bytes = 0, text_bytes = 0;
  double seconds = 0;
};

class CountingSink final : public formats::ArticleSink {
 public:
  CountingSink(bool print, std::size_t show) : print_(print), show_(show) {}

  void article(Article article) override {
    ++counts->articles;
    counts->text_bytes += article.title.size() + article.body.size();
    if (print_) printed_.push_back(std::move(article));
  }
  void skip(formats::Diagnostic diagnostic) override {
    ++counts->skips;
    note(diagnostic, "skipped");
  }
  void warn(formats::Diagnostic diagnostic) override {
    ++counts->warnings;
    note(diagnostic, "warning");
  }

  // Prints the articles held back while the reader was timed.
  void flush() {
    for (const Article& article : printed_) {
      nlohmann::ordered_json object = {{"id", article.id},
                                       {"origin", article.origin},
                                       {"title", article.title},
                                       {"date", article.date},
                                       {"source", article.source},
                                       {"byline", article.byline},
                                       {"dateline", article.dateline},
                                       {"url", article.url},
                                       {"lang", article.lang},
                                       {"body", article.body}};
      for (const Tag& tag : article.tags) object["tags"].push_back(tag.field + ":" + tag.value);
      for (const auto& [key, value] : article.extra) object["extra"][key] = value;
      std::cout << object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    printed_.clear();
  }

  Counts* counts = nullptr;

 private:
  void note(const formats::Diagnostic& diagnostic, std::string_view severity) {
    if (shown_ >= show_) return;
    ++shown_;
    std::cerr << "newsdig-check-formats: " << formats::format_diagnostic(diagnostic, severity) << '\n';
  }

  bool print_;
  std::size_t show_;
  std::size_t shown_ = 0;
  std::vector<Article> printed_;
};

struct Checker {
  formats::Format forced = formats::Format::Auto;
  formats::ReaderSettings settings;
  CountingSink& sink;
  std::map<std::string, Counts> by_format;

  void input(const std::string& name, const std::string& origin, const std::string& bytes) {
    const auto started = Clock::now();
    std::optional<formats::Format> format = forced;
    std::string why;
    if (forced == formats::Format::Auto) format = formats::detect_format(name, bytes, &why);
    Counts& counts = by_format[format ? std::string(formats::format_name(*format)) : "(not read)"];
    sink.counts = &counts;
    ++counts.inputs;
    counts.bytes += bytes.size();
    if (!format) {
      sink.skip({origin, 0, why});
    } else {
      formats::read_input(*format, formats::Input{bytes, origin, origin}, sink, settings);
    }
    counts.seconds += std::chrono::duration<double>(Clock::now() - started).count();
    sink.flush();
  }
};

bool is_archive(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  for (std::string_view suffix :
       {".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tar.zst", ".zip"}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) return true;
  }
  return false;
}

struct ArchiveCloser {
  void operator()(archive* reader) const { archive_read_free(reader); }
};

bool read_archive(const std::filesystem::path& path, Checker& checker) {
  std::unique_ptr<archive, ArchiveCloser> reader(archive_read_new());
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_all(reader.get());
  if (archive_read_open_filename(reader.get(), path.c_str(), 1 << 20) != ARCHIVE_OK) {
    std::cerr << "newsdig-check-formats: error: " << path.string() << ": "
              << archive_error_string(reader.get()) << '\n';
    return false;
  }
  archive_entry* entry = nullptr;
  std::string bytes;
  while (archive_read_next_header(reader.get(), &entry) == ARCHIVE_OK) {
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    bytes.resize(static_cast<std::size_t>(std::max<la_int64_t>(archive_entry_size(entry), 0)));
    const la_ssize_t got = archive_read_data(reader.get(), bytes.data(), bytes.size());
    if (got < 0) {
      std::cerr << "newsdig-check-formats: error: " << path.string() << ": "
                << archive_error_string(reader.get()) << '\n';
      return false;
    }
    bytes.resize(static_cast<std::size_t>(got));
    const std::string member = archive_entry_pathname(entry);
    checker.input(member, path.filename().string() + "!" + member, bytes);
  }
  return true;
}

bool read_path(const std::filesystem::path& path, Checker& checker) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    bool ok = true;
    for (const auto& file : files) ok = read_path(file, checker) && ok;
    return ok;
  }
  if (is_archive(path)) return read_archive(path, checker);
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(std::filesystem::file_size(path, error)), '\0');
  if (error || !in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    std::cerr << "newsdig-check-formats: error: cannot read " << path.string() << '\n';
    return false;
  }
  checker.input(path.string(), path.string(), bytes);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Runs newsdig's format readers over inputs and prints what they make of them, per format"};
  std::vector<std::string> paths;
  std::string format_name = "auto";
  std::string columns;
  std::string delimiter;
  bool print = false;
  std::size_t show = 10;
  app.add_option("paths", paths, "Files, directories or archives")->required();
  app.add_option("--format", format_name, "A format name of newsdig-index --format (default auto)");
  app.add_option("--columns", columns, "CSV/TSV column names, comma-separated, for files without a header");
  app.add_option("--delimiter", delimiter, "CSV field delimiter (one character; \\t for tab)");
  app.add_flag("--print", print, "Write the articles to stdout as JSON Lines");
  app.add_option("--show", show, "Print the first N diagnostics (default 10)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  const auto format = formats::parse_format_name(format_name);
  if (!format) {
    std::cerr << "newsdig-check-formats: error: unknown format " << format_name << '\n';
    return 2;
  }

  CountingSink sink(print, show);
  Checker checker{*format, {}, sink, {}};
  for (std::size_t start = 0; !columns.empty() && start <= columns.size();) {
    const std::size_t comma = std::min(columns.find(',', start), columns.size());
    checker.settings.csv_columns.push_back(columns.substr(start, comma - start));
    start = comma + 1;
  }
  if (delimiter == "\\t") delimiter = "\t";
  if (delimiter.size() == 1) checker.settings.csv_delimiter = delimiter[0];

  bool ok = true;
  for (const std::string& path : paths) ok = read_path(path, checker) && ok;

  // The table goes to stdout, or to stderr when stdout carries the articles.
  std::cout.flush();
  std::FILE* out = print ? stderr : stdout;
  auto row = [out](std::string_view name, const Counts& c) {
    const double mb = static_cast<double>(c.bytes) / 1e6;
    fmt::print(out, "{:<14} {:>8} {:>9} {:>8} {:>8} {:>9} {:>9.1f} {:>9.1f} {:>8.2f} {:>7.1f}\n", name,
               c.inputs, c.articles, c.skips, c.warnings, c.articles + c.skips, mb,
               static_cast<double>(c.text_bytes) / 1e6, c.seconds, c.seconds > 0 ? mb / c.seconds : 0.0);
  };
  fmt::print(out, "{:<14} {:>8} {:>9} {:>8} {:>8} {:>9} {:>9} {:>9} {:>8} {:>7}\n", "format", "inputs",
             "articles", "skipped", "warnings", "seen", "input MB", "text MB", "seconds", "MB/s");
  Counts total;
  for (const auto& [name, counts] : checker.by_format) {
    row(name, counts);
    total.inputs += counts.inputs;
    total.articles += counts.articles;
    total.skips += counts.skips;
    total.warnings += counts.warnings;
    total.bytes += counts.bytes;
    total.text_bytes += counts.text_bytes;
    total.seconds += counts.seconds;
  }
  if (checker.by_format.size() > 1) row("total", total);
  return ok ? 0 : 2;
}
