#pragma once
// Shared by the sharded-database suites: xapian-tcpsrv processes serving shards on loopback ports.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace newsdig::test {

// The xapian-tcpsrv program (Debian package xapian-tools); empty when it is not installed.
inline std::string tcpsrv_path() {
  for (const char* candidate : {"/usr/bin/xapian-tcpsrv", "/usr/local/bin/xapian-tcpsrv"}) {
    if (::access(candidate, X_OK) == 0) return candidate;
  }
  return {};
}

// A loopback port nobody listens on now (the kernel's pick for port 0).
inline unsigned free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  BOOST_TEST_REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  BOOST_TEST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  BOOST_TEST_REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

inline bool answers(unsigned port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

// One read-only xapian-tcpsrv serving one shard on a loopback port, stopped (SIGTERM) on destruction.
class Server {
 public:
  explicit Server(const std::filesystem::path& database) {
    // The port is free when picked but could be taken before the server binds it: then pick again.
    for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) start(database, free_port());
    BOOST_TEST_REQUIRE(pid_ > 0, "xapian-tcpsrv did not start for " << database);
  }
  ~Server() { stop(); }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  unsigned port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  void start(const std::filesystem::path& database, unsigned port) {
    const std::string tcpsrv = tcpsrv_path();
    const std::string port_text = std::to_string(port);
    const std::string database_text = database.string();
    std::vector<const char*> argv{tcpsrv.c_str(), "--port",  port_text.c_str(),     "--interface",
                                  "127.0.0.1",    "--quiet", database_text.c_str(), nullptr};
    const pid_t pid = ::fork();
    BOOST_TEST_REQUIRE(pid >= 0);
    if (pid == 0) {
      // Its own process group: on SIGTERM, xapian-tcpsrv signals its whole group (its connection
      // children), which would otherwise include this test.
      ::setsid();
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      ::execv(argv[0], const_cast<char* const*>(argv.data()));
      ::_exit(127);
    }
    // Waits until the server accepts connections, or has exited (its port was taken meanwhile).
    for (int tries = 0; tries < 400; ++tries) {
      if (answers(port)) {
        pid_ = pid;
        port_ = port;
        return;
      }
      if (::waitpid(pid, nullptr, WNOHANG) == pid) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }

  pid_t pid_ = -1;
  unsigned port_ = 0;
};

}  // namespace newsdig::test
