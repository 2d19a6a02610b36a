#pragma once
// Drives a program through a pseudo-terminal, as a person at a terminal would: type keys, wait for text
// to appear on the screen (with a time limit, so a hung program fails the test instead of hanging it),
// read the screen without its escape sequences, and collect the exit code. Header-only (forkpty is in
// glibc's libc since 2.34).
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdig::test {

class PtySession {
 public:
  // Starts argv[0] (a path) on a new terminal of `columns` x `rows`, its environment the test's plus
  // `env`. Throws std::runtime_error when it cannot.
  PtySession(const std::vector<std::string>& argv,
             const std::vector<std::pair<std::string, std::string>>& env, unsigned short columns = 100,
             unsigned short rows = 30) {
    winsize size{};
    size.ws_col = columns;
    size.ws_row = rows;
    pid_ = ::forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ < 0) throw std::runtime_error("forkpty failed");
    if (pid_ == 0) {
      for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
      std::vector<char*> args;
      for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
  }

  ~PtySession() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (master_ >= 0) ::close(master_);
  }

  PtySession(const PtySession&) = delete;
  PtySession& operator=(const PtySession&) = delete;

  // Sends keys as typed ("\r" is Enter, "\x03" Ctrl-C, "\x04" Ctrl-D, "\t" Tab).
  // Keys go only once the line editor holds the terminal (canonical mode off), or after a second for
  // programs that never take it: a key typed while the terminal is still in canonical mode (between a
  // prompt being drawn and the editor switching modes) can be turned into a signal or lost.
  void type(std::string_view keys) {
    const auto settle = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    termios mode{};
    while (::tcgetattr(master_, &mode) == 0 && (mode.c_lflag & ICANON) != 0 &&
           std::chrono::steady_clock::now() < settle) {
      ::poll(nullptr, 0, 5);
    }
    while (!keys.empty()) {
      ssize_t n = ::write(master_, keys.data(), keys.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw std::runtime_error("cannot write to the terminal");
      keys.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // Waits until `text` shows on the screen after what earlier waits consumed, and returns the screen
  // text (escape sequences and carriage returns removed) from there up to the end of `text`. Throws
  // std::runtime_error, with what the screen showed, when it does not come within `limit`.
  std::string wait_for(std::string_view text, std::chrono::milliseconds limit = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
      const std::string plain = plain_text(raw_);
      if (auto found = plain.find(text, consumed_); found != std::string::npos) {
        std::string seen = plain.substr(consumed_, found + text.size() - consumed_);
        consumed_ = found + text.size();
        return seen;
      }
      if (!read_some(deadline)) {
        throw std::runtime_error("waited in vain for '" + std::string(text) +
                                 "'; the screen after the last wait:\n" + plain.substr(consumed_));
      }
    }
  }

  // Waits for the program to end (reading what it still prints) and returns its exit code, 128 + the
  // signal when a signal ended it. Throws std::runtime_error when it does not end within `limit`.
  int wait_exit(std::chrono::milliseconds limit = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (read_some(deadline)) {
    }
    for (;;) {
      int status = 0;
      pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the program did not exit");
      ::poll(nullptr, 0, 10);
    }
  }

  // Everything shown so far, escape sequences and carriage returns removed.
  std::string screen() const { return plain_text(raw_); }

  // `text` without escape sequences (CSI, OSC, two-byte) and carriage returns.
  static std::string plain_text(std::string_view text) {
    std::string plain;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r') continue;
      if (text[i] != '\x1b') {
        plain.push_back(text[i]);
        continue;
      }
      if (i + 1 < text.size() && text[i + 1] == '[') {
        i += 2;
        while (i < text.size() && !(text[i] >= '@' && text[i] <= '~')) ++i;
      } else if (i + 1 < text.size() && text[i + 1] == ']') {
        i += 2;
        while (i < text.size() && text[i] != '\a' && text[i] != '\x1b') ++i;
        if (i < text.size() && text[i] == '\x1b') ++i;
      } else {
        ++i;
      }
    }
    return plain;
  }

 private:
  // Reads what is there, waiting up to `deadline`; false at the deadline or at the end of output.
  bool read_some(std::chrono::steady_clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd poll_fd{master_, POLLIN, 0};
    int ready = ::poll(&poll_fd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) return true;
    if (ready <= 0) return false;
    char buffer[4096];
    ssize_t n = ::read(master_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) return true;
    if (n <= 0) return false;  // EIO: the program closed the terminal
    raw_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  int master_ = -1;
  pid_t pid_ = -1;
  bool exited_ = false;
  std::string raw_;
  std::size_t consumed_ = 0;
};

}  // namespace newsdig::test
