#include "searcher/interactive/pager.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "searcher/interactive/terminal.hpp"

namespace newsdig::searcher::interactive {

std::string pager_command() {
  const char* pager = std::getenv("PAGER");
  if (pager != nullptr && std::string_view(pager).find_first_not_of(" \t") != std::string_view::npos)
    return pager;
  return "less -R";
}

void show_in_pager(const std::string& text, const std::string& command) {
  int pipe_ends[2];
  if (::pipe(pipe_ends) != 0)
    throw std::runtime_error(std::string("cannot start the pager: ") + std::strerror(errno));
  const pid_t child = ::fork();
  if (child < 0) {
    const int error = errno;
    ::close(pipe_ends[0]);
    ::close(pipe_ends[1]);
    throw std::runtime_error(std::string("cannot start the pager: ") + std::strerror(error));
  }
  if (child == 0) {
    ::dup2(pipe_ends[0], STDIN_FILENO);
    ::close(pipe_ends[0]);
    ::close(pipe_ends[1]);
    // The pager gets the default dispositions, whatever the session set.
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGPIPE, SIG_DFL);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_ends[0]);
  std::size_t written = 0;
  while (written < text.size() && !interrupted()) {
    const ssize_t n = ::write(pipe_ends[1], text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;  // EPIPE: the pager quit before reading everything, which is fine
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(pipe_ends[1]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  // Ctrl-C inside the pager is the pager's: it does not cancel anything after it.
  clear_interrupt();
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    throw std::runtime_error("cannot run the pager '" + command +
                             "': set PAGER to a pager that is installed");
  }
}

}  // namespace newsdig::searcher::interactive
