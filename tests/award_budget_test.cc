// Invariant 1 for awards, through the real server: what a round has
// committed (offered + accepted + active) never exceeds its budget under 64
// concurrent offers; declines and expiry release money; retries commit
// once; every award's funder shares sum to it to the penny.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "tests/award_builders.h"

namespace grants::testing {
namespace {

constexpr int64_t kAmount = 250'000;  // £2,500
constexpr int kClients = 64;

class AwardBudgetTest : public ::testing::Test {
 protected:
  // A closed round whose budget is `budget`, with `n` approved applications
  // asking kAmount each (decided in bulk).
  std::vector<std::string> ApprovedRound(int n, int64_t budget,
                                         const std::vector<int64_t>& funders) {
    round_ = awards_.OpenRound(budget, funders);
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i)
      ids.push_back(awards_.Submit("ORG-" + std::to_string(i), round_.id(), kAmount).id());
    awards_.Close(round_.id());
    v1::DecideApplicationsRequest bulk;
    bulk.set_request_id(Key());
    bulk.set_round_id(round_.id());
    bulk.set_outcome(v1::OUTCOME_APPROVE);
    for (const auto& id : ids) {
      EXPECT_TRUE(awards_.Recommend(id, Role::kOfficer, kRecommender,
                                    v1::OUTCOME_APPROVE, kAmount).ok());
      bulk.add_application_ids(id);
    }
    v1::DecideApplicationsResponse resp;
    EXPECT_TRUE(awards_.stub()
                    .DecideApplications(server_.As(Role::kOfficer, kDecider).get(),
                                        bulk, &resp)
                    .ok());
    EXPECT_EQ(resp.decided(), n);
    return ids;
  }

  // Offers kAmount to every application at once, one thread and channel
  // each; returns how many succeeded. Every refusal must be BUDGET_EXHAUSTED.
  int RaceOffers(const std::vector<std::string>& ids) {
    std::atomic<int> ok{0}, ready{0};
    std::vector<std::thread> threads;
    for (const auto& id : ids) {
      threads.emplace_back([&, id] {
        auto stub = v1::AwardService::NewStub(server_.Channel());
        v1::OfferAwardRequest req;
        req.set_request_id(Key());
        req.set_application_id(id);
        *req.mutable_amount() = Gbp(kAmount);
        auto ctx = server_.As(Role::kOfficer, kDecider);
        ++ready;
        while (ready.load() < static_cast<int>(ids.size())) std::this_thread::yield();
        v1::Award out;
        grpc::Status s = stub->OfferAward(ctx.get(), req, &out);
        if (s.ok()) {
          ++ok;
        } else {
          EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
          EXPECT_EQ(ReasonOf(s), "BUDGET_EXHAUSTED") << s.error_message();
        }
      });
    }
    for (auto& t : threads) t.join();
    return ok.load();
  }

