// Rounds through the public API: life cycle, London-time deadlines, budget
// against the fund, idempotent retries.
#include <gtest/gtest.h>

#include "tests/builders.h"

namespace grants::testing {
namespace {

class RoundLifecycleTest : public ::testing::Test {
 protected:
  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  Builder build_{server_};

  grpc::Status Act(const std::string& verb, const std::string& round_id,
                   v1::Round* out, const std::string& key = Key()) {
    auto stub = server_.Programmes();
    auto ctx = server_.As(Role::kOfficer);
    if (verb == "open") {
      v1::OpenRoundRequest r;
      r.set_request_id(key);
      r.set_round_id(round_id);
      return stub->OpenRound(ctx.get(), r, out);
    }
    if (verb == "close") {
      v1::CloseRoundRequest r;
      r.set_request_id(key);
      r.set_round_id(round_id);
      return stub->CloseRound(ctx.get(), r, out);
    }
    v1::CancelRoundRequest r;
    r.set_request_id(key);
    r.set_round_id(round_id);
    r.set_reason("funding withdrawn");
    return stub->CancelRound(ctx.get(), r, out);
  }

  grpc::Status Create(const std::string& programme_id,
                      const v1::RoundSpec& spec, v1::Round* out,
                      const std::string& key = Key()) {
    v1::CreateRoundRequest req;
    req.set_request_id(key);
    req.set_programme_id(programme_id);
    *req.mutable_spec() = spec;
    return server_.Programmes()->CreateRound(server_.As(Role::kOfficer).get(),
                                             req, out);
  }
};

TEST_F(RoundLifecycleTest, GoesFromDraftThroughOpenToClosed) {
  v1::Round round = build_.Round(10'000'000, 4'500'000);
  EXPECT_EQ(round.state(), v1::ROUND_STATE_DRAFT);
  EXPECT_EQ(round.number(), 1);
  EXPECT_EQ(round.reference().substr(round.reference().size() - 3), "-R1");

  v1::Round opened, closed, again;
  ASSERT_TRUE(Act("open", round.id(), &opened).ok());
  EXPECT_EQ(opened.state(), v1::ROUND_STATE_OPEN);
  ASSERT_TRUE(Act("close", round.id(), &closed).ok());
  EXPECT_EQ(closed.state(), v1::ROUND_STATE_CLOSED);

  grpc::Status reopen = Act("open", round.id(), &again);
  EXPECT_EQ(reopen.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(reopen), "ROUND_TRANSITION_NOT_ALLOWED");
  grpc::Status cancel_closed = Act("cancel", round.id(), &again);
  EXPECT_EQ(ReasonOf(cancel_closed), "ROUND_TRANSITION_NOT_ALLOWED");
}

TEST_F(RoundLifecycleTest, DrawsBudgetFromFundAndCancelReleasesIt) {
  v1::Fund fund = build_.Fund(10'000'000);
  v1::Programme programme = build_.Programme(fund.id());
  v1::Round round = build_.RoundIn(programme.id(), Spec(4'500'000));
  EXPECT_EQ(build_.GetFund(fund.id()).available().minor_units(), 5'500'000);
  EXPECT_EQ(build_.GetFund(fund.id()).drawn().minor_units(), 4'500'000);

  v1::Round cancelled;
  ASSERT_TRUE(Act("cancel", round.id(), &cancelled).ok());
  EXPECT_EQ(cancelled.state(), v1::ROUND_STATE_CANCELLED);
  EXPECT_EQ(cancelled.cancel_reason(), "funding withdrawn");
  EXPECT_EQ(build_.GetFund(fund.id()).available().minor_units(), 10'000'000);
}

TEST_F(RoundLifecycleTest, RefusesBudgetBeyondFundAndWritesNothing) {
  v1::Fund fund = build_.Fund(1'000'000);
  v1::Programme programme = build_.Programme(fund.id());
  std::string events_before = db_.Scalar("SELECT count(*) FROM audit_events");
  v1::Round out;
  grpc::Status s = Create(programme.id(), Spec(1'000'001), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "FUND_BALANCE_EXCEEDED");
  EXPECT_EQ(FieldOf(s), "spec.budget");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM rounds"), "0");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events"), events_before);
  EXPECT_EQ(build_.GetFund(fund.id()).drawn().minor_units(), 0);
  // Exactly the balance is fine.
  EXPECT_TRUE(Create(programme.id(), Spec(1'000'000), &out).ok());
}

