#pragma once
// Shared by the suites that drive newsdig-search's interactive session through a pseudo-terminal.
#include <regex>
#include <string>

#include "tests/cli/cli_support.hpp"
#include "tests/support/pty_session.hpp"

namespace newsdig::test {

inline const std::string kPrompt = "newsdig> ";

// The hit count of the last status line on `screen` ("12 hits, 1-4 | 3 ms | ..."); -1 when there is none.
inline long hit_count(const std::string& screen) {
  static const std::regex status(R"((\d+) hits?(, \d+-\d+)? \| \d+ ms \| sort)");
  long count = -1;
  for (auto it = std::sregex_iterator(screen.begin(), screen.end(), status); it != std::sregex_iterator();
       ++it) {
    count = std::stol((*it)[1].str());
  }
  return count;
}

// `newsdig-search -i --db DB` on a terminal of 100 x `rows`, its home and state in `home`; the pager writes
// what it is given to home/paged.txt.
struct Terminal {
  Terminal(const TempDir& home, const std::string& db, unsigned short rows = 40)
      : session({search_bin().string(), "-i", "--db", db},
                {{"HOME", home.path().string()},
                 {"XDG_STATE_HOME", (home / "state").string()},
                 {"PAGER", "cat > '" + (home / "paged.txt").string() + "'"},
                 {"TERM", "dumb"}},
                100, rows) {}

  // Types `line` and Enter; returns what it printed up to the next prompt.
  std::string enter(const std::string& line) {
    session.type(line + "\r");
    return session.wait_for(kPrompt);
  }

  // Types :quit and Enter; returns the session's exit status.
  int quit() {
    session.type(":quit\r");
    return session.wait_exit();
  }

  PtySession session;
};

}  // namespace newsdig::test
