// Migration runner.
#include "storage/migrate.h"

#include <pqxx/pqxx>

#include "migrations.h"
#include "common/status.h"
#include "storage/pg_errors.h"

namespace grants::storage {
namespace {

// Arbitrary constant naming our advisory lock ("grants" in ASCII).
constexpr int64_t kMigrationLock = 0x6772616e7473;

int VersionOf(std::string_view name) {
  int v = 0;
  for (char c : name.substr(0, 4)) v = v * 10 + (c - '0');
  return v;
}

// Runs one statement outside any transaction object (the advisory lock is
// held by the session, across the per-migration transactions).
void RunOnSession(pqxx::connection& conn, const std::string& sql) {
  pqxx::nontransaction n(conn);
  n.exec_params(sql, kMigrationLock);
  n.commit();
}

absl::Status ApplyPending(pqxx::connection& conn, int* applied) {
  {
    pqxx::work tx(conn);
    tx.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version integer PRIMARY KEY, name text NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now())");
    tx.commit();
  }
  for (const auto& [name, sql] : migrations::kAll) {
    int version = VersionOf(name);
    pqxx::work tx(conn);
    if (!tx.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1",
                        version)
             .empty())
      continue;
    tx.exec(std::string(sql));
    tx.exec_params(
        "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
        version, std::string(name));
    tx.commit();
    ++*applied;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int> ApplyMigrations(const std::string& conninfo) {
  try {
    pqxx::connection conn(conninfo);
    RunOnSession(conn, "SELECT pg_advisory_lock($1)");
    int applied = 0;
    absl::Status status;
    try {
      status = ApplyPending(conn, &applied);
    } catch (const std::exception& e) {
      status = MapPgException(e);
    }
    RunOnSession(conn, "SELECT pg_advisory_unlock($1)");
    if (!status.ok()) return status;
    return applied;
  } catch (const std::exception& e) {
    return MapPgException(e);
  }
}

}  // namespace grants::storage
