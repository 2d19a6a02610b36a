#pragma once
// Showing long text through the user's pager ($PAGER, else `less -R`), run by /bin/sh on the terminal.
#include <string>

namespace newsdig::searcher::interactive {

// $PAGER when set and not blank, else "less -R" (-R: show the colour of highlights).
std::string pager_command();

// Runs `command` through /bin/sh with `text` on its standard input and waits for it to end. Writing
// stops early when the pager quits, or at Ctrl-C (interrupted()). Throws std::runtime_error when the
// pager cannot be started.
void show_in_pager(const std::string& text, const std::string& command);

}  // namespace newsdig::searcher::interactive
