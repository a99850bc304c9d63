// A fixed-size pool of PostgreSQL connections. A connection is used by one
// thread at a time; requests queue for a free one rather than opening more.
#pragma once

#include <pqxx/pqxx>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>


#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace grants::storage {

class ConnectionPool {
 public:
  // Opens `size` connections to `conninfo` (libpq syntax; "" uses the PG*
  // environment). UNAVAILABLE (DATABASE_UNAVAILABLE) when it cannot connect.
  static absl::StatusOr<std::unique_ptr<ConnectionPool>> Open(
      const std::string& conninfo, int size,
      absl::Duration acquire_timeout = absl::Seconds(10));

  // A leased connection, returned to the pool when destroyed.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    ~Lease();
    pqxx::connection& operator*() { return *conn_; }
    pqxx::connection* operator->() { return conn_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<pqxx::connection> conn_;
  };

  // Waits for a free connection; reconnects one that broke. UNAVAILABLE
  // (DATABASE_POOL_EXHAUSTED) after the acquire timeout, or
  // (DATABASE_UNAVAILABLE) when reconnecting fails.
  absl::StatusOr<Lease> Acquire();

  int size() const { return size_; }
  int in_use() const;
  // Calls `observer` with the number of leased connections whenever it
  // changes (for the metrics gauge). Set it before the pool is shared.
  void ObserveInUse(std::function<void(int)> observer) {
    observer_ = std::move(observer);
  }

 private:
  ConnectionPool(std::string conninfo, int size, absl::Duration timeout)
      : conninfo_(std::move(conninfo)), size_(size), timeout_(timeout) {}
  absl::StatusOr<std::unique_ptr<pqxx::connection>> Connect() const;
  void Release(std::unique_ptr<pqxx::connection> conn);

  const std::string conninfo_;
  const int size_;
  const absl::Duration timeout_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::function<void(int)> observer_;
};

}  // namespace grants::storage
