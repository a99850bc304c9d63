// Unit tests of the monitoring rules: due dates, status by the server's
// clock, when a report may be submitted, and what a report must hold.
#include "services/monitoring/monitoring_rules.h"

#include <gtest/gtest.h>

#include "common/status.h"

namespace grants::monitoring {
namespace {

ReportContent Valid() {
  ReportContent c;
  c.set_period_start("2025-01-01");
  c.set_period_end("2025-03-31");
  c.set_sessions_held(12);
  c.set_people_supported_directly(120);
  c.set_people_reached_with_information(3000);
  auto* b = c.add_breakdowns();
  b->set_dimension(v1::DIMENSION_COMMUNITY);
  b->set_code("roma");
  b->set_people_supported_directly(80);
  b->set_people_reached_with_information(2000);
  c.mutable_spend_to_date()->set_currency_code("GBP");
  c.mutable_spend_to_date()->set_minor_units(120'000);
  return c;
}

const ReportContext kContext{"GBP", {"roma", "disabled_people"}};

TEST(CheckSpecsTest, WantsExactlyOneFinalReport) {
  RequirementSpec interim{.kind = ReportKind::kInterim,
                          .basis = DueBasis::kAfterAcceptance,
                          .days_after = 90};
  RequirementSpec final{.kind = ReportKind::kFinal,
                        .basis = DueBasis::kFixedDate,
                        .due_date = "2026-03-31"};
  EXPECT_TRUE(CheckSpecs({interim, final}).ok());
  EXPECT_EQ(ReasonOf(CheckSpecs({interim})), "FINAL_REPORT_COUNT");
  EXPECT_EQ(ReasonOf(CheckSpecs({final, final})), "FINAL_REPORT_COUNT");
  EXPECT_EQ(ReasonOf(CheckSpecs({})), "COUNT_INVALID");
  final.due_date = "2026-02-30";
  EXPECT_EQ(ReasonOf(CheckSpecs({final})), "DATE_INVALID");
}

TEST(DueDateTest,
     CountsDaysFromAcceptanceOrTheRoundsCloseAcrossMonthsAndYears) {
  RequirementSpec s{.basis = DueBasis::kAfterAcceptance, .days_after = 90};
  EXPECT_EQ(DueDate(s, "2025-11-15", "2025-10-01"), "2026-02-13");
  s.basis = DueBasis::kAfterRoundClose;
  s.days_after = 0;
  EXPECT_EQ(DueDate(s, "2025-11-15", "2025-10-01"), "2025-10-01");
  s.basis = DueBasis::kFixedDate;
  s.due_date = "2026-03-31";
  EXPECT_EQ(DueDate(s, "2025-11-15", "2025-10-01"), "2026-03-31");
}

TEST(StatusOfTest,
     IsOverdueTheDayAfterItsDueDateUnlessAReportWaitsOrWasAccepted) {
  Requirement r{.due_date = "2025-06-30"};
  EXPECT_EQ(StatusOf(r, "2025-06-30").first, RequirementStatus::kDue);
  auto [status, late] = StatusOf(r, "2025-07-03");
  EXPECT_EQ(status, RequirementStatus::kOverdue);
  EXPECT_EQ(late, 3);
  r.latest_state = ReportState::kReturned;
  EXPECT_EQ(StatusOf(r, "2025-06-01").first, RequirementStatus::kReturned);
  EXPECT_EQ(StatusOf(r, "2025-07-01").first, RequirementStatus::kOverdue);
  r.latest_state = ReportState::kSubmitted;
  EXPECT_EQ(StatusOf(r, "2025-09-01").first, RequirementStatus::kSubmitted);
  r.latest_state = ReportState::kAccepted;
  EXPECT_EQ(StatusOf(r, "2025-09-01").first, RequirementStatus::kAccepted);
}

TEST(CheckCanSubmitTest, WaitsForTheReviewAndStopsOnceAccepted) {
  Requirement r;
  EXPECT_TRUE(CheckCanSubmit(r).ok());
  r.latest_state = ReportState::kReturned;
  EXPECT_TRUE(CheckCanSubmit(r).ok());
  r.latest_state = ReportState::kSubmitted;
  EXPECT_EQ(ReasonOf(CheckCanSubmit(r)), "REPORT_UNDER_REVIEW");
  r.latest_state = ReportState::kAccepted;
  EXPECT_EQ(ReasonOf(CheckCanSubmit(r)), "REPORT_ACCEPTED");
}

TEST(CheckReportTest, AcceptsAValidReport) {
  EXPECT_TRUE(CheckReport(Valid(), kContext).ok());
}

TEST(CheckReportTest, RefusesABreakdownAboveItsTotalNamingThePartThatPassesIt) {
  ReportContent c = Valid();
  auto* b = c.add_breakdowns();
  b->set_dimension(v1::DIMENSION_COMMUNITY);
  b->set_code("disabled_people");
  b->set_people_supported_directly(41);  // 80 + 41 > 120
  absl::Status s = CheckReport(c, kContext);
  EXPECT_EQ(ReasonOf(s), "BREAKDOWN_EXCEEDS_TOTAL");
  ASSERT_FALSE(FieldViolationsOf(s).empty());
  EXPECT_EQ(FieldViolationsOf(s)[0].field,
            "breakdowns[1].people_supported_directly");
  b->set_people_supported_directly(40);  // exactly the total
  EXPECT_TRUE(CheckReport(c, kContext).ok());
  // Another dimension has its own budget of people.
  auto* age = c.add_breakdowns();
  age->set_dimension(v1::DIMENSION_AGE_BAND);
  age->set_code("65_and_over");
  age->set_people_supported_directly(120);
  EXPECT_TRUE(CheckReport(c, kContext).ok());
}

TEST(CheckReportTest, RefusesCodesOffTheListsNegativeCountsAndDuplicates) {
  ReportContent c = Valid();
  c.mutable_breakdowns(0)->set_code("astronauts");
  EXPECT_EQ(ReasonOf(CheckReport(c, kContext)), "COMMUNITY_UNKNOWN");
  c = Valid();
  auto* b = c.add_breakdowns();
  b->set_dimension(v1::DIMENSION_BOROUGH);
  b->set_code("Hackney");
  EXPECT_EQ(ReasonOf(CheckReport(c, kContext)), "BOROUGH_INVALID");
  b->set_code("E09000012");
  EXPECT_TRUE(CheckReport(c, kContext).ok());
  *c.add_breakdowns() = *b;
  EXPECT_EQ(ReasonOf(CheckReport(c, kContext)), "DUPLICATE_BREAKDOWN");
  c = Valid();
  c.set_people_reached_with_information(-1);
  EXPECT_EQ(ReasonOf(CheckReport(c, kContext)), "MUST_NOT_BE_NEGATIVE");
  c = Valid();
  c.mutable_spend_to_date()->set_currency_code("EUR");
  EXPECT_EQ(ReasonOf(CheckReport(c, kContext)), "CURRENCY_MISMATCH");
  c = Valid();
  c.set_period_end("2024-12-31");
  EXPECT_EQ(ReasonOf(CheckReport(c, kContext)), "PERIOD_INVALID");
}

// A final report of `Valid()`'s spend (1,200) over two budget lines.
ReportContent WithLines(std::initializer_list<std::pair<int, int64_t>> lines) {
  ReportContent c = Valid();
  for (const auto& [line, spent] : lines) {
    auto* s = c.add_budget_line_spend();
    s->set_line(line);
    s->mutable_spent()->set_currency_code("GBP");
    s->mutable_spent()->set_minor_units(spent);
  }
  return c;
}

TEST(CheckReportTest, AFinalReportStatesSpendOnEveryBudgetLineOrOnNone) {
  const ReportContext final{"GBP", {"roma"}, true, {100'000, 150'000}};
  EXPECT_TRUE(CheckReport(WithLines({{1, 40'000}, {2, 80'000}}), final).ok());
  EXPECT_TRUE(CheckReport(Valid(), final).ok());  // not stated at all
  EXPECT_EQ(ReasonOf(CheckReport(WithLines({{1, 120'000}}), final)),
            "BUDGET_LINE_SPEND_REQUIRED");
  EXPECT_EQ(ReasonOf(CheckReport(WithLines({{1, 40'000}, {2, 70'000}}), final)),
            "SPEND_SUM_MISMATCH");
  EXPECT_EQ(ReasonOf(CheckReport(WithLines({{1, 40'000}, {3, 80'000}}), final)),
            "BUDGET_LINE_UNKNOWN");
  EXPECT_EQ(ReasonOf(CheckReport(WithLines({{1, 40'000}, {1, 80'000}}), final)),
            "BUDGET_LINE_REPEATED");
  // An interim report may state some lines.
  const ReportContext interim{"GBP", {"roma"}, false, {100'000, 150'000}};
  EXPECT_TRUE(CheckReport(WithLines({{2, 10'000}}), interim).ok());
}

}  // namespace
}  // namespace grants::monitoring
