// Graceful shutdown: a call in flight when the server is told to stop runs
// to the end and its change is kept.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <pqxx/pqxx>
#include <thread>

#include "tests/builders.h"

namespace grants::testing {
namespace {

// Waits up to 10 s until a session of this database waits on a lock.
bool WaitForLockWaiter(const TestDatabase& db) {
  for (int i = 0; i < 200; ++i) {
    if (db.Scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                  "current_database() AND wait_event_type = 'Lock'") != "0")
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST(GracefulShutdownTest, AnInFlightCallFinishesWhenTheServerShutsDown) {
  TestDatabase db;
  TestServer server(db.conninfo());
  v1::Round round = Builder(server).Round(1'000'000, 100'000);

  // Another session holds the round's row, so OpenRound blocks mid-call.
  pqxx::connection locker(db.conninfo());
  pqxx::work lock(locker);
  lock.exec("SELECT 1 FROM rounds WHERE id = " + lock.quote(round.id()) +
            " FOR UPDATE");

  auto stub = server.Programmes();
  auto ctx = server.As(Role::kOfficer);
  v1::Round opened;
  std::future<grpc::Status> call = std::async(std::launch::async, [&] {
    v1::OpenRoundRequest req;
    req.set_request_id(Key());
    req.set_round_id(round.id());
    return stub->OpenRound(ctx.get(), req, &opened);
  });
  ASSERT_TRUE(WaitForLockWaiter(db)) << "OpenRound never reached the lock";

  std::future<void> shutdown = std::async(std::launch::async, [&] {
    server.server().Shutdown(absl::Seconds(20));
  });
  // Shutdown waits for the call rather than cutting it off.
  EXPECT_EQ(shutdown.wait_for(std::chrono::milliseconds(500)),
            std::future_status::timeout);
  EXPECT_EQ(call.wait_for(std::chrono::milliseconds(0)),
            std::future_status::timeout);

  lock.abort();
  grpc::Status s = call.get();
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(opened.state(), v1::ROUND_STATE_OPEN);
  shutdown.get();
  EXPECT_EQ(db.Scalar("SELECT state FROM rounds WHERE id = '" + round.id() + "'"),
            "open");
}

}  // namespace
}  // namespace grants::testing
