#pragma once
// newsdig-search's command line: the Options struct and the CLI11 set-up that fills it.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace newsdig::searcher {

enum class OutputFormat { Human, Json, Jsonl };
enum class ColorMode { Auto, Always, Never };

struct Options {
  std::string db;                  // database directory
  std::vector<std::string> query;  // the query, possibly split over several arguments
  bool any = false;                // rank by any word instead of requiring all
  unsigned limit = 10;
  unsigned offset = 0;
  OutputFormat format = OutputFormat::Human;
  ColorMode color = ColorMode::Auto;
  std::string language = "en";  // stemming language of the query words
};

// Declares the options on `app`, writing into `options`. The default database comes from NEWSDIG_DB,
// else ./newsdig.db.
void configure(CLI::App& app, Options& options);

// The query as one string (arguments joined by spaces).
std::string query_text(const Options& options);

}  // namespace newsdig::searcher
