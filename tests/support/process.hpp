#pragma once
// Runs a program to completion with the given arguments, standard input and extra environment, and
// captures its standard output, standard error and exit code (CLI tests run the real binaries).
#include <string>
#include <utility>
#include <vector>

namespace newsdig::test {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal number when killed by a signal
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::string input;                                     // written to standard input, then closed
  std::vector<std::pair<std::string, std::string>> env;  // added to (or replacing in) the environment
  std::vector<std::string> unset_env;                    // removed from the environment
  std::string cwd;                                       // empty = inherit
};

// Throws std::runtime_error if the process cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace newsdig::test
