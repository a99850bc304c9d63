// Monitoring through the real server: requirements with due dates that
// never move and overdue by the server's clock, reports reviewed and
// immutable, bad reports refused writing nothing, and the final report
// releasing the payment due on it.
#include "common/london_time.h"
#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

TEST_F(MonitoringTest, DueDatesAreFixedAndOverdueIsComputedByTheServersClock) {
  v1::Award award = Award();
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  ASSERT_EQ(reqs.requirements_size(), 2);
  absl::Time accepted = absl::FromUnixSeconds(award.respond_time().seconds());
  const v1::ReportRequirement& interim = reqs.requirements(0);
  EXPECT_EQ(interim.due_date(), LondonDate(accepted + absl::Hours(24 * 30)));
  EXPECT_EQ(interim.status(), v1::REQUIREMENT_STATUS_DUE);
  EXPECT_EQ(reqs.requirements(1).due_date(), "2025-12-31");

  v1::ListReportRequirementsRequest list;
  list.set_status(v1::REQUIREMENT_STATUS_OVERDUE);
  v1::ListReportRequirementsResponse overdue;
  ASSERT_TRUE(
      monitoring_
          ->ListReportRequirements(Officer(kDecider).get(), list, &overdue)
          .ok());
  EXPECT_EQ(overdue.requirements_size(), 0);
  server_.clock().Set(accepted + absl::Hours(24 * 33));
  ASSERT_TRUE(
      monitoring_
          ->ListReportRequirements(Officer(kDecider).get(), list, &overdue)
          .ok());
  ASSERT_EQ(overdue.requirements_size(), 1);
  EXPECT_EQ(overdue.requirements(0).id(), interim.id());
  EXPECT_GE(overdue.requirements(0).days_overdue(), 2);
  EXPECT_EQ(overdue.requirements(0).due_date(), interim.due_date());
  EXPECT_ANY_THROW(
      db_.Exec("UPDATE report_requirements SET due_date = '2030-01-01'"));

  // A report under review is not overdue; once there is one, the
  // requirements stay as they are.
  v1::Report report;
  ASSERT_TRUE(Submit(interim.id(), ReportOf(40), &report).ok());
  ASSERT_TRUE(
      monitoring_
          ->ListReportRequirements(Officer(kDecider).get(), list, &overdue)
          .ok());
  EXPECT_EQ(overdue.requirements_size(), 0);
  grpc::Status s = Require(award.id(), &reqs);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "REQUIREMENTS_LOCKED");
}

TEST_F(MonitoringTest, AnOfficerWithAnInterestCannotReviewTheGroupsReport) {
  v1::Award award = Award();
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  v1::Report report;
  ASSERT_TRUE(Submit(reqs.requirements(0).id(), ReportOf(40), &report).ok());
  ASSERT_TRUE(
      awards_.DeclareInterest(Role::kOfficer, kDecider, "ORG-ROMA").ok());
  grpc::Status s = Review(report.id(), true, &report);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "CONFLICT_OF_INTEREST");
  EXPECT_EQ(Count("SELECT count(*) FROM reports WHERE state = 'submitted'"), 1);
  EXPECT_EQ(Reach(v1::REACH_SCOPE_ALL).total().people_supported_directly(), 0);
}

TEST_F(MonitoringTest,
       AReportIsReturnedWithACommentResubmittedAndAcceptedOnce) {
  v1::Award award = Award();
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  const std::string req_id = reqs.requirements(0).id();
  v1::Report first, again, second;
  ASSERT_TRUE(Submit(req_id, ReportOf(40, {{"roma", 30}}), &first).ok());
  EXPECT_EQ(first.version(), 1);
  EXPECT_EQ(first.state(), v1::REPORT_STATE_SUBMITTED);
  EXPECT_EQ(ReasonOf(Submit(req_id, ReportOf(41), &again)),
            "REPORT_UNDER_REVIEW");
  grpc::Status s = Review(first.id(), false, &first);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "COMMENT_REQUIRED");
  ASSERT_TRUE(
      Review(first.id(), false, &first, "Add the Hackney sessions").ok());
  EXPECT_EQ(first.state(), v1::REPORT_STATE_RETURNED);
  EXPECT_EQ(Reach(v1::REACH_SCOPE_ALL).total().people_supported_directly(), 0);

  ASSERT_TRUE(Submit(req_id, ReportOf(55, {{"roma", 30}}), &second).ok());
  EXPECT_EQ(second.version(), 2);
  ASSERT_TRUE(Review(second.id(), true, &second).ok());
  EXPECT_EQ(second.state(), v1::REPORT_STATE_ACCEPTED);
  EXPECT_EQ(ReasonOf(Review(second.id(), true, &again)),
            "REPORT_NOT_SUBMITTED");
  EXPECT_EQ(ReasonOf(Submit(req_id, ReportOf(60), &again)), "REPORT_ACCEPTED");
  v1::ReachSummary all =
      Reach(v1::REACH_SCOPE_ALL, "", v1::DIMENSION_COMMUNITY);
  EXPECT_EQ(all.total().people_supported_directly(), 55);
  EXPECT_EQ(all.total().people_reached_with_information(), 550);
  ASSERT_EQ(all.rows_size(), 2);
  EXPECT_EQ(all.rows(0).code(), "roma");
  EXPECT_EQ(all.rows(0).people_supported_directly(), 30);
  EXPECT_EQ(all.rows(1).code(), "not_recorded");
  EXPECT_EQ(all.rows(1).people_supported_directly(), 25);
  // What was submitted never changes.
  EXPECT_ANY_THROW(db_.Exec("UPDATE reports SET people_supported = 1"));
  EXPECT_ANY_THROW(db_.Exec("DELETE FROM reports"));
}

