// grantsd when the database moves or stalls, and when callers give up:
// bounded connect and statement waits (UNAVAILABLE, never a hang or
// INTERNAL), recovery without a restart, health that follows the database,
// queued calls whose client gave up never run, a call's time taken when it
// arrived, a retry after a lost reply getting the original back, and the
// outbox keeping each delivery it made before a crash.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <pqxx/pqxx>
#include <thread>

#include "clients/client/connection.h"
#include "clients/client/retry.h"
#include "common/status.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "services/audit/audit_recorder.h"
#include "services/notifications/outbox_service.h"
#include "storage/notification_repository.h"
#include "storage/pool.h"
#include "storage/transaction.h"
#include "tests/db_proxy.h"
#include "tests/harness.h"

namespace grants::testing {
namespace {

using Clock = std::chrono::steady_clock;
using grpc::health::v1::HealthCheckResponse;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

v1::CreateFundRequest FundRequest(const std::string& name,
                                  const std::string& key = Key()) {
  v1::CreateFundRequest req;
  req.set_request_id(key);
  req.set_name(name);
  req.set_currency_code("GBP");
  return req;
}

// Creates a fund as an officer with `token` (one token throughout: its
// first use records the person, a database write of its own).
grpc::Status CreateFund(const TestServer& server,
                        const v1::CreateFundRequest& req,
                        const std::string& token) {
  v1::Fund fund;
  auto ctx = client::NewContext(token, absl::Seconds(30));
  return server.Funding()->CreateFund(ctx.get(), req, &fund);
}

HealthCheckResponse::ServingStatus Health(const TestServer& server) {
  auto health = grpc::health::v1::Health::NewStub(server.Channel());
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc::health::v1::HealthCheckRequest req;
  HealthCheckResponse resp;
  EXPECT_TRUE(health->Check(&ctx, req, &resp).ok());
  return resp.status();
}

// Polls until the health service says `want`; the seconds it took, or -1
// after `limit` seconds.
double WaitForHealth(const TestServer& server,
                     HealthCheckResponse::ServingStatus want, double limit) {
  auto start = Clock::now();
  while (SecondsSince(start) < limit) {
    if (Health(server) == want) return SecondsSince(start);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return -1;
}

// A server whose database connections go through `proxy`, with short
// timeouts: connect 2 s, statement 1 s (a silent connection is cut after
// 1 + 2 s), health probed every 200 ms.
TestServerOptions ShortTimeouts() {
  return TestServerOptions{.db_connect_timeout_s = 2,
                           .db_statement_timeout_ms = 1000,
                           .health_probe_interval_ms = 200};
}

class ResilienceTest : public ::testing::Test {
 protected:
  TestDatabase db_;
};

TEST_F(ResilienceTest,
       APoolGivesUpOnABlackHoledDatabaseWithinItsConnectTimeout) {
  DbProxy proxy;
  proxy.Stall();  // accepts, then never answers
  storage::PoolOptions options;
  options.size = 1;
  options.connect_timeout_s = 2;
  auto start = Clock::now();
  auto pool =
      storage::ConnectionPool::Open(proxy.Through(db_.conninfo()), options);
  double took = SecondsSince(start);
  ASSERT_FALSE(pool.ok());
  EXPECT_EQ(pool.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(grants::ReasonOf(pool.status()), "DATABASE_UNAVAILABLE");
  EXPECT_GE(proxy.accepted(), 1);  // it did reach the black hole
  EXPECT_GE(took, 1.5);
  EXPECT_LT(took, 4.0);
}

TEST_F(ResilienceTest, AServerStartedWhileTheDatabaseIsAwayFailsUnavailable) {
  // As when grantsd restarts during a failover: its start fails cleanly,
  // UNAVAILABLE (grantsd's main then waits and tries again), and does not
  // crash on the way out (it once sealed the audit trail of areas it had
  // not built yet).
  DbProxy proxy;
  proxy.Stall();
  std::filesystem::path spool;
  TestServerOptions options = ShortTimeouts();
  server::ServerConfig config =
      TestServerConfig(proxy.Through(db_.conninfo()), options, &spool);
  auto secrets = server::LoadSecrets(config);
  ASSERT_TRUE(secrets.ok()) << secrets.status();
  FakeClock clock(DefaultNow());
  auto started = server::GrantsServer::Start(config, *secrets, clock, nullptr);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(grants::ReasonOf(started.status()), "DATABASE_UNAVAILABLE");
}

TEST_F(ResilienceTest, TheTimeoutsAreAddedToTheConninfoUnlessItSetsThem) {
  storage::PoolOptions o;
  EXPECT_EQ(
      storage::WithTimeouts("host=a,b target_session_attrs=read-write", o),
      "host=a,b target_session_attrs=read-write connect_timeout=5 "
      "keepalives=1 keepalives_idle=10 keepalives_interval=5 "
      "keepalives_count=3");
  EXPECT_EQ(storage::WithTimeouts("dbname=x connect_timeout=9", o),
            "dbname=x connect_timeout=9 keepalives=1 keepalives_idle=10 "
            "keepalives_interval=5 keepalives_count=3");
  EXPECT_EQ(storage::WithTimeouts("postgresql://a,b/g?keepalives_idle=60", o),
            "postgresql://a,b/g?keepalives_idle=60&connect_timeout=5"
            "&keepalives=1&keepalives_interval=5&keepalives_count=3");
}

TEST_F(ResilienceTest,
       ACallOnAStalledDatabaseIsUnavailableInBoundedTimeAndRecovers) {
  DbProxy proxy;
  TestServer server(proxy.Through(db_.conninfo()), ShortTimeouts());
  std::string token = server.Token(Role::kOfficer);
  ASSERT_TRUE(CreateFund(server, FundRequest("Before"), token).ok());

  proxy.Stall();
  auto start = Clock::now();
  grpc::Status s = CreateFund(server, FundRequest("During"), token);
  double took = SecondsSince(start);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_EQ(ReasonOf(s), "DATABASE_UNAVAILABLE");
  // Statement timeout 1 s + 2 s of grace + the watchdog's 200 ms period.
  EXPECT_LT(took, 5.0);
  EXPECT_EQ(Health(server), HealthCheckResponse::NOT_SERVING);

  proxy.Resume();  // the same process serves again: broken connections
                   // were replaced, not returned
  ASSERT_GE(WaitForHealth(server, HealthCheckResponse::SERVING, 10), 0);
  grpc::Status after = CreateFund(server, FundRequest("After"), token);
  EXPECT_TRUE(after.ok()) << after.error_message();
  EXPECT_EQ(db_.Scalar("SELECT string_agg(name, ',' ORDER BY name) FROM funds"),
            "After,Before");
}

TEST_F(ResilienceTest,
       HealthIsNotServingWhileTheDatabaseIsGoneAndServingOnceBack) {
  DbProxy proxy;
  TestServer server(proxy.Through(db_.conninfo()), ShortTimeouts());
  EXPECT_EQ(Health(server), HealthCheckResponse::SERVING);

  proxy.Stall();
  double down = WaitForHealth(server, HealthCheckResponse::NOT_SERVING, 10);
  ASSERT_GE(down, 0) << "health stayed SERVING with the database stalled";
  // A 200 ms probe, cut after 1 s of silence.
  EXPECT_LT(down, 3.0);
  // Every hosted service follows, not only the server as a whole.
  auto health = grpc::health::v1::Health::NewStub(server.Channel());
  grpc::ClientContext ctx;
  grpc::health::v1::HealthCheckRequest req;
  req.set_service("grants.v1.FundingService");
  HealthCheckResponse resp;
  ASSERT_TRUE(health->Check(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.status(), HealthCheckResponse::NOT_SERVING);

  proxy.Resume();
  double up = WaitForHealth(server, HealthCheckResponse::SERVING, 10);
  ASSERT_GE(up, 0) << "health did not come back";
  EXPECT_LT(up, 5.0);
}

TEST_F(ResilienceTest,
       AReadOnlyDatabaseIsUnavailableNeverInternalAndTheServerRecovers) {
  TestServer server(db_.conninfo(), ShortTimeouts());
  std::string token = server.Token(Role::kOfficer);
  ASSERT_TRUE(CreateFund(server, FundRequest("Before"), token).ok());
  // As a standby looks after a failover moved the primary elsewhere: new
  // sessions are read-only, and the old ones are shut down (57P01).
  std::string name = db_.Scalar("SELECT current_database()");
  db_.Exec("ALTER DATABASE " + name +
           " SET default_transaction_read_only = on");
  const std::string kick =
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
      "datname = current_database() AND usename = '" +
      std::string(kWriterRole) + "'";
  db_.Exec(kick);

  std::string last_reason;
  for (int i = 0; i < 12; ++i) {
    grpc::Status s = CreateFund(server, FundRequest("ReadOnly"), token);
    ASSERT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE)
        << i << ": " << s.error_message() << " " << ReasonOf(s);
    last_reason = ReasonOf(s);
  }
  EXPECT_EQ(last_reason, "DATABASE_READ_ONLY");
  EXPECT_GE(WaitForHealth(server, HealthCheckResponse::NOT_SERVING, 5), 0);

  // The primary takes writes again: the same process serves them.
  // (Its own session is read-only now too, until told otherwise.)
  db_.Exec("SET TRANSACTION READ WRITE; ALTER DATABASE " + name +
           " RESET default_transaction_read_only");
  db_.Exec(kick);
  grpc::Status s;
  for (int i = 0; i < 20; ++i) {
    s = CreateFund(server, FundRequest("After"), token);
    if (s.ok()) break;
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << ReasonOf(s);
  }
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_GE(WaitForHealth(server, HealthCheckResponse::SERVING, 5), 0);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM funds WHERE name = 'ReadOnly'"),
            "0");
}

TEST_F(ResilienceTest,
       AQueuedCallWhoseClientGaveUpIsNotRunAndACallsTimeIsItsArrival) {
  // One worker, kept busy by a call that waits for a table lock the test
  // holds; the calls behind it queue.
  TestServer server(db_.conninfo(), TestServerOptions{.pool_size = 1});
  absl::Time arrival = server.clock().Now();
  pqxx::connection locker(db_.owner_conninfo());
  pqxx::work lock(locker);
  lock.exec("LOCK TABLE funds IN ACCESS EXCLUSIVE MODE");

  auto busy = std::async(std::launch::async, [&] {
    return CreateFund(server, FundRequest("Busy"),
                      server.Token(Role::kOfficer));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::string kept_key = Key();
  auto kept = std::async(std::launch::async, [&] {
    return CreateFund(server, FundRequest("Queued", kept_key),
                      server.Token(Role::kOfficer));
  });
  // This one's client waits 300 ms, then gives up.
  std::string late_key = Key();
  v1::Fund out;
  auto late_ctx = server.As(Role::kOfficer);
  late_ctx->set_deadline(std::chrono::system_clock::now() +
                         std::chrono::milliseconds(300));
  grpc::Status late = server.Funding()->CreateFund(
      late_ctx.get(), FundRequest("Late", late_key), &out);
  EXPECT_EQ(late.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);

  // Ten minutes pass on the server's clock while the calls wait (the
  // tokens, good for 15, still are).
  server.clock().Advance(absl::Minutes(10));
  lock.commit();
  EXPECT_TRUE(busy.get().ok());
  EXPECT_TRUE(kept.get().ok());
  // Give the worker time to reach (and skip) the abandoned call.
  ASSERT_TRUE(
      CreateFund(server, FundRequest("After"), server.Token(Role::kOfficer))
          .ok());

  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM funds WHERE name = 'Late'"), "0");
  EXPECT_EQ(
      db_.Scalar("SELECT count(*) FROM audit_events WHERE request_id = '" +
                 late_key + "'"),
      "0");
  // The queued call's time is when it arrived, not when it ran.
  EXPECT_EQ(db_.Scalar("SELECT extract(epoch FROM occurred_at)::bigint FROM "
                       "audit_events WHERE request_id = '" +
                       kept_key + "'"),
            std::to_string(absl::ToUnixSeconds(arrival)));
}

TEST_F(ResilienceTest, ARetryAfterALostReplyGetsTheOriginalNotASecondChange) {
  TestServer server(db_.conninfo());
  v1::CreateFundRequest req = FundRequest("Once");  // one request_id
  auto stub = server.Funding();
  std::string token = server.Token(Role::kOfficer);
  int attempts = 0;
  std::string first_id;
  v1::Fund out;
  grpc::Status s = client::CallWithRetry(
      [&] { return client::NewContext(token, absl::Seconds(10)); },
      [&](grpc::ClientContext* ctx) {
        grpc::Status got = stub->CreateFund(ctx, req, &out);
        if (++attempts == 1 && got.ok()) {
          // Committed, but the reply never reaches the caller.
          first_id = out.id();
          out.Clear();
          return grpc::Status(grpc::StatusCode::UNAVAILABLE, "reply lost");
        }
        return got;
      },
      client::RetryPolicy{.first_backoff = absl::Milliseconds(10)});
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(attempts, 2);
  EXPECT_FALSE(first_id.empty());
  EXPECT_EQ(out.id(), first_id);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM funds"), "1");
}

// Hands messages over until the `crash_at`-th, which ends the process as
// far as the dispatcher is concerned (nothing after it runs).
class CrashingTransport : public notifications::Transport {
 public:
  CrashingTransport(std::vector<std::string>* delivered, int crash_at)
      : delivered_(delivered), crash_at_(crash_at) {}
  notifications::Handover Deliver(const notifications::Outgoing& n,
                                  const std::string&) override {
    if (static_cast<int>(delivered_->size()) + 1 == crash_at_)
      throw std::runtime_error("crashed while handing over");
    delivered_->push_back(n.recipient);
    return notifications::Handover::Delivered();
  }

 private:
  std::vector<std::string>* delivered_;
  int crash_at_;
};

TEST_F(ResilienceTest, TheOutboxKeepsEachDeliveryMadeBeforeACrashMidPass) {
  auto pool = *storage::ConnectionPool::Open(db_.conninfo(), 2);
  audit::Recorder recorder(std::string(32, 'k'));
  absl::Time now = DefaultNow();
  ASSERT_TRUE(
      storage::RunInTransaction(*pool, [&](storage::Tx& tx) {
        for (int i = 1; i <= 5; ++i)
          storage::notification_repo::EnqueueTo(
              tx, "resilience:" + std::to_string(i), "sign_in_link",
              "person" + std::to_string(i) + "@example.org", "en",
              R"({"link": "http://x/sign-in/c", "expires_at": "12:00"})",
              now + absl::Seconds(i));
        return absl::OkStatus();
      }).ok());

  std::vector<std::string> first_pass;
  notifications::OutboxService crashing(
      *pool, recorder, std::make_unique<CrashingTransport>(&first_pass, 3),
      "grants@localhost");
  EXPECT_FALSE(crashing.DeliverPending(now + absl::Minutes(1)).ok());
  ASSERT_EQ(first_pass.size(), 2u);

  // After the restart, only what was not delivered is handed over again.
  std::vector<std::string> second_pass;
  notifications::OutboxService restarted(
      *pool, recorder, std::make_unique<CrashingTransport>(&second_pass, 0),
      "grants@localhost");
  auto delivered = restarted.DeliverPending(now + absl::Minutes(1));
  ASSERT_TRUE(delivered.ok()) << delivered.status();
  EXPECT_EQ(*delivered, 3);
  EXPECT_EQ(second_pass, (std::vector<std::string>{"person3@example.org",
                                                   "person4@example.org",
                                                   "person5@example.org"}));
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM notifications WHERE sent_at IS "
                       "NOT NULL"),
            "5");
}

}  // namespace
}  // namespace grants::testing
