#include "searcher/interactive/terminal.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>

#include <csignal>
#include <cstdlib>

#include "common/util/display_width.hpp"

namespace newsdig::searcher::interactive {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;
struct sigaction g_previous {};

void on_interrupt(int) {
  g_interrupted = 1;
}

unsigned environment_number(const char* name, unsigned fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr) return fallback;
  long value = std::strtol(text, nullptr, 10);
  return value >= 5 && value <= 10000 ? static_cast<unsigned>(value) : fallback;
}

}  // namespace

TerminalSize terminal_size(int fd) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0 && size.ws_row > 0) {
    return {size.ws_col, size.ws_row};
  }
  return {environment_number("COLUMNS", 80), environment_number("LINES", 24)};
}

InterruptGuard::InterruptGuard() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  // Restarted system calls: a write to the terminal cut by Ctrl-C would otherwise leave the stream failed.
  // The prompt still notices Ctrl-C: read_key waits in ppoll, which a signal always interrupts.
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &action, &g_previous);
  g_interrupted = 0;
}

InterruptGuard::~InterruptGuard() {
  ::sigaction(SIGINT, &g_previous, nullptr);
}

bool interrupted() {
  return g_interrupted != 0;
}

void clear_interrupt() {
  g_interrupted = 0;
}

int read_key(int fd) {
  sigset_t interrupt, previous;
  sigemptyset(&interrupt);
  sigaddset(&interrupt, SIGINT);
  ::sigprocmask(SIG_BLOCK, &interrupt, &previous);
  sigset_t waiting = previous;
  sigdelset(&waiting, SIGINT);
  int key = -1;
  for (;;) {
    if (g_interrupted != 0) break;
    pollfd ready{fd, POLLIN, 0};
    const int found = ::ppoll(&ready, 1, nullptr, &waiting);
    if (found < 0 && errno == EINTR) continue;
    if (found < 0) break;
    // Ctrl-C makes the terminal drop what was typed: the key ppoll saw may be gone by now, and a read that
    // waited would wait, SIGINT blocked, for the next key. So the read does not wait; back to ppoll,
    // which takes the pending Ctrl-C.
    unsigned char byte = 0;
    const int flags = ::fcntl(fd, F_GETFL);
    const bool set_nonblocking = flags >= 0 && (flags & O_NONBLOCK) == 0;
    if (set_nonblocking) ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    const ssize_t n = ::read(fd, &byte, 1);
    const int read_error = errno;
    if (set_nonblocking) ::fcntl(fd, F_SETFL, flags);
    if (n < 0 && (read_error == EINTR || read_error == EAGAIN)) continue;
    if (n == 1) key = byte;
    break;
  }
  ::sigprocmask(SIG_SETMASK, &previous, nullptr);
  return key;
}

std::string strip_ansi(std::string_view text) {
  std::string plain;
  plain.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\x1b') {
      plain.push_back(text[i]);
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '[') {  // CSI: parameters, then a final byte @..~
      i += 2;
      while (i < text.size() && !(text[i] >= '@' && text[i] <= '~')) ++i;
    } else if (i + 1 < text.size() && text[i + 1] == ']') {  // OSC: up to BEL or ESC backslash
      i += 2;
      while (i < text.size() && text[i] != '\a' && text[i] != '\x1b') ++i;
      if (i < text.size() && text[i] == '\x1b') ++i;  // and the backslash after it
    } else {
      ++i;  // a two-byte escape
    }
  }
  return plain;
}

unsigned screen_lines(std::string_view text, unsigned columns) {
  if (columns == 0) columns = 1;
  const std::string plain = strip_ansi(text);
  std::string_view rest = plain;
  unsigned lines = 0;
  while (!rest.empty()) {
    auto end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    unsigned width = 0;
    for (std::size_t offset = 0; offset < line.size();)
      width += util::display_width(util::next_code_point(line, offset));
    lines += width == 0 ? 1 : (width + columns - 1) / columns;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return lines;
}

}  // namespace newsdig::searcher::interactive