TEST_F(RoundLifecycleTest, UpdatesOnlyDraftRoundsAndRechecksTheFund) {
  v1::Fund fund = build_.Fund(2'000'000);
  v1::Programme programme = build_.Programme(fund.id());
  v1::Round round = build_.RoundIn(programme.id(), Spec(1'000'000));

  v1::UpdateRoundRequest req;
  req.set_round_id(round.id());
  *req.mutable_spec()->mutable_budget() = Gbp(2'000'001);
  req.add_update_mask("budget");
  req.set_request_id(Key());
  v1::Round out;
  grpc::Status s = server_.Programmes()->UpdateRound(
      server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_EQ(ReasonOf(s), "FUND_BALANCE_EXCEEDED");

  *req.mutable_spec()->mutable_budget() = Gbp(1'500'000);
  req.set_request_id(Key());
  ASSERT_TRUE(server_.Programmes()
                  ->UpdateRound(server_.As(Role::kOfficer).get(), req, &out)
                  .ok());
  EXPECT_EQ(out.budget().minor_units(), 1'500'000);
  EXPECT_EQ(out.name(), round.name());  // not in the mask: unchanged
  EXPECT_EQ(build_.GetFund(fund.id()).drawn().minor_units(), 1'500'000);

  v1::Round opened;
  ASSERT_TRUE(Act("open", round.id(), &opened).ok());
  req.set_request_id(Key());
  s = server_.Programmes()->UpdateRound(server_.As(Role::kOfficer).get(), req,
                                        &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "ROUND_NOT_DRAFT");
}

TEST_F(RoundLifecycleTest, StoresLondonDeadlinesAsUtcAcrossClockChanges) {
  v1::Fund fund = build_.Fund(2'000'000);
  v1::Programme programme = build_.Programme(fund.id());
  // Opens in GMT (UTC+0) before the spring change on 30 March 2025, closes in
  // BST (UTC+1) after it.
  v1::Round round;
  ASSERT_TRUE(Create(programme.id(),
                     Spec(1'000'000, "2025-03-28T09:00", "2025-03-31T12:00"),
                     &round)
                  .ok());
  EXPECT_EQ(round.opens_at().seconds(), 1743152400);   // 2025-03-28T09:00Z
  EXPECT_EQ(round.closes_at().seconds(), 1743418800);  // 2025-03-31T11:00Z
  EXPECT_EQ(round.opens_london(), "2025-03-28T09:00:00+00:00");
  EXPECT_EQ(round.closes_london(), "2025-03-31T12:00:00+01:00");
  // And back in autumn: 12:00 on 27 October 2025 is 12:00Z.
  ASSERT_TRUE(Create(programme.id(),
                     Spec(1'000, "2025-10-20T09:00", "2025-10-27T12:00", 1000,
                          1000),
                     &round)
                  .ok());
  EXPECT_EQ(round.closes_at().seconds(), 1761566400);
  EXPECT_EQ(round.opens_london(), "2025-10-20T09:00:00+01:00");
}

TEST_F(RoundLifecycleTest, RefusesLocalTimesThatDoNotExistOrHappenTwice) {
  v1::Programme programme = build_.Programme(build_.Fund(1'000'000).id());
  v1::Round out;
  grpc::Status s = Create(
      programme.id(), Spec(1'000, "2025-03-30T01:30", "2025-04-02T12:00", 1000),
      &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "LOCAL_TIME_NONEXISTENT");
  EXPECT_EQ(FieldOf(s), "spec.opens_local");
  s = Create(programme.id(),
             Spec(1'000, "2025-10-20T09:00", "2025-10-26T01:30", 1000), &out);
  EXPECT_EQ(ReasonOf(s), "LOCAL_TIME_AMBIGUOUS");
  EXPECT_EQ(FieldOf(s), "spec.closes_local");
}

TEST_F(RoundLifecycleTest, OpeningAfterTheDeadlineIsRefusedByTheServerClock) {
  v1::Round round = build_.Round(1'000'000, 100'000);  // closes 2025-03-01 12:00
  server_.clock().Set(absl::FromUnixSeconds(1740830400));  // exactly then
  v1::Round out;
  grpc::Status s = Act("open", round.id(), &out);
  EXPECT_EQ(ReasonOf(s), "WINDOW_ALREADY_ENDED");
  server_.clock().Set(absl::FromUnixSeconds(1740830399));  // one second before
  EXPECT_TRUE(Act("open", round.id(), &out).ok());
}

TEST_F(RoundLifecycleTest, RetryWithSameKeyReturnsFirstResultWithoutDrawingTwice) {
  v1::Fund fund = build_.Fund(1'000'000);
  v1::Programme programme = build_.Programme(fund.id());
  std::string key = Key();
  v1::Round first, second;
  ASSERT_TRUE(Create(programme.id(), Spec(400'000), &first, key).ok());
  ASSERT_TRUE(Create(programme.id(), Spec(400'000), &second, key).ok());
  EXPECT_EQ(first.id(), second.id());
  EXPECT_EQ(build_.GetFund(fund.id()).drawn().minor_units(), 400'000);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM rounds"), "1");

  grpc::Status reused = Create(programme.id(), Spec(300'000), &second, key);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ReasonOf(reused), "REQUEST_ID_REUSED");
  EXPECT_EQ(FieldOf(reused), "request_id");
}

TEST_F(RoundLifecycleTest, MutationWithoutRequestIdIsRefused) {
  v1::CreateFundRequest req;
  req.set_name("No key fund");
  req.set_currency_code("GBP");
  v1::Fund out;
  grpc::Status s =
      server_.Funding()->CreateFund(server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "request_id");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM funds"), "0");
}

TEST_F(RoundLifecycleTest, ListsRoundsByProgrammeAndState) {
  v1::Programme programme = build_.Programme(build_.Fund(1'000'000).id());
  v1::Round a = build_.RoundIn(programme.id(), Spec(100'000));
  build_.RoundIn(programme.id(), Spec(100'000));
  v1::Round opened;
  ASSERT_TRUE(Act("open", a.id(), &opened).ok());
  v1::ListRoundsRequest req;
  req.set_programme_id(programme.id());
  req.set_state(v1::ROUND_STATE_OPEN);
  v1::ListRoundsResponse resp;
  ASSERT_TRUE(server_.Programmes()
                  ->ListRounds(server_.As(Role::kGrantee, "g", "ORG-1").get(),
                               req, &resp)
                  .ok());
  ASSERT_EQ(resp.rounds_size(), 1);
  EXPECT_EQ(resp.rounds(0).id(), a.id());
}

}  // namespace
}  // namespace grants::testing
