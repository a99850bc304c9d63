// StallWatchdog: TCP_INFO polling of leased database sockets.
#include "storage/stall_watchdog.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace grants::storage {

StallWatchdog::StallWatchdog(absl::Duration period)
    : period_(period), thread_(&StallWatchdog::Loop, this) {}

StallWatchdog::~StallWatchdog() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  thread_.join();
}

StallWatchdog::Watch::Watch(Watch&& other) noexcept
    : dog_(other.dog_), id_(other.id_) {
  other.dog_ = nullptr;
}

StallWatchdog::Watch& StallWatchdog::Watch::operator=(Watch&& other) noexcept {
  if (this != &other) {
    if (dog_) dog_->Unwatch(id_);
    dog_ = other.dog_;
    id_ = other.id_;
    other.dog_ = nullptr;
  }
  return *this;
}

StallWatchdog::Watch::~Watch() {
  if (dog_) dog_->Unwatch(id_);
}

StallWatchdog::Watch StallWatchdog::Guard(int fd, absl::Duration limit) {
  if (fd < 0 || limit <= absl::ZeroDuration()) return Watch();
  std::lock_guard lock(mu_);
  uint64_t id = next_id_++;
  watched_[id] = {fd, static_cast<uint32_t>(absl::ToInt64Milliseconds(limit))};
  return Watch(this, id);
}

void StallWatchdog::Unwatch(uint64_t id) {
  // Under the lock, so the loop never shuts a socket down after its owner
  // stopped watching it (and may have closed it, freeing the number).
  std::lock_guard lock(mu_);
  watched_.erase(id);
}

namespace {

bool StalledMs(int fd, uint32_t limit_ms) {
  tcp_info info{};
  socklen_t len = sizeof(info);
  if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0) return false;
  // Both are "milliseconds ago": a smaller last_data_sent means the last
  // thing on the wire was our request, still unanswered.
  return info.tcpi_last_data_sent < info.tcpi_last_data_recv &&
         info.tcpi_last_data_sent >= limit_ms;
}

}  // namespace

bool StallWatchdog::Stalled(int fd, absl::Duration limit) {
  return fd >= 0 &&
         StalledMs(fd, static_cast<uint32_t>(absl::ToInt64Milliseconds(limit)));
}

void StallWatchdog::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    stop_cv_.wait_for(lock, absl::ToChronoMilliseconds(period_),
                      [&] { return stopping_; });
    for (auto it = watched_.begin(); it != watched_.end();) {
      if (StalledMs(it->second.fd, it->second.limit_ms)) {
        // The blocked recv() returns at once; libpq reports the connection
        // lost. Watched once: the owner discards the connection.
        ::shutdown(it->second.fd, SHUT_RDWR);
        it = watched_.erase(it);
      } else {
        ++it;
      }
    }
  }
}

}  // namespace grants::storage
