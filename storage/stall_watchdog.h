// Cuts database connections whose server stopped answering. A query to a
// stalled or black-holed server blocks in recv() for as long as the kernel
// keeps the TCP connection (the peer's kernel may still acknowledge, so
// neither keepalives nor tcp_user_timeout fire); statement_timeout needs the
// server to act. The watchdog reads each watched socket's TCP_INFO and shuts
// down one that sent a request and has heard nothing back for its limit, so
// the blocked call fails at once (pqxx::broken_connection) and the
// connection is replaced.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

#include "absl/time/time.h"

namespace grants::storage {

class StallWatchdog {
 public:
  // Checks the watched sockets every `period` on its own thread.
  explicit StallWatchdog(absl::Duration period = absl::Milliseconds(200));
  ~StallWatchdog();
  StallWatchdog(const StallWatchdog&) = delete;
  StallWatchdog& operator=(const StallWatchdog&) = delete;

  // Watches one socket until destroyed (move-only).
  class Watch {
   public:
    Watch() = default;
    Watch(StallWatchdog* dog, uint64_t id) : dog_(dog), id_(id) {}
    Watch(Watch&& other) noexcept;
    Watch& operator=(Watch&& other) noexcept;
    ~Watch();

   private:
    StallWatchdog* dog_ = nullptr;
    uint64_t id_ = 0;
  };

  // Watches TCP socket `fd` (a Unix socket or fd < 0 is not watched): when
  // its last send is more recent than its last receive and older than
  // `limit`, shuts it down. The socket must stay open while watched.
  Watch Guard(int fd, absl::Duration limit);

  // Whether `fd` sent a request `limit` or longer ago and has not heard
  // back since (false for anything but a TCP socket).
  static bool Stalled(int fd, absl::Duration limit);

 private:
  struct Entry {
    int fd;
    uint32_t limit_ms;
  };
  void Unwatch(uint64_t id);
  void Loop();

  const absl::Duration period_;
  std::mutex mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  uint64_t next_id_ = 1;
  std::map<uint64_t, Entry> watched_;
  std::thread thread_;
};

}  // namespace grants::storage
