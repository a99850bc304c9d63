// Unit tests of the variation and termination rules: proposals, four eyes
// and staleness, the schedule following an amount change, what termination
// cancels and releases, and recoveries spread over paid payments.
#include "services/awards/variation_rules.h"

#include <gtest/gtest.h>

#include "common/status.h"

namespace grants::awards {
namespace {

using payments::Payment;
using payments::PaymentState;

Award Running(int64_t amount = 300'000) {
  return Award{.id = "a1",
               .currency = "GBP",
               .amount_minor = amount,
               .state = AwardState::kAccepted,
               .start_date = "2027-05-01",
               .end_date = "2027-12-31"};
}

Payment Pay(const std::string& id, int instalment, int64_t amount,
            PaymentState state) {
  Payment p{.id = id, .instalment = instalment, .amount_minor = amount,
            .state = state};
  if (state == PaymentState::kPaid) p.paid_minor = amount;
  return p;
}

TEST(CheckProposalTest, RefusesAProposalThatChangesNothing) {
  VariationCommand same{.award_id = "a1", .new_minor = 300'000,
                        .currency = "GBP", .new_end_date = "2027-12-31"};
  EXPECT_EQ(ReasonOf(CheckProposal(Running(), same, 500'000)), "VARIATION_EMPTY");
  EXPECT_EQ(ReasonOf(CheckProposal(Running(), {.award_id = "a1"}, 500'000)),
            "VARIATION_EMPTY");
}

TEST(CheckProposalTest, HoldsTheAmountToTheRoundAndTheEndAfterTheStart) {
  VariationCommand more{.new_minor = 500'001, .currency = "GBP"};
  EXPECT_EQ(ReasonOf(CheckProposal(Running(), more, 500'000)), "AMOUNT_OUT_OF_RANGE");
  more.new_minor = 500'000;
  EXPECT_TRUE(CheckProposal(Running(), more, 500'000).ok());
  more.currency = "EUR";
  EXPECT_EQ(ReasonOf(CheckProposal(Running(), more, 500'000)), "CURRENCY_MISMATCH");
  VariationCommand early{.new_end_date = "2027-04-30"};
  EXPECT_EQ(ReasonOf(CheckProposal(Running(), early, 500'000)), "END_BEFORE_START");
  early.new_end_date = "2028-03-31";
  EXPECT_TRUE(CheckProposal(Running(), early, 500'000).ok());
}

TEST(CheckProposalTest, OnlyARunningAwardVaries) {
  Award offered = Running();
  offered.state = AwardState::kOffered;
  VariationCommand later{.new_end_date = "2028-03-31"};
  EXPECT_EQ(ReasonOf(CheckProposal(offered, later, 500'000)), "AWARD_NOT_RUNNING");
  offered.state = AwardState::kTerminated;
  EXPECT_EQ(ReasonOf(CheckProposal(offered, later, 500'000)), "AWARD_NOT_RUNNING");
}

TEST(CheckVariationDecisionTest, NeedsAnotherPersonAndAnUnchangedAward) {
  Award award = Running();
  Variation v = MakeVariation(award, {.new_minor = 250'000, .currency = "GBP",
                                      .reason = "Fewer sessions"});
  EXPECT_EQ(v.new_end_date, "2027-12-31");
  v.proposed_by = "officer-ann";
  EXPECT_EQ(ReasonOf(CheckVariationDecision(v, award, "officer-ann")),
            "FOUR_EYES_REQUIRED");
  EXPECT_TRUE(CheckVariationDecision(v, award, "officer-bob").ok());
  award.amount_minor = 280'000;
  EXPECT_EQ(ReasonOf(CheckVariationDecision(v, award, "officer-bob")),
            "VARIATION_STALE");
  v.state = VariationState::kRejected;
  EXPECT_EQ(ReasonOf(CheckVariationDecision(v, award, "officer-bob")),
            "VARIATION_NOT_PROPOSED");
}

TEST(NextApprovalStepTest, AnIncreaseAboveTheThresholdNeedsTwoOfficers) {
  RoundSettings none{.microgrant_threshold_minor = 0};
  RoundSettings micro{.microgrant_threshold_minor = 400'000};
  Variation up{.previous_minor = 300'000, .new_minor = 400'001,
               .proposed_by = "ana", .proposer_role = "grantee"};
  EXPECT_EQ(OfficersNeeded(up, micro), 2);
  EXPECT_EQ(NextApprovalStep(up, micro), ApprovalStep::kEndorse);
  up.endorsed_by = "officer-bob";
  EXPECT_EQ(NextApprovalStep(up, micro), ApprovalStep::kApply);
  // An officer's own proposal is the first of the two.
  Variation by_officer = up;
  by_officer.endorsed_by = "";
  by_officer.proposer_role = "officer";
  EXPECT_EQ(NextApprovalStep(by_officer, micro), ApprovalStep::kApply);
  // Within the threshold, and for a decrease or a new end, one officer.
  Variation small = up;
  small.endorsed_by = "";
  small.new_minor = 400'000;
  EXPECT_EQ(NextApprovalStep(small, micro), ApprovalStep::kApply);
  EXPECT_EQ(NextApprovalStep(small, none), ApprovalStep::kEndorse);
  Variation down = small;
  down.new_minor = 200'000;
  EXPECT_EQ(OfficersNeeded(down, none), 1);
}

TEST(CheckVariationDecisionTest, TheEndorserCannotAlsoDecide) {
  Variation v{.state = VariationState::kProposed, .previous_minor = 300'000,
              .new_minor = 500'000, .previous_end_date = "2027-12-31",
              .proposed_by = "ana", .endorsed_by = "officer-bob"};
  EXPECT_EQ(ReasonOf(CheckVariationDecision(v, Running(), "officer-bob")),
            "FOUR_EYES_REQUIRED");
  EXPECT_TRUE(CheckVariationDecision(v, Running(), "officer-cat").ok());
}

TEST(PlanScheduleTest, AnIncreaseIsOneNewInstalment) {
  std::vector<Payment> ps = {Pay("p1", 1, 100'000, PaymentState::kPaid),
                             Pay("p2", 2, 200'000, PaymentState::kScheduled)};
  auto plan = PlanSchedule(ps, 50'000);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->added, 50'000);
  EXPECT_TRUE(plan->resized.empty());
  EXPECT_TRUE(plan->removed.empty());
}

TEST(PlanScheduleTest, ADecreaseComesOffTheLastInstalmentsNotYetRequested) {
  std::vector<Payment> ps = {Pay("p1", 1, 100'000, PaymentState::kPaid),
                             Pay("p2", 2, 100'000, PaymentState::kScheduled),
                             Pay("p3", 3, 50'000, PaymentState::kScheduled),
                             Pay("p4", 4, 50'000, PaymentState::kRequested)};
  auto plan = PlanSchedule(ps, -120'000);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->removed, std::vector<std::string>{"p3"});
  ASSERT_EQ(plan->resized.size(), 1u);
  EXPECT_EQ(plan->resized[0], (std::pair<std::string, int64_t>{"p2", 30'000}));
  EXPECT_EQ(ReasonOf(PlanSchedule(ps, -150'001).status()),
            "VARIATION_BELOW_PAYMENTS");
  EXPECT_TRUE(PlanSchedule(ps, -150'000).ok());
}

TEST(PlanScheduleTest, AnAwardWithoutPaymentsKeepsNone) {
  auto plan = PlanSchedule({}, -100'000);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->added, 0);
  EXPECT_TRUE(plan->removed.empty());
}

TEST(PlanTerminationTest, CancelsWhatFinanceHasNotTakenAndReleasesTheRest) {
  std::vector<Payment> ps = {Pay("p1", 1, 100'000, PaymentState::kPaid),
                             Pay("p2", 2, 50'000, PaymentState::kInstructed),
                             Pay("p3", 3, 50'000, PaymentState::kAuthorised),
                             Pay("p4", 4, 40'000, PaymentState::kRequested),
                             Pay("p5", 5, 30'000, PaymentState::kScheduled),
                             Pay("p6", 6, 30'000, PaymentState::kFailed)};
  TerminationPlan plan = PlanTermination(ps, 300'000);
  EXPECT_EQ(plan.cancel, (std::vector<std::string>{"p3", "p4", "p5"}));
  EXPECT_EQ(plan.kept, 150'000);
  EXPECT_EQ(plan.release, 150'000);
}

TEST(AllocateRecoveryTest, TakesFromTheLatestPaidPaymentsFirstWithinWhatTheyPaid) {
  std::vector<Payment> ps = {Pay("p1", 1, 100'000, PaymentState::kPaid),
                             Pay("p2", 2, 60'000, PaymentState::kPaid),
                             Pay("p3", 3, 40'000, PaymentState::kCancelled)};
  std::vector<payments::Recovery> earlier = {
      {.payment_id = "p2", .amount_minor = 10'000}};
  auto parts = AllocateRecovery(ps, earlier, 70'000);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(*parts, (std::vector<RecoveryPart>{{"p2", 50'000}, {"p1", 20'000}}));
  EXPECT_EQ(ReasonOf(AllocateRecovery(ps, earlier, 150'001).status()),
            "RECOVERY_EXCEEDS_PAID");
  EXPECT_TRUE(AllocateRecovery(ps, earlier, 150'000).ok());
}

}  // namespace
}  // namespace grants::awards

namespace grants::awards {
namespace {

TEST(CompletionRulesTest, AnAwardCompletesOnlyWhenNothingIsOpen) {
  CompletionBlockers clear{{}, true, 0, 0};
  EXPECT_TRUE(CheckCanComplete(clear).ok());
  CompletionBlockers unpaid = clear;
  unpaid.unsettled_payments = {"p-1", "p-2"};
  absl::Status s = CheckCanComplete(unpaid);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(s.message()).find("p-1, p-2"), std::string::npos);
  CompletionBlockers unreported = clear;
  unreported.final_report_accepted = false;
  EXPECT_FALSE(CheckCanComplete(unreported).ok());
  CompletionBlockers awaiting = clear;
  awaiting.reports_awaiting_review = 1;
  EXPECT_FALSE(CheckCanComplete(awaiting).ok());
  CompletionBlockers varying = clear;
  varying.open_variations = 1;
  EXPECT_FALSE(CheckCanComplete(varying).ok());
}

}  // namespace
}  // namespace grants::awards
