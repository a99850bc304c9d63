// Reach through the real server: totals maintained on acceptance equal a
// recomputation after a random stream of reports, tampering is found, and a
// funder reads no live reach at all (only releases: reach_release_test.cc).
#include <random>

#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

using ReachTest = MonitoringTest;

// Every requirement of an award with 11 interim reports and a final one.
std::vector<std::string> ManyRequirements(
    v1::MonitoringService::Stub& stub, const std::string& award_id,
    std::unique_ptr<grpc::ClientContext> ctx) {
  v1::SetReportRequirementsRequest req;
  req.set_request_id(Key());
  req.set_award_id(award_id);
  for (int i = 0; i < 12; ++i) {
    auto* r = req.add_requirements();
    r->set_kind(i == 11 ? v1::REPORT_KIND_FINAL : v1::REPORT_KIND_INTERIM);
    r->set_basis(v1::DUE_BASIS_AFTER_ACCEPTANCE);
    r->set_days_after(30 * (i + 1));
  }
  v1::ReportRequirements out;
  EXPECT_TRUE(stub.SetReportRequirements(ctx.get(), req, &out).ok());
  std::vector<std::string> ids;
  for (const auto& r : out.requirements()) ids.push_back(r.id());
  return ids;
}

TEST_F(ReachTest,
       MaintainedTotalsEqualARecomputationAfterARandomStreamOfReports) {
  std::mt19937 rng(20251129);
  std::vector<v1::Award> awards = {Award(), Award(), Award()};
  std::vector<std::vector<std::string>> open;
  for (const auto& a : awards)
    open.push_back(ManyRequirements(*monitoring_, a.id(), Officer(kDecider)));
  int64_t accepted_supported = 0, accepted_reached = 0, roma = 0;
  std::map<std::string, int64_t> by_quarter;
  for (int step = 0; step < 60; ++step) {
    size_t a = rng() % awards.size();
    if (open[a].empty()) continue;
    std::string requirement = open[a].back();
    int64_t supported = rng() % 60, in_roma = supported ? rng() % supported : 0;
    std::string end = "2025-0" + std::to_string(1 + rng() % 9) + "-15";
    v1::ReportContent content = ReportOf(
        supported,
        {{"roma", in_roma}, {"disabled_people", supported - in_roma}}, end);
    v1::Report report;
    ASSERT_TRUE(Submit(requirement, content, &report).ok());
    bool accept = rng() % 3 != 0;
    ASSERT_TRUE(
        Review(report.id(), accept, &report, accept ? "" : "Check the counts")
            .ok());
    if (!accept) continue;
    open[a].pop_back();
    accepted_supported += supported;
    accepted_reached += supported * 10;
    roma += in_roma;
    int month = end[6] - '0';
    by_quarter["2025-Q" + std::to_string((month + 2) / 3)] += supported;
  }
  ASSERT_GT(accepted_supported, 0);
  v1::ReachSummary all =
      Reach(v1::REACH_SCOPE_ALL, "", v1::DIMENSION_COMMUNITY);
  EXPECT_EQ(all.total().people_supported_directly(), accepted_supported);
  EXPECT_EQ(all.total().people_reached_with_information(), accepted_reached);
  for (const auto& r : all.rows()) {
    if (r.code() == "roma") {
      EXPECT_EQ(r.people_supported_directly(), roma);
    }
  }
  for (const auto& [quarter, n] : by_quarter)
    EXPECT_EQ(Reach(v1::REACH_SCOPE_ALL, "", v1::DIMENSION_UNSPECIFIED, quarter)
                  .total()
                  .people_supported_directly(),
              n)
        << quarter;
  int64_t by_round = 0;
  for (const auto& a : awards)
    by_round += Reach(v1::REACH_SCOPE_ROUND, a.round_id())
                    .total()
                    .people_supported_directly();
  EXPECT_EQ(by_round, accepted_supported);
  v1::VerifyReachResponse check = Verify();
  EXPECT_TRUE(check.consistent());
  EXPECT_GT(check.groups(), 0);

  db_.Exec(
      "UPDATE reach_totals SET supported = supported + 1 "
      "WHERE scope = 'all' AND period = '' AND dimension = ''");
  check = Verify();
  EXPECT_FALSE(check.consistent());
  ASSERT_EQ(check.mismatches_size(), 1);
  EXPECT_EQ(check.mismatches(0).maintained_supported(),
            check.mismatches(0).recomputed_supported() + 1);
}

// Changed by issue #14 (disclosure control): a funder no longer reads live
// figures of its own awards, which moved with every accepted report; it
// reads released quarters of programmes it funds (reach_release_test.cc).
TEST_F(ReachTest, AFunderReadsNoLiveReachOfAnyScope) {
  v1::Award award = Award();
  std::string funder = award.shares(0).funder_id();
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  v1::Report report;
  // 3 Roma, 40 disabled people, 2 not recorded.
  ASSERT_TRUE(Submit(reqs.requirements(0).id(),
                     ReportOf(45, {{"roma", 3}, {"disabled_people", 40}}),
                     &report)
                  .ok());
  ASSERT_TRUE(Review(report.id(), true, &report).ok());

  // Officers keep exact, live figures of the funder's awards.
  v1::ReachSummary exact =
      Reach(v1::REACH_SCOPE_FUNDER, funder, v1::DIMENSION_COMMUNITY);
  EXPECT_FALSE(exact.disclosure_controlled());
  EXPECT_EQ(exact.rows_size(), 3);
  EXPECT_EQ(exact.total().people_supported_directly(), 45);

  v1::GetReachSummaryRequest req;
  req.set_scope(v1::REACH_SCOPE_FUNDER);
  req.set_scope_id(funder);
  req.set_dimension(v1::DIMENSION_COMMUNITY);
  v1::ReachSummary seen;
  auto as_funder = [&] {
    return server_.As(Role::kFunder, "trust", "", funder);
  };
  for (v1::ReachScope scope :
       {v1::REACH_SCOPE_FUNDER, v1::REACH_SCOPE_ALL, v1::REACH_SCOPE_ROUND}) {
    req.set_scope(scope);
    req.set_scope_id(scope == v1::REACH_SCOPE_ALL     ? ""
                     : scope == v1::REACH_SCOPE_ROUND ? award.round_id()
                                                      : funder);
    grpc::Status s =
        monitoring_->GetReachSummary(as_funder().get(), req, &seen);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(ReasonOf(s), "FUNDER_SCOPE");
    EXPECT_EQ(FieldOf(s), "scope");
  }
  v1::SubmitReportRequest submit;
  submit.set_request_id(Key());
  submit.set_requirement_id(reqs.requirements(1).id());
  EXPECT_EQ(monitoring_->SubmitReport(as_funder().get(), submit, &report)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace grants::testing
