// Invariant 1 under concurrency: rounds never draw more than the fund holds.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "tests/builders.h"

namespace grants::testing {
namespace {

class BudgetConcurrencyTest : public ::testing::Test {
 protected:
  // Starts `n` CreateRound calls at once, each drawing `budget`; returns how
  // many succeeded. Every failure must be FUND_BALANCE_EXCEEDED.
  int RaceDraws(const std::string& programme_id, int n, int64_t budget) {
    std::atomic<int> ok{0}, ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&] {
        v1::CreateRoundRequest req;
        req.set_request_id(Key());
        req.set_programme_id(programme_id);
        *req.mutable_spec() = Spec(budget, "2025-02-01T09:00",
                                   "2025-03-01T12:00", budget, budget);
        auto stub = server_.Programmes();
        auto ctx = server_.As(Role::kOfficer);
        ++ready;
        while (ready.load() < n) std::this_thread::yield();
        v1::Round out;
        grpc::Status s = stub->CreateRound(ctx.get(), req, &out);
        if (s.ok()) ++ok;
        else EXPECT_EQ(ReasonOf(s), "FUND_BALANCE_EXCEEDED") << s.error_message();
      });
    }
    for (auto& t : threads) t.join();
    return ok.load();
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  Builder build_{server_};
};

TEST_F(BudgetConcurrencyTest, TwoConcurrentDrawsThatTogetherOverdrawLetExactlyOneThrough) {
  for (int attempt = 0; attempt < 10; ++attempt) {
    v1::Fund fund = build_.Fund(1'000'000);
    v1::Programme programme = build_.Programme(fund.id());
    EXPECT_EQ(RaceDraws(programme.id(), 2, 600'000), 1);
    v1::Fund after = build_.GetFund(fund.id());
    EXPECT_EQ(after.drawn().minor_units(), 600'000);
  }
}

TEST_F(BudgetConcurrencyTest, ManyConcurrentDrawsNeverExceedTheFund) {
  v1::Fund fund = build_.Fund(1'000'000);
  v1::Programme programme = build_.Programme(fund.id());
  // 32 draws of 70,000 against 1,000,000: exactly 14 fit.
  EXPECT_EQ(RaceDraws(programme.id(), 32, 70'000), 14);
  v1::Fund after = build_.GetFund(fund.id());
  EXPECT_EQ(after.drawn().minor_units(), 14 * 70'000);
  EXPECT_EQ(db_.Scalar("SELECT sum(budget_minor) FROM rounds"),
            std::to_string(14 * 70'000));
}

}  // namespace
}  // namespace grants::testing
