// ConnectionPool. Each connection prepares every named query once, so
// statements are parsed once per connection, not once per call.
#include "storage/pool.h"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "common/status.h"
#include "queries.h"

namespace grants::storage {
namespace {

bool IsUri(const std::string& conninfo) {
  return conninfo.rfind("postgresql://", 0) == 0 ||
         conninfo.rfind("postgres://", 0) == 0;
}

bool Sets(const std::string& conninfo, const std::string& key) {
  std::regex set("(^|[\\s?&])" + key + "\\s*=");
  return std::regex_search(conninfo, set);
}

absl::Status Unreachable() {
  return MakeError(absl::StatusCode::kUnavailable, "DATABASE_UNAVAILABLE",
                   "cannot connect to the database");
}

}  // namespace

std::string WithTimeouts(const std::string& conninfo,
                         const PoolOptions& options) {
  std::vector<std::pair<std::string, int>> settings = {
      {"keepalives", 1},
      {"keepalives_idle", options.keepalives_idle_s},
      {"keepalives_interval", options.keepalives_interval_s},
      {"keepalives_count", options.keepalives_count}};
  if (options.connect_timeout_s > 0)
    settings.insert(settings.begin(),
                    {"connect_timeout", options.connect_timeout_s});
  std::string out = conninfo;
  bool uri = IsUri(conninfo);
  for (const auto& [key, value] : settings) {
    if (Sets(conninfo, key)) continue;  // the operator's own choice wins
    if (uri)
      out +=
          fmt::format("{}{}={}", out.find('?') == std::string::npos ? '?' : '&',
                      key, value);
    else
      out += fmt::format("{}{}={}", out.empty() ? "" : " ", key, value);
  }
  return out;
}

ConnectionPool::ConnectionPool(std::string conninfo, const PoolOptions& options)
    : conninfo_(WithTimeouts(conninfo, options)),
      options_(options),
      size_(options.size) {}

ConnectionPool::Lease::Lease(ConnectionPool* pool,
                             std::unique_ptr<pqxx::connection> conn)
    : pool_(pool), conn_(std::move(conn)) {
  if (pool_ && conn_ && pool_->options_.statement_timeout_ms > 0)
    watch_ = pool_->watchdog_.Guard(
        conn_->sock(),
        absl::Milliseconds(pool_->options_.statement_timeout_ms) +
            pool_->options_.stall_grace);
}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_),
      conn_(std::move(other.conn_)),
      watch_(std::move(other.watch_)) {
  other.pool_ = nullptr;
}

ConnectionPool::Lease::~Lease() {
  watch_ = StallWatchdog::Watch();  // before the socket can close
  if (pool_) pool_->Release(std::move(conn_));
}

void ConnectionPool::Lease::Discard() {
  watch_ = StallWatchdog::Watch();
  conn_.reset();
}

absl::StatusOr<std::unique_ptr<ConnectionPool>> ConnectionPool::Open(
    const std::string& conninfo, int size, absl::Duration acquire_timeout) {
  PoolOptions options;
  options.size = size;
  options.acquire_timeout = acquire_timeout;
  return Open(conninfo, options);
}

absl::StatusOr<std::unique_ptr<ConnectionPool>> ConnectionPool::Open(
    const std::string& conninfo, const PoolOptions& options) {
  std::unique_ptr<ConnectionPool> pool(new ConnectionPool(conninfo, options));
  for (int i = 0; i < options.size; ++i) {
    ASSIGN_OR_RETURN(auto conn, pool->Connect());
    pool->idle_.push_back(std::move(conn));
  }
  return pool;
}

absl::StatusOr<std::unique_ptr<pqxx::connection>> ConnectionPool::Connect()
    const {
  try {
    // connect_timeout bounds this, per host.
    auto conn = std::make_unique<pqxx::connection>(conninfo_);
    // A server that accepted and then stalls is cut like a leased one.
    StallWatchdog::Watch watch = watchdog_.Guard(
        conn->sock(), absl::Seconds(std::max(options_.connect_timeout_s, 2)));
    pqxx::nontransaction setup(*conn);
    setup.exec(fmt::format("SET TIME ZONE 'UTC'; SET statement_timeout = {}",
                           options_.statement_timeout_ms));
    setup.commit();
    for (const auto& [name, sql] : sql::kAll)
      conn->prepare(std::string(name), std::string(sql));
    return conn;
  } catch (const std::exception& e) {
    return Unreachable();
  }
}

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire() {
  std::unique_ptr<pqxx::connection> conn;
  {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock,
                      absl::ToChronoMilliseconds(options_.acquire_timeout),
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

absl::Status ConnectionPool::Ping(absl::Duration limit) {
  std::lock_guard lock(ping_mu_);
  try {
    if (!ping_conn_ || !ping_conn_->is_open()) {
      ping_conn_.reset();
      ASSIGN_OR_RETURN(ping_conn_, Connect());
    }
    StallWatchdog::Watch watch = watchdog_.Guard(ping_conn_->sock(), limit);
    pqxx::nontransaction n(*ping_conn_);
    // A standby (or a primary demoted under us) answers, but cannot write.
    std::string read_only =
        n.exec("SELECT current_setting('transaction_read_only')")[0][0]
            .as<std::string>();
    if (read_only == "on") {
      ping_conn_.reset();
      return MakeError(absl::StatusCode::kUnavailable, "DATABASE_READ_ONLY",
                       "the database is read-only (a standby)");
    }
    return absl::OkStatus();
  } catch (const std::exception& e) {
    ping_conn_.reset();
    return Unreachable();
  }
}

void ConnectionPool::DropIdle() {
  std::vector<std::unique_ptr<pqxx::connection>> dropped;
  {
    std::lock_guard lock(mu_);
    for (auto& conn : idle_) dropped.push_back(std::move(conn));
  }
  // Closed outside the lock: closing a dead connection may take a moment.
}

void ConnectionPool::Release(std::unique_ptr<pqxx::connection> conn) {
  if (conn && !conn->is_open()) conn.reset();  // reconnected on next lease
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
