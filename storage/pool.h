// A fixed-size pool of PostgreSQL connections. A connection is used by one
// thread at a time; requests queue for a free one rather than opening more.
// Connections carry connect, keepalive and statement timeouts, a watchdog
// cuts one whose server stopped answering, and a broken one is replaced.
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
#include "storage/stall_watchdog.h"

namespace grants::storage {

// How the pool connects. The timeouts are added to the conninfo unless it
// sets them itself.
struct PoolOptions {
  int size = 8;
  // How long a caller waits for a free connection.
  absl::Duration acquire_timeout = absl::Seconds(10);
  // libpq connect_timeout, per host of a multi-host conninfo (libpq treats
  // 1 as 2); 0 leaves libpq's default (wait forever).
  int connect_timeout_s = 5;
  // TCP keepalives on idle connections: first probe after idle_s, then
  // every interval_s, given up after count unanswered.
  int keepalives_idle_s = 10;
  int keepalives_interval_s = 5;
  int keepalives_count = 3;
  // The server cancels a statement after this (SQLSTATE 57014, mapped to
  // UNAVAILABLE DATABASE_TIMEOUT); 0: none. A leased connection that sent
  // a request and heard nothing for this plus `stall_grace` is cut.
  int statement_timeout_ms = 30'000;
  absl::Duration stall_grace = absl::Seconds(2);
};

class ConnectionPool {
 public:
  // Opens `options.size` connections to `conninfo` (libpq syntax, key=value
  // or URI, several hosts allowed; "" uses the PG* environment).
  // UNAVAILABLE (DATABASE_UNAVAILABLE) when it cannot connect.
  static absl::StatusOr<std::unique_ptr<ConnectionPool>> Open(
      const std::string& conninfo, const PoolOptions& options);
  static absl::StatusOr<std::unique_ptr<ConnectionPool>> Open(
      const std::string& conninfo, int size,
      absl::Duration acquire_timeout = absl::Seconds(10));

  // A leased connection, returned to the pool when destroyed.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> conn);
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    pqxx::connection& operator*() { return *conn_; }
    pqxx::connection* operator->() { return conn_.get(); }
    // Closes the connection instead of returning it (it broke, or points at
    // a server that cannot serve us); the next caller opens a fresh one.
    void Discard();

   private:
    ConnectionPool* pool_;
    std::unique_ptr<pqxx::connection> conn_;
    StallWatchdog::Watch watch_;
  };

  // Waits for a free connection; reconnects one that broke. UNAVAILABLE
  // (DATABASE_POOL_EXHAUSTED) after the acquire timeout, or
  // (DATABASE_UNAVAILABLE) when reconnecting fails.
  absl::StatusOr<Lease> Acquire();

  // Whether the database can take writes now: on a connection of its own
  // (not a pooled one, which may all be busy), `SELECT 1` as a read-write
  // session, cut after `limit`. UNAVAILABLE (DATABASE_UNAVAILABLE, or
  // DATABASE_READ_ONLY for a standby) otherwise. One caller at a time.
  absl::Status Ping(absl::Duration limit);

  // Closes every idle connection, so the next callers connect afresh (after
  // Ping failed: they would all point at a server that went away).
  void DropIdle();

  int size() const { return size_; }
  int in_use() const;
  // Calls `observer` with the number of leased connections whenever it
  // changes (for the metrics gauge). Set it before the pool is shared.
  void ObserveInUse(std::function<void(int)> observer) {
    observer_ = std::move(observer);
  }

 private:
  ConnectionPool(std::string conninfo, const PoolOptions& options);
  absl::StatusOr<std::unique_ptr<pqxx::connection>> Connect() const;
  void Release(std::unique_ptr<pqxx::connection> conn);

  const std::string conninfo_;  // with the timeouts added
  const PoolOptions options_;
  const int size_;
  mutable StallWatchdog watchdog_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::function<void(int)> observer_;
  std::mutex ping_mu_;
  std::unique_ptr<pqxx::connection> ping_conn_;
};

// `conninfo` with connect_timeout and keepalive settings from `options`
// added where it does not set them itself (key=value or URI form).
std::string WithTimeouts(const std::string& conninfo,
                         const PoolOptions& options);

}  // namespace grants::storage
