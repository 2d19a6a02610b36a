#pragma once
// The session's `:` commands, as one table: a name, what it takes, what it does, and the Session call it
// makes. A new command is a new row (and, if it needs one, a new Session member).
#include <span>
#include <string_view>

#include "searcher/interactive/session.hpp"

namespace newsdig::searcher::interactive {

struct Command {
  std::string_view name;      // ":open"
  std::string_view argument;  // "N"; empty when it takes none
  std::string_view summary;   // for :help
  std::string_view words;     // the fixed words its argument may be, space-separated (completion); or ""
  // Runs the command; `argument` is what followed the name, trimmed. Throws UsageError on bad use.
  void (*run)(Session& session, std::string_view argument);
};

std::span<const Command> commands();

// The command called `name` (":n"), if any.
const Command* find_command(std::string_view name);

// A rank as typed after :open or :like ("3"). Throws UsageError when it is not a number from 1.
unsigned parse_rank(std::string_view text, std::string_view command);

}  // namespace newsdig::searcher::interactive
