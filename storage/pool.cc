// ConnectionPool. Each connection prepares every named query once, so
// statements are parsed once per connection, not once per call.
#include "storage/pool.h"

#include <chrono>

#include "queries.h"
#include "common/status.h"

namespace grants::storage {

ConnectionPool::Lease::~Lease() {
  if (pool_ && conn_) pool_->Release(std::move(conn_));
}

absl::StatusOr<std::unique_ptr<ConnectionPool>> ConnectionPool::Open(
    const std::string& conninfo, int size, absl::Duration acquire_timeout) {
  std::unique_ptr<ConnectionPool> pool(
      new ConnectionPool(conninfo, size, acquire_timeout));
  for (int i = 0; i < size; ++i) {
    ASSIGN_OR_RETURN(auto conn, pool->Connect());
    pool->idle_.push_back(std::move(conn));
  }
  return pool;
}

absl::StatusOr<std::unique_ptr<pqxx::connection>> ConnectionPool::Connect()
    const {
  try {
    auto conn = std::make_unique<pqxx::connection>(conninfo_);
    pqxx::nontransaction setup(*conn);
    setup.exec("SET TIME ZONE 'UTC'");
    setup.commit();
    for (const auto& [name, sql] : sql::kAll)
      conn->prepare(std::string(name), std::string(sql));
    return conn;
  } catch (const std::exception& e) {
    return MakeError(absl::StatusCode::kUnavailable, "DATABASE_UNAVAILABLE",
                     "cannot connect to the database");
  }
}

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire() {
  std::unique_ptr<pqxx::connection> conn;
  {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, absl::ToChronoMilliseconds(timeout_),
                      [&] { return !idle_.empty(); }))
      return MakeError(absl::StatusCode::kUnavailable,
                       "DATABASE_POOL_EXHAUSTED",
                       "no database connection free; try again");
    conn = std::move(idle_.back());
    idle_.pop_back();
    if (observer_) observer_(size_ - static_cast<int>(idle_.size()));
  }
  if (!conn || !conn->is_open()) {
    auto fresh = Connect();
    if (!fresh.ok()) {
      Release(nullptr);  // keep the slot; the next caller tries again
      return fresh.status();
    }
    conn = std::move(fresh).value();
  }
  return Lease(this, std::move(conn));
}

void ConnectionPool::Release(std::unique_ptr<pqxx::connection> conn) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(conn));
    // Under the lock, so the gauge never shows an older count last.
    if (observer_) observer_(size_ - static_cast<int>(idle_.size()));
  }
  cv_.notify_one();
}

int ConnectionPool::in_use() const {
  std::lock_guard lock(mu_);
  return size_ - static_cast<int>(idle_.size());
}

}  // namespace grants::storage
