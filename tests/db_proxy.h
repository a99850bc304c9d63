// A TCP proxy between grantsd and the test PostgreSQL that a test can stall:
// while stalled it moves no bytes either way but keeps every socket open
// (its kernel still acknowledges), as a server stopped with SIGSTOP or a
// black-holed route looks to the client. New connections are accepted and
// then hear nothing.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace grants::testing {

class DbProxy {
 public:
  // Listens on 127.0.0.1 (a free port), forwarding to the PostgreSQL of
  // the PG* environment (TCP, or its Unix socket when PGHOST is a path).
  DbProxy();
  ~DbProxy();

  // `conninfo` (key=value) pointed at this proxy instead.
  std::string Through(const std::string& conninfo) const;
  int port() const { return port_; }

  void Stall() { stalled_ = true; }
  void Resume() { stalled_ = false; }
  // How many connections it has accepted.
  int accepted() const { return accepted_; }

 private:
  void Accept();
  void Pump(int client, int server);
  int ConnectUpstream() const;

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stalled_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::mutex mu_;
  std::vector<std::thread> pumps_;
  std::thread acceptor_;
};

}  // namespace grants::testing