  std::string Sql(const std::string& query) {
    return db_.Scalar(query);
  }
  // Committed by the round's ledger row, and by the awards themselves.
  void ExpectCommitted(int64_t expected) {
    EXPECT_EQ(awards_.Settings(round_.id()).committed().minor_units(), expected);
    EXPECT_EQ(Sql("SELECT coalesce(sum(amount_minor), 0) FROM awards WHERE round_id = '" +
                  round_.id() + "' AND state IN ('offered', 'accepted', 'active')"),
              std::to_string(expected));
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  AwardBuilder awards_{server_};
  v1::Round round_;
};

TEST_F(AwardBudgetTest, SixtyFourConcurrentOffersCommitExactlyWhatTheBudgetFits) {
  for (int fits : {18, 7, 25}) {
    std::vector<std::string> ids =
        ApprovedRound(kClients, fits * kAmount, {4'000'000, 3'000'000, 2'000'000});
    EXPECT_EQ(RaceOffers(ids), fits);
    ExpectCommitted(fits * kAmount);
    EXPECT_EQ(Sql("SELECT count(*) FROM awards WHERE round_id = '" + round_.id() + "'"),
              std::to_string(fits));
    EXPECT_EQ(awards_.Settings(round_.id()).available().minor_units(), 0);
  }
  // Every award's shares sum to it exactly.
  EXPECT_EQ(Sql("SELECT count(*) FROM awards AS a WHERE a.amount_minor <> "
                "(SELECT coalesce(sum(s.amount_minor), 0) FROM award_shares AS s "
                "WHERE s.award_id = a.id)"),
            "0");
  EXPECT_EQ(Sql("SELECT count(*) FROM awards"), std::to_string(18 + 7 + 25));
}

TEST_F(AwardBudgetTest, ThePooledFundersSharesAreProRataToTheLastPenny) {
  // 1:1:1 contributions; a £1,000.00 award splits 333.34 / 333.33 / 333.33.
  round_ = awards_.OpenRound(4'500'000, {2'000'000, 2'000'000, 2'000'000});
  std::string app = awards_.Submit("ORG-ROMA", round_.id(), 100'000).id();
  awards_.Close(round_.id());
  awards_.Approve(app, 100'000);
  v1::Award award;
  ASSERT_TRUE(awards_.Offer(app, 100'000, &award).ok());
  std::vector<int64_t> shares;
  v1::Award stored = awards_.Get(award.id());
  for (const auto& s : stored.shares()) shares.push_back(s.amount().minor_units());
  std::sort(shares.begin(), shares.end());
  EXPECT_EQ(shares, (std::vector<int64_t>{33'333, 33'333, 33'334}));
}

TEST_F(AwardBudgetTest, DeclineAndExpiryReleaseTheMoneyAndAcceptanceKeepsIt) {
  std::vector<std::string> ids = ApprovedRound(3, 3 * kAmount, {1'000'000});
  v1::Award a, b, c;
  ASSERT_TRUE(awards_.Offer(ids[0], kAmount, &a).ok());
  ASSERT_TRUE(awards_.Offer(ids[1], kAmount, &b).ok());
  ASSERT_TRUE(awards_.Offer(ids[2], kAmount, &c, "2025-01-16T12:00").ok());
  ExpectCommitted(3 * kAmount);
  ASSERT_TRUE(awards_.Accept("ORG-0", a.id(), &a).ok());
  ASSERT_TRUE(awards_.Decline("ORG-1", b.id(), &b, "We merged with another group").ok());
  EXPECT_EQ(b.state(), v1::AWARD_STATE_DECLINED);
  EXPECT_EQ(b.decline_reason(), "We merged with another group");
  ExpectCommitted(2 * kAmount);
  v1::Award again;
  EXPECT_EQ(ReasonOf(awards_.Decline("ORG-1", b.id(), &again)), "AWARD_NOT_OFFERED");

  server_.clock().Advance(absl::Hours(48));
  v1::ExpireOffersRequest expire;
  expire.set_request_id(Key());
  expire.set_round_id(round_.id());
  for (int attempt = 0; attempt < 2; ++attempt) {  // a retry replays the sweep
    v1::ExpireOffersResponse resp;
    ASSERT_TRUE(awards_.stub().ExpireOffers(server_.As(Role::kOfficer).get(), expire, &resp).ok());
    ASSERT_EQ(resp.expired_size(), 1);
    EXPECT_EQ(resp.expired(0).id(), c.id());
    EXPECT_EQ(resp.expired(0).state(), v1::AWARD_STATE_EXPIRED);
  }
  ExpectCommitted(kAmount);
  EXPECT_EQ(ReasonOf(awards_.Accept("ORG-2", c.id(), &again)), "AWARD_NOT_OFFERED");
  // The released money can be offered again (a new offer for a declined one).
  ASSERT_TRUE(awards_.Offer(ids[1], kAmount, &b).ok());
  ExpectCommitted(2 * kAmount);
}

TEST_F(AwardBudgetTest, AnOfferPastTheBudgetExpiresOverdueOffersLazilyFirst) {
  std::vector<std::string> ids = ApprovedRound(2, kAmount, {1'000'000});
  v1::Award first, second;
  ASSERT_TRUE(awards_.Offer(ids[0], kAmount, &first, "2025-01-16T12:00").ok());
  grpc::Status s = awards_.Offer(ids[1], kAmount, &second);
  EXPECT_EQ(ReasonOf(s), "BUDGET_EXHAUSTED");
  EXPECT_EQ(FieldOf(s), "amount");
  server_.clock().Advance(absl::Hours(48));
  ASSERT_TRUE(awards_.Offer(ids[1], kAmount, &second).ok());
  EXPECT_EQ(awards_.Get(first.id()).state(), v1::AWARD_STATE_EXPIRED);
  ExpectCommitted(kAmount);
}

TEST_F(AwardBudgetTest, ARetriedOfferCommitsOnceAndOtherBadOffersWriteNothing) {
  std::vector<std::string> ids = ApprovedRound(2, 4 * kAmount, {1'000'000});
  std::string key = Key();
  v1::Award first, retry, other;
  ASSERT_TRUE(awards_.Offer(ids[0], kAmount, &first, "", key).ok());
  ASSERT_TRUE(awards_.Offer(ids[0], kAmount, &retry, "", key).ok());
  EXPECT_EQ(retry.id(), first.id());
  EXPECT_EQ(ReasonOf(awards_.Offer(ids[0], kAmount - 1, &other, "", key)),
            "REQUEST_ID_REUSED");
  EXPECT_EQ(ReasonOf(awards_.Offer(ids[0], kAmount, &other)), "AWARD_EXISTS");
  EXPECT_EQ(ReasonOf(awards_.Offer(ids[1], kAmount + 1, &other)),
            "AMOUNT_ABOVE_APPROVED");
  EXPECT_EQ(ReasonOf(awards_.Offer(ids[1], 0, &other)), "MUST_BE_POSITIVE");
  ExpectCommitted(kAmount);
  EXPECT_EQ(Sql("SELECT count(*) FROM awards"), "1");
  EXPECT_EQ(Sql("SELECT count(*) FROM audit_events WHERE entity_type = 'award'"), "1");
}

}  // namespace
}  // namespace grants::testing
