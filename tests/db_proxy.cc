// DbProxy: one thread accepts, one thread per connection moves bytes.
#include "tests/db_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace grants::testing {
namespace {

std::string Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// Copies what is waiting on `from` to `to`; false when `from` closed.
bool Move(int from, int to) {
  char buf[16384];
  ssize_t n = ::read(from, buf, sizeof(buf));
  if (n <= 0) return false;
  for (ssize_t off = 0; off < n;) {
    ssize_t w = ::write(to, buf + off, n - off);
    if (w <= 0) return false;
    off += w;
  }
  return true;
}

}  // namespace

DbProxy::DbProxy() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      ::listen(listen_fd_, 64) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    throw std::runtime_error("proxy cannot listen");
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread(&DbProxy::Accept, this);
}

DbProxy::~DbProxy() {
  stopping_ = true;
  acceptor_.join();
  ::close(listen_fd_);
  std::lock_guard lock(mu_);
  for (auto& t : pumps_) t.join();
}

std::string DbProxy::Through(const std::string& conninfo) const {
  return conninfo + " host=127.0.0.1 port=" + std::to_string(port_);
}

int DbProxy::ConnectUpstream() const {
  std::string host = Env("PGHOST", "/var/run/postgresql");
  std::string port = Env("PGPORT", "5432");
  if (host.front() == '/') {
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::string path = host + "/.s.PGSQL." + port;
    std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  }
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(std::stoi(port)));
  if (host == "localhost") host = "127.0.0.1";
  ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void DbProxy::Accept() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    int client = ::accept(listen_fd_, nullptr, nullptr);
    if (client < 0) continue;
    ++accepted_;
    int server = ConnectUpstream();
    if (server < 0) {
      ::close(client);
      continue;
    }
    std::lock_guard lock(mu_);
    pumps_.emplace_back(&DbProxy::Pump, this, client, server);
  }
}

void DbProxy::Pump(int client, int server) {
  while (!stopping_) {
    if (stalled_) {  // hold everything; the kernels keep acknowledging
      ::usleep(20'000);
      continue;
    }
    pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    if (::poll(p, 2, 50) <= 0) continue;
    if (p[0].revents && !Move(client, server)) break;
    if (p[1].revents && !Move(server, client)) break;
  }
  ::close(client);
  ::close(server);
}

}  // namespace grants::testing
