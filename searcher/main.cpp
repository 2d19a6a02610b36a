// newsdig-search: parse the command line, run, map the result to an exit code.
#include <unistd.h>

#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>

#include "searcher/interactive/session.hpp"
#include "searcher/options.hpp"
#include "searcher/run.hpp"

int main(int argc, char** argv) {
  // A closed pipe (`newsdig-search ... | head`) is not an error: writes fail quietly and we exit 0.
  std::signal(SIGPIPE, SIG_IGN);
  newsdig::searcher::Options options;
  CLI::App app{"newsdig-search", "newsdig-search"};
  newsdig::searcher::configure(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints --help, --version or the error
    return code == 0 ? newsdig::searcher::kExitHits : newsdig::searcher::kExitError;
  }
  int code = options.interactive
                 ? newsdig::searcher::interactive::run_interactive(options, std::cout, std::cerr)
                 : newsdig::searcher::run(options, std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1);
  if (!std::cout) return newsdig::searcher::kExitHits;  // the reader went away
  return code;
}
