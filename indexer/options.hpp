#pragma once
// newsdig-index's command line: the Options struct and the CLI11 set-up that fills it.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "indexer/formats/format.hpp"

namespace newsdig::indexer {

struct Options {
  std::string db;                  // database directory
  std::vector<std::string> paths;  // files, directories, "-"
  formats::Format format = formats::Format::Auto;
  std::string default_language = "en";
  unsigned commit_every = 10000;  // articles between commits
  bool quiet = false;             // no per-article diagnostics, summary only
};

// Declares the options on `app`, writing into `options`. The default database comes from NEWSDIG_DB,
// else ./newsdig.db.
void configure(CLI::App& app, Options& options);

}  // namespace newsdig::indexer
