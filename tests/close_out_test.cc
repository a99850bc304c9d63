// Money left over goes back (#18 item 6), through the real server: a closed
// round whose applications are all settled is closed out, and what it did
// not commit returns to the fund; later releases of its awards go to the
// fund too; nothing else can close it out.
#include <gtest/gtest.h>

#include "tests/variations_fixture.h"

namespace grants::testing {
namespace {

class CloseOutTest : public VariationsTest {
 protected:
  grpc::Status CloseOut(const std::string& round_id, v1::RoundCloseOut* out,
                        const std::string& key = Key()) {
    v1::CloseOutRoundRequest req;
    req.set_request_id(key);
    req.set_round_id(round_id);
    return stub().CloseOutRound(Officer(kDecider).get(), req, out);
  }

  int64_t Drawn(const std::string& fund_id) {
    return Count("SELECT drawn_minor FROM funds WHERE id = '" + fund_id + "'");
  }
};

TEST_F(CloseOutTest, ARoundThatIsDoneGivesWhatItDidNotCommitBackToTheFund) {
  std::string fund_id;
  v1::Round round =
      awards_.OpenRound(4'500'000, {3'000'000, 2'000'000}, &fund_id);
  std::string funded = awards_.Submit("ORG-ROMA", round.id(), 250'000).id();
  std::string turned_down =
      awards_.Submit("ORG-OTHER", round.id(), 100'000).id();
  v1::RoundCloseOut out;
  EXPECT_EQ(ReasonOf(CloseOut(round.id(), &out)),
            "ROUND_TRANSITION_NOT_ALLOWED");  // still open
  awards_.Close(round.id());
  grpc::Status s = CloseOut(round.id(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "ROUND_UNFINISHED");
  EXPECT_EQ(FieldOf(s), "round_id");
  EXPECT_NE(s.error_message().find("2 submitted application(s) undecided"),
            std::string::npos)
      << s.error_message();
  awards_.Approve(funded, 250'000);
  ASSERT_TRUE(awards_
                  .Recommend(turned_down, Role::kOfficer, kRecommender,
                             v1::OUTCOME_DECLINE, 0, nullptr, "Out of scope")
                  .ok());
  ASSERT_TRUE(awards_.Decide(turned_down, kDecider, v1::OUTCOME_DECLINE).ok());
  EXPECT_NE(CloseOut(round.id(), &out)
                .error_message()
                .find("approval(s) without an offer"),
            std::string::npos);
  v1::Award award;
  ASSERT_TRUE(awards_.Offer(funded, 250'000, &award).ok());
  EXPECT_NE(
      CloseOut(round.id(), &out).error_message().find("offer(s) unanswered"),
      std::string::npos);
  ASSERT_TRUE(awards_.Accept("ORG-ROMA", award.id(), &award).ok());
  EXPECT_EQ(Drawn(fund_id), 4'500'000);

  const std::string key = Key();
  s = CloseOut(round.id(), &out, key);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.committed().minor_units(), 250'000);
  EXPECT_EQ(out.released_to_fund().minor_units(), 4'250'000);
  EXPECT_EQ(Drawn(fund_id), 250'000);
  EXPECT_EQ(
      db_.Scalar("SELECT state FROM rounds WHERE id = '" + round.id() + "'"),
      "closed_out");
  v1::RoundCloseOut again;
  ASSERT_TRUE(CloseOut(round.id(), &again, key).ok());
  EXPECT_EQ(again.released_to_fund().minor_units(), 4'250'000);
  EXPECT_EQ(Drawn(fund_id), 250'000);
  EXPECT_EQ(ReasonOf(CloseOut(round.id(), &again)),
            "ROUND_TRANSITION_NOT_ALLOWED");

  // Its award ends early: what it did not pay goes to the fund now.
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      Schedule(award.id(), {{100'000, ""}, {150'000, "2025-06-01"}}, &schedule)
          .ok());
  Paid(schedule.payments(0).id());
  v1::Termination t;
  ASSERT_TRUE(Terminate(award.id(), 0, &t).ok());
  EXPECT_EQ(t.award().released().minor_units(), 150'000);
  EXPECT_EQ(Drawn(fund_id), 100'000);
  EXPECT_EQ(Committed(round.id()), 100'000);
  // The fund's books balance: drawn is what its rounds' budgets hold.
  EXPECT_EQ(Count("SELECT sum(c.budget_minor) FROM round_commitments AS c "
                  "JOIN rounds AS r ON r.id = c.round_id"),
            Drawn(fund_id));
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = "
                  "'CloseOutRound'"),
            1);
}

}  // namespace
}  // namespace grants::testing
