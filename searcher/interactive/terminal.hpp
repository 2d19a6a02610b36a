#pragma once
// The terminal an interactive session runs on: its size, and Ctrl-C as a flag rather than death, so a
// running step (rendering, paging) can stop between its parts and the session go on.
#include <string>
#include <string_view>

namespace newsdig::searcher::interactive {

struct TerminalSize {
  unsigned columns = 80;
  unsigned rows = 24;
};

// The size of the terminal on `fd`; else COLUMNS and LINES; else 80 x 24.
TerminalSize terminal_size(int fd);

// While one exists, SIGINT sets a flag (interrupted()) instead of ending the process; system calls it
// interrupts are restarted. The destructor puts back the previous disposition. One at a time.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
};

// True once Ctrl-C was pressed since the last clear_interrupt().
bool interrupted();
void clear_interrupt();

// The next byte of `fd` as an unsigned char, or -1 at the end of input, on a read error, or when Ctrl-C
// was pressed (interrupted()), also just before the call: SIGINT is let through only while waiting, so it
// cannot slip in between the check and the wait.
int read_key(int fd);

// `text` without its ANSI escape sequences (CSI and OSC).
std::string strip_ansi(std::string_view text);

// Screen lines `text` takes on a terminal `columns` wide: each of its lines (a final newline ends the last
// one) wraps after `columns` display columns; escape sequences take none.
unsigned screen_lines(std::string_view text, unsigned columns);

}  // namespace newsdig::searcher::interactive
