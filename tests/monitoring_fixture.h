// Shared set-up for the monitoring tests: awards from the payments fixture,
// and one-line calls to set requirements, report, review and read reach.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "grants/v1/monitoring.grpc.pb.h"
#include "tests/variations_fixture.h"

namespace grants::testing {

// A report of `supported` people (and ten times as many reached) with the
// given community parts.
inline v1::ReportContent ReportOf(
    int64_t supported,
    const std::vector<std::pair<std::string, int64_t>>& parts = {},
    const std::string& period_end = "2025-03-31") {
  v1::ReportContent c;
  c.set_period_start("2025-01-01");
  c.set_period_end(period_end);
  c.set_sessions_held(4);
  c.set_people_supported_directly(supported);
  c.set_people_reached_with_information(supported * 10);
  for (const auto& [code, n] : parts) {
    auto* b = c.add_breakdowns();
    b->set_dimension(v1::DIMENSION_COMMUNITY);
    b->set_code(code);
    b->set_people_supported_directly(n);
    b->set_people_reached_with_information(n * 10);
  }
  *c.mutable_spend_to_date() = Gbp(50'000);
  c.set_story("Families came back with their neighbours.");
  return c;
}

class MonitoringTest : public VariationsTest {
 protected:
  // Requirements: an interim report 30 days after acceptance and a final
  // one on `final_date`.
  grpc::Status Require(const std::string& award_id, v1::ReportRequirements* out,
                       const std::string& final_date = "2025-12-31") {
    v1::SetReportRequirementsRequest req;
    req.set_request_id(Key());
    req.set_award_id(award_id);
    auto* interim = req.add_requirements();
    interim->set_kind(v1::REPORT_KIND_INTERIM);
    interim->set_basis(v1::DUE_BASIS_AFTER_ACCEPTANCE);
    interim->set_days_after(30);
    auto* final = req.add_requirements();
    final->set_kind(v1::REPORT_KIND_FINAL);
    final->set_basis(v1::DUE_BASIS_FIXED_DATE);
    final->set_due_date(final_date);
    return monitoring_->SetReportRequirements(Officer(kDecider).get(), req,
                                              out);
  }

  // What must not change: money, states, reach, the published records.
  std::string Books() {
    return db_.Scalar(
        "SELECT concat_ws('|',"
        " (SELECT string_agg(concat_ws(',', id, state, amount_minor), ';'"
        "    ORDER BY id) FROM awards),"
        " (SELECT string_agg(concat_ws(',', id, state, amount_minor,"
        "    paid_minor), ';' ORDER BY id) FROM payments),"
        " (SELECT string_agg(concat_ws(',', id, state, amount_minor), ';'"
        "    ORDER BY id) FROM recoveries),"
        " (SELECT string_agg(concat_ws(',', id, state, people_supported,"
        "    people_reached), ';' ORDER BY id) FROM reports),"
        " (SELECT string_agg(concat_ws(',', org_id, name, charity_number), ';'"
        "    ORDER BY id) FROM organisations))");
  }

  // ORG-ROMA's award: paid in part, a report accepted, a variation asked
  // for by the group, then terminated with the rest released.
  v1::Award ClosedAward() {
    v1::Award award = Award();
    v1::PaymentSchedule schedule;
    EXPECT_TRUE(Schedule(award.id(), {{100'000, ""}, {150'000, "2025-06-01"}},
                         &schedule)
                    .ok());
    Paid(schedule.payments(0).id());
    v1::ReportRequirements reqs;
    EXPECT_TRUE(Require(award.id(), &reqs).ok());
    v1::ReportContent content = ReportOf(12, {{"roma", 12}});
    content.set_activities("Sessions at Amina Hassan's flat on Mondays");
    content.set_story("Amina Hassan's cousin got settled status.");
    v1::Report report;
    EXPECT_TRUE(Submit(reqs.requirements(0).id(), content, &report).ok());
    EXPECT_TRUE(Review(report.id(), true, &report).ok());
    v1::Variation variation;
    EXPECT_TRUE(Grantee(award.id(), 300'000, "", &variation).ok());
    v1::Termination t;
    EXPECT_TRUE(Terminate(award.id(), 0, &t).ok());
    return award;
  }

  grpc::Status Submit(const std::string& requirement_id,
                      const v1::ReportContent& content, v1::Report* out,
                      const std::string& org = "ORG-ROMA") {
    v1::SubmitReportRequest req;
    req.set_request_id(Key());
    req.set_requirement_id(requirement_id);
    *req.mutable_content() = content;
    return monitoring_->SubmitReport(
        server_.As(Role::kGrantee, "ana", org).get(), req, out);
  }

  grpc::Status Review(const std::string& id, bool accept, v1::Report* out,
                      const std::string& comment = "") {
    v1::ReviewReportRequest req;
    req.set_request_id(Key());
    req.set_id(id);
    req.set_outcome(accept ? v1::REVIEW_OUTCOME_ACCEPT
                           : v1::REVIEW_OUTCOME_RETURN);
    req.set_comment(comment);
    return monitoring_->ReviewReport(Officer(kDecider).get(), req, out);
  }

  v1::ReachSummary Reach(v1::ReachScope scope, const std::string& id = "",
                         v1::Dimension by = v1::DIMENSION_UNSPECIFIED,
                         const std::string& period = "") {
    v1::GetReachSummaryRequest req;
    req.set_scope(scope);
    req.set_scope_id(id);
    req.set_dimension(by);
    req.set_period(period);
    v1::ReachSummary out;
    auto s = monitoring_->GetReachSummary(Officer(kDecider).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  v1::VerifyReachResponse Verify() {
    v1::VerifyReachResponse out;
    auto ctx = server_.As(Role::kAuditor, "audrey");
    auto s =
        monitoring_->VerifyReach(ctx.get(), v1::VerifyReachRequest(), &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  std::unique_ptr<v1::MonitoringService::Stub> monitoring_ =
      v1::MonitoringService::NewStub(server_.Channel());
};

}  // namespace grants::testing
