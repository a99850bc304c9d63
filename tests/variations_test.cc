// Award variations through the real server: four eyes, the round's budget
// re-checked, the schedule and funder shares following the amount, and
// grantees held to their own awards.
#include "tests/variations_fixture.h"

namespace grants::testing {
namespace {

TEST_F(VariationsTest,
       AnApprovedIncreaseCommitsTheDifferenceAndIsPaidAsANewInstalment) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      Schedule(award.id(), {{150'000, ""}, {100'000, "2025-03-01"}}, &schedule)
          .ok());
  int64_t committed = Committed(award.round_id());
  v1::Variation v, again;
  ASSERT_TRUE(Grantee(award.id(), 300'000, "", &v).ok());
  EXPECT_EQ(v.state(), v1::VARIATION_STATE_PROPOSED);
  EXPECT_EQ(v.proposer_role(), "grantee");
  EXPECT_EQ(v.previous_amount().minor_units(), kAmount);
  grpc::Status s = Grantee(award.id(), 280'000, "", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "VARIATION_OPEN");

  // Above the round's microgrant threshold (none here), like the award
  // itself: the first officer endorses, a second one decides.
  ASSERT_TRUE(Decide(v.id(), kDecider, v1::OUTCOME_APPROVE, &v).ok());
  EXPECT_EQ(v.state(), v1::VARIATION_STATE_PROPOSED);
  EXPECT_EQ(v.endorsed_by(), kDecider);
  EXPECT_EQ(awards_.Get(award.id()).amount().minor_units(), kAmount);
  ASSERT_TRUE(Decide(v.id(), kRecommender, v1::OUTCOME_APPROVE, &v).ok());
  EXPECT_EQ(v.state(), v1::VARIATION_STATE_APPROVED);
  EXPECT_EQ(v.decided_by(), kRecommender);
  v1::Award after = awards_.Get(award.id());
  EXPECT_EQ(after.amount().minor_units(), 300'000);
  EXPECT_EQ(SharesOf(after), 300'000);
  EXPECT_EQ(Committed(award.round_id()), committed + 50'000);
  v1::GetPaymentScheduleRequest get;
  get.set_award_id(award.id());
  ASSERT_TRUE(
      payments_->GetPaymentSchedule(Officer(kDecider).get(), get, &schedule)
          .ok());
  ASSERT_EQ(schedule.payments_size(), 3);
  EXPECT_EQ(schedule.payments(2).amount().minor_units(), 50'000);
  EXPECT_EQ(schedule.payments(2).state(), v1::PAYMENT_STATE_DUE);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'award_variation'"),
            3);
}

TEST_F(VariationsTest, AGranteesIncreaseNeedsTwoOfficersAboveTheThreshold) {
  v1::Award award = Award();
  ASSERT_TRUE(awards_.SetSettings(award.round_id(), 300'000, 30).ok());
  // Up to the microgrant threshold one officer decides, as for an award.
  v1::Variation v;
  ASSERT_TRUE(Grantee(award.id(), 300'000, "", &v).ok());
  ASSERT_TRUE(Decide(v.id(), kDecider, v1::OUTCOME_APPROVE, &v).ok());
  EXPECT_EQ(v.state(), v1::VARIATION_STATE_APPROVED);
  EXPECT_EQ(v.endorsed_by(), "");
  // Above it, one officer alone cannot raise the award, however often they
  // approve; the amount and the round's commitment stay as they were.
  int64_t committed = Committed(award.round_id());
  ASSERT_TRUE(Grantee(award.id(), 300'001, "", &v).ok());
  ASSERT_TRUE(Decide(v.id(), kDecider, v1::OUTCOME_APPROVE, &v).ok());
  EXPECT_EQ(v.state(), v1::VARIATION_STATE_PROPOSED);
  grpc::Status again = Decide(v.id(), kDecider, v1::OUTCOME_APPROVE, &v);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(again), "FOUR_EYES_REQUIRED");
  EXPECT_EQ(awards_.Get(award.id()).amount().minor_units(), 300'000);
  EXPECT_EQ(Committed(award.round_id()), committed);
  // Nor can someone who writes to the database make the endorser decide.
  EXPECT_ANY_THROW(db_.Exec(
      "UPDATE award_variations SET state = 'approved', decided_by = "
      "endorsed_by WHERE endorsed_by <> ''"));
  ASSERT_TRUE(Decide(v.id(), kRecommender, v1::OUTCOME_APPROVE, &v).ok());
  EXPECT_EQ(v.state(), v1::VARIATION_STATE_APPROVED);
  EXPECT_EQ(awards_.Get(award.id()).amount().minor_units(), 300'001);
}

TEST_F(VariationsTest, TheProposerCannotDecideAndARejectionNeedsAComment) {
  v1::Award award = Award();
  v1::Variation v;
  ASSERT_TRUE(
      Propose(Officer(kRecommender), award.id(), -1, "2026-03-31", &v).ok());
  EXPECT_EQ(v.new_end_date(), "2026-03-31");
  EXPECT_EQ(v.new_amount().minor_units(), kAmount);
  grpc::Status s = Decide(v.id(), kRecommender, v1::OUTCOME_APPROVE, &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
  s = Decide(v.id(), kDecider, v1::OUTCOME_DECLINE, &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "COMMENT_REQUIRED");
  EXPECT_EQ(FieldOf(s), "comment");
  ASSERT_TRUE(
      Decide(v.id(), kDecider, v1::OUTCOME_DECLINE, &v, "The report is overdue")
          .ok());
  EXPECT_EQ(v.state(), v1::VARIATION_STATE_REJECTED);
  EXPECT_EQ(awards_.Get(award.id()).end_date(), "");
  EXPECT_EQ(ReasonOf(Decide(v.id(), "officer-cat", v1::OUTCOME_APPROVE, &v)),
            "VARIATION_NOT_PROPOSED");
  // The database itself refuses a decision by the proposer.
  EXPECT_ANY_THROW(
      db_.Exec("UPDATE award_variations SET decided_by = proposed_by"));
}

TEST_F(VariationsTest,
       AnIncreaseTheRoundCannotAffordIsRefusedAndChangesNothing) {
  // £4,000 budget and maximum grant; £2,500 and £1,000 awarded.
  auto round = awards_.OpenRound(400'000, {3'000'000});
  std::string app = awards_.Submit("ORG-ROMA", round.id(), kAmount).id();
  std::string other = awards_.Submit("ORG-TWO", round.id(), 100'000).id();
  awards_.Close(round.id());
  awards_.Approve(app, kAmount);
  awards_.Approve(other, 100'000);
  v1::Award award, second;
  ASSERT_TRUE(awards_.Offer(app, kAmount, &award).ok());
  ASSERT_TRUE(awards_.Offer(other, 100'000, &second).ok());
  ASSERT_TRUE(awards_.Accept("ORG-ROMA", award.id(), &award).ok());
  v1::Variation v;
  grpc::Status s = Grantee(award.id(), 400'001, "", &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "AMOUNT_OUT_OF_RANGE");
  EXPECT_EQ(FieldOf(s), "new_amount");
  ASSERT_TRUE(Grantee(award.id(), 350'000, "", &v).ok());
  ASSERT_TRUE(Decide(v.id(), kDecider, v1::OUTCOME_APPROVE, &v).ok());
  s = Decide(v.id(), kRecommender, v1::OUTCOME_APPROVE, &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "BUDGET_EXHAUSTED");
  EXPECT_EQ(awards_.Get(award.id()).amount().minor_units(), kAmount);
  EXPECT_EQ(Committed(round.id()), kAmount + 100'000);
  EXPECT_EQ(
      Count("SELECT count(*) FROM award_variations WHERE state = 'proposed'"),
      1);
}

TEST_F(VariationsTest, ADecreaseReleasesMoneyButNeverBelowPaymentsUnderWay) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      Schedule(award.id(), {{150'000, ""}, {100'000, "2025-03-01"}}, &schedule)
          .ok());
  Paid(schedule.payments(0).id());
  int64_t committed = Committed(award.round_id());
  v1::Variation v;
  ASSERT_TRUE(Grantee(award.id(), 100'000, "", &v).ok());
  grpc::Status s = Decide(v.id(), kDecider, v1::OUTCOME_APPROVE, &v);
  EXPECT_EQ(ReasonOf(s), "VARIATION_BELOW_PAYMENTS");
  ASSERT_TRUE(
      Decide(v.id(), kDecider, v1::OUTCOME_DECLINE, &v, "Too low").ok());
  ASSERT_TRUE(Grantee(award.id(), 200'000, "2026-01-31", &v).ok());
  ASSERT_TRUE(Decide(v.id(), kDecider, v1::OUTCOME_APPROVE, &v).ok());
  v1::Award after = awards_.Get(award.id());
  EXPECT_EQ(after.amount().minor_units(), 200'000);
  EXPECT_EQ(after.end_date(), "2026-01-31");
  EXPECT_EQ(SharesOf(after), 200'000);
  EXPECT_EQ(Committed(award.round_id()), committed - 50'000);
  std::string id = "'" + award.id() + "'";
  EXPECT_EQ(
      Count("SELECT sum(amount_minor) FROM payments WHERE award_id = " + id),
      200'000);
  EXPECT_EQ(Count("SELECT amount_minor FROM payments WHERE instalment = 2 AND "
                  "award_id = " +
                  id),
            50'000);
}

TEST_F(VariationsTest, GranteesVaryOnlyTheirOwnAwardsAndOnlyRunningOnes) {
  v1::Award award = Award();
  v1::Variation v;
  grpc::Status s = Propose(server_.As(Role::kGrantee, "eve", "ORG-OTHER"),
                           award.id(), 300'000, "", &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Grantee(award.id(), 300'000, "", &v).ok());
  v1::ListVariationsRequest list;
  v1::ListVariationsResponse listed;
  auto other = server_.As(Role::kGrantee, "eve", "ORG-OTHER");
  ASSERT_TRUE(stub().ListVariations(other.get(), list, &listed).ok());
  EXPECT_EQ(listed.variations_size(), 0);
  auto mine = server_.As(Role::kGrantee, "ana", "ORG-ROMA");
  ASSERT_TRUE(stub().ListVariations(mine.get(), list, &listed).ok());
  EXPECT_EQ(listed.variations_size(), 1);
  v1::Award offered = Award(kAmount, /*accept=*/false);
  s = Grantee(offered.id(), 300'000, "", &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "AWARD_NOT_RUNNING");
  s = Grantee(award.id(), kAmount, "", &v);
  EXPECT_EQ(ReasonOf(s), "VARIATION_EMPTY");
}

}  // namespace
}  // namespace grants::testing