TEST_F(MonitoringTest, BadReportsAreRefusedNamingTheFieldAndWriteNothing) {
  v1::Award award = Award();
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  const std::string req_id = reqs.requirements(0).id();
  v1::Report out;
  grpc::Status s = Submit(req_id, ReportOf(40, {{"roma", 41}}), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "BREAKDOWN_EXCEEDS_TOTAL");
  EXPECT_EQ(FieldOf(s), "breakdowns[0].people_supported_directly");
  EXPECT_EQ(ReasonOf(Submit(req_id, ReportOf(40, {{"astronauts", 1}}), &out)),
            "COMMUNITY_UNKNOWN");
  EXPECT_EQ(ReasonOf(Submit(req_id, ReportOf(-1), &out)),
            "MUST_NOT_BE_NEGATIVE");
  s = Submit(req_id, ReportOf(40), &out, "ORG-OTHER");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  v1::Termination t;
  ASSERT_TRUE(Terminate(award.id(), 0, &t).ok());
  s = Submit(req_id, ReportOf(40), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "AWARD_NOT_RUNNING");
  EXPECT_EQ(Count("SELECT count(*) FROM reports"), 0);
  EXPECT_EQ(
      Count("SELECT count(*) FROM audit_events WHERE entity_type = 'report'"),
      0);
}

TEST_F(MonitoringTest, AcceptingTheFinalReportMakesThePaymentDueOnItDue) {
  v1::Award award = Award();
  v1::SetPaymentScheduleRequest sched;
  sched.set_request_id(Key());
  sched.set_award_id(award.id());
  auto* first = sched.add_instalments();
  *first->mutable_amount() = Gbp(150'000);
  first->set_due(v1::DUE_KIND_ON_ACCEPTANCE);
  auto* last = sched.add_instalments();
  *last->mutable_amount() = Gbp(100'000);
  last->set_due(v1::DUE_KIND_ON_FINAL_REPORT);
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      payments_->SetPaymentSchedule(Officer(kDecider).get(), sched, &schedule)
          .ok());
  EXPECT_EQ(schedule.payments(1).state(), v1::PAYMENT_STATE_SCHEDULED);
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  v1::Report interim, final;
  ASSERT_TRUE(Submit(reqs.requirements(0).id(), ReportOf(40), &interim).ok());
  ASSERT_TRUE(Review(interim.id(), true, &interim).ok());
  EXPECT_EQ(Get(schedule.payments(1).id()).state(),
            v1::PAYMENT_STATE_SCHEDULED);
  ASSERT_TRUE(Submit(reqs.requirements(1).id(), ReportOf(80), &final).ok());
  ASSERT_TRUE(Review(final.id(), true, &final).ok());
  EXPECT_EQ(final.kind(), v1::REPORT_KIND_FINAL);
  EXPECT_EQ(Get(schedule.payments(1).id()).state(), v1::PAYMENT_STATE_DUE);
  v1::Payment p = Authorised(schedule.payments(1).id());
  bool listed = false;
  v1::ListPaymentInstructionsResponse instructions = Instructions();
  for (const auto& i : instructions.instructions())
    listed |= i.instruction_id() == p.instruction_id();
  EXPECT_TRUE(listed);
}

}  // namespace
}  // namespace grants::testing
