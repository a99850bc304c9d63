// Unit tests of the payment rules: schedule sums, due dates, four eyes and
// limits, and how remittances compare.
#include "services/payments/payment_rules.h"

#include <gtest/gtest.h>

#include "common/status.h"

namespace grants::payments {
namespace {

Payment Requested(int64_t amount) {
  Payment p;
  p.currency = "GBP";
  p.amount_minor = amount;
  p.state = PaymentState::kRequested;
  p.requested_by = "officer-ann";
  return p;
}

TEST(CheckScheduleTest, AcceptsInstalmentsSummingExactlyToTheAward) {
  EXPECT_TRUE(CheckSchedule({{"GBP", 60'000, DueKind::kOnAcceptance, ""},
                             {"GBP", 40'000, DueKind::kOnDate, "2025-03-01"}},
                            "GBP", 100'000)
                  .ok());
}

TEST(CheckScheduleTest, RefusesAScheduleAPennyShortOrInAnotherCurrency) {
  EXPECT_EQ(ReasonOf(CheckSchedule({{"GBP", 99'999, DueKind::kOnAcceptance, ""}},
                                   "GBP", 100'000)),
            "SCHEDULE_SUM_MISMATCH");
  EXPECT_EQ(ReasonOf(CheckSchedule({{"EUR", 100'000, DueKind::kOnAcceptance, ""}},
                                   "GBP", 100'000)),
            "CURRENCY_MISMATCH");
}

TEST(IsDueTest, ADateIsDueOnTheDayAndAfterAndAFinalReportPaymentWaitsForTheReport) {
  Payment p;
  p.due = DueKind::kOnDate;
  p.due_date = "2025-01-15";
  EXPECT_FALSE(IsDue(p, "2025-01-14"));
  EXPECT_TRUE(IsDue(p, "2025-01-15"));
  EXPECT_TRUE(IsDue(p, "2025-02-01"));
  p.due = DueKind::kOnFinalReport;
  EXPECT_FALSE(IsDue(p, "2030-01-01"));
  p.released_on = "2025-03-10";  // the final report accepted that day
  EXPECT_FALSE(IsDue(p, "2025-03-09"));
  EXPECT_TRUE(IsDue(p, "2025-03-10"));
  p.due = DueKind::kOnAcceptance;
  EXPECT_TRUE(IsDue(p, "2025-01-01"));
}

TEST(CheckAuthoriseTest, RefusesTheRequesterAndAnyoneOverTheirLimit) {
  Payment p = Requested(50'000);
  AuthorisationLimit limit{"officer-bob", "GBP", 50'000, "", absl::Time()};
  EXPECT_EQ(ReasonOf(CheckAuthorise(p, "officer-ann", limit)),
            "FOUR_EYES_REQUIRED");
  EXPECT_TRUE(CheckAuthorise(p, "officer-bob", limit).ok());
  limit.limit_minor = 49'999;
  EXPECT_EQ(ReasonOf(CheckAuthorise(p, "officer-bob", limit)),
            "AUTHORISATION_LIMIT_EXCEEDED");
  EXPECT_EQ(ReasonOf(CheckAuthorise(p, "officer-bob", std::nullopt)),
            "AUTHORISATION_LIMIT_EXCEEDED");
}

TEST(CompareRemittanceTest, ARepeatMatchesAndAnythingElseIsAMismatch) {
  Payment p = Requested(50'000);
  p.state = PaymentState::kInstructed;
  Remittance r{"i", "GBP", 50'000, "2025-01-20", "BACS-1"};
  bool repeat = true;
  EXPECT_EQ(CompareRemittance(p, r, &repeat), std::nullopt);
  EXPECT_FALSE(repeat);
  r.paid_minor = 49'000;
  EXPECT_EQ(CompareRemittance(p, r, &repeat), MismatchReason::kAmountMismatch);
  p.state = PaymentState::kPaid;
  p.paid_minor = 50'000;
  p.paid_date = "2025-01-20";
  p.bank_reference = "BACS-1";
  r.paid_minor = 50'000;
  EXPECT_EQ(CompareRemittance(p, r, &repeat), std::nullopt);
  EXPECT_TRUE(repeat);
  r.bank_reference = "BACS-2";
  EXPECT_EQ(CompareRemittance(p, r, &repeat), MismatchReason::kDuplicate);
}

}  // namespace
}  // namespace grants::payments
