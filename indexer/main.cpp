// newsdig-index: parse the command line, run, map the result to an exit code.
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "indexer/options.hpp"
#include "indexer/run.hpp"

int main(int argc, char** argv) {
  newsdig::indexer::Options options;
  CLI::App app{"newsdig-index", "newsdig-index"};
  newsdig::indexer::configure(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints --help, --version or the error
    return code == 0 ? newsdig::indexer::kExitOk : newsdig::indexer::kExitFatal;
  }
  return newsdig::indexer::run(options, std::cin, std::cout, std::cerr, isatty(STDERR_FILENO) == 1);
}
