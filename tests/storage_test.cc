// The storage layer against real PostgreSQL: transactions retried on
// serialization failures and deadlocks, and migrations raced by several
// starters.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <pqxx/pqxx>
#include <thread>

#include "common/crypto.h"
#include "common/status.h"
#include "storage/migrate.h"
#include "storage/pool.h"
#include "storage/transaction.h"
#include "tests/harness.h"

namespace grants::testing {
namespace {

class StorageTest : public ::testing::Test {
 protected:
  StorageTest() {
    db_.Exec("CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL)");
    db_.Exec("INSERT INTO t VALUES (1, 0), (2, 0)");
    pool_ = *storage::ConnectionPool::Open(db_.conninfo(), 4);
  }

  TestDatabase db_;
  std::unique_ptr<storage::ConnectionPool> pool_;
};

TEST_F(StorageTest, RetriesASerializationFailureAndCommitsOnlyTheLastAttempt) {
  int attempts = 0;
  absl::Status s = storage::RunInTransaction(*pool_, [&](storage::Tx& tx) {
    tx.exec("UPDATE t SET n = n + 1 WHERE id = 1");
    if (++attempts == 1) throw pqxx::serialization_failure("simulated 40001");
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(db_.Scalar("SELECT n FROM t WHERE id = 1"), "1");
}

TEST_F(StorageTest, GivesUpWithAbortedAfterRepeatedSerializationFailures) {
  int attempts = 0;
  absl::Status s = storage::RunInTransaction(*pool_, [&](storage::Tx& tx) {
    tx.exec("UPDATE t SET n = n + 1 WHERE id = 1");
    ++attempts;
    throw pqxx::serialization_failure("simulated 40001");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(grants::ReasonOf(s), "CONCURRENT_MODIFICATION");
  EXPECT_EQ(attempts, storage::kMaxAttempts);
  EXPECT_EQ(db_.Scalar("SELECT n FROM t WHERE id = 1"), "0");
}

TEST_F(StorageTest, ADeadlockVictimIsRetriedAndBothTransactionsCommit) {
  // Two transactions lock the rows in opposite orders; PostgreSQL aborts one
  // (40P01) and the runner retries it.
  std::latch both_hold_first(2);
  std::atomic<int> attempts{0};
  auto transfer = [&](int first, int second) {
    bool waited = false;
    return storage::RunInTransaction(*pool_, [&](storage::Tx& tx) {
      ++attempts;
      tx.exec_params("UPDATE t SET n = n + 1 WHERE id = $1", first);
      if (!waited) {
        waited = true;
        both_hold_first.arrive_and_wait();
      }
      tx.exec_params("UPDATE t SET n = n + 1 WHERE id = $1", second);
      return absl::OkStatus();
    });
  };
  absl::Status a, b;
  std::thread ta([&] { a = transfer(1, 2); });
  std::thread tb([&] { b = transfer(2, 1); });
  ta.join();
  tb.join();
  EXPECT_TRUE(a.ok()) << a;
  EXPECT_TRUE(b.ok()) << b;
  EXPECT_GE(attempts.load(), 3);  // the victim ran again
  EXPECT_EQ(db_.Scalar("SELECT sum(n) FROM t"), "4");
}

TEST(MigrationTest, StartersRacingOnAFreshDatabaseApplyEachMigrationOnce) {
  std::string name = "grants_migrate_" + ToHex(Sha256(RandomUuid())).substr(0, 12);
  {
    pqxx::connection admin("");
    pqxx::nontransaction n(admin);
    n.exec("CREATE DATABASE " + name);
  }
  std::string conninfo = "dbname=" + name;
  constexpr int kStarters = 4;
  std::latch go(kStarters);
  std::vector<absl::StatusOr<int>> applied(kStarters, 0);
  std::vector<std::thread> starters;
  for (int i = 0; i < kStarters; ++i)
    starters.emplace_back([&, i] {
      go.arrive_and_wait();
      applied[static_cast<size_t>(i)] = storage::ApplyMigrations(conninfo);
    });
  for (auto& t : starters) t.join();
  int total = 0;
  for (const auto& a : applied) {
    ASSERT_TRUE(a.ok()) << a.status();
    total += *a;
  }
  int recorded = 0;
  {
    pqxx::connection c(conninfo);
    pqxx::work tx(c);
    recorded = tx.exec("SELECT count(*) FROM schema_migrations")[0][0].as<int>();
  }
  EXPECT_GT(recorded, 0);
  EXPECT_EQ(total, recorded);  // every migration applied by exactly one
  EXPECT_EQ(*storage::ApplyMigrations(conninfo), 0);
  pqxx::connection admin("");
  pqxx::nontransaction n(admin);
  n.exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

}  // namespace
}  // namespace grants::testing
