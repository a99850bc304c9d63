// Reach releases through the real server: an officer releases an ended
// quarter once (idempotent, audited); a funder reads only released figures
// of programmes it funds, marked "<5" or "[c]", and they do not change when
// another report is accepted; every attempt to go around that is refused
// with a stable reason and changes nothing.
#include <google/protobuf/util/message_differencer.h>

#include "grants/v1/programmes.grpc.pb.h"
#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

// 2025-Q1 ended at 2025-04-01T00:00 London (BST), 2025-03-31T23:00Z; it can
// be released an hour later.
const absl::Time kAfterQ1 = absl::FromUnixSeconds(1743552000);  // 04-02 00:00Z

class ReachReleaseTest : public MonitoringTest {
 protected:
  std::string ProgrammeOf(const v1::Award& award) {
    v1::GetRoundRequest req;
    req.set_id(award.round_id());
    v1::Round round;
    EXPECT_TRUE(server_.Programmes()
                    ->GetRound(server_.As(Role::kOfficer).get(), req, &round)
                    .ok());
    return round.programme_id();
  }

  // One accepted report on the award's next requirement.
  void Accept(const std::string& requirement_id, int64_t supported,
              const std::vector<std::pair<std::string, int64_t>>& parts) {
    v1::Report report;
    ASSERT_TRUE(
        Submit(requirement_id, ReportOf(supported, parts), &report).ok());
    ASSERT_TRUE(Review(report.id(), true, &report).ok());
  }

  grpc::Status Release(const std::string& programme, const std::string& quarter,
                       v1::ReachRelease* out, const std::string& key = Key()) {
    v1::ReleaseReachRequest req;
    req.set_request_id(key);
    req.set_programme_id(programme);
    req.set_quarter(quarter);
    return monitoring_->ReleaseReach(
        server_.As(Role::kOfficer, "officer-rel").get(), req, out);
  }

  grpc::Status FunderReads(const std::string& funder, v1::ReachScope scope,
                           const std::string& id, const std::string& period,
                           v1::ReachSummary* out) {
    v1::GetReachSummaryRequest req;
    req.set_scope(scope);
    req.set_scope_id(id);
    req.set_period(period);
    req.set_dimension(v1::DIMENSION_COMMUNITY);
    return monitoring_->GetReachSummary(
        server_.As(Role::kFunder, "trust", "", funder).get(), req, out);
  }

  int64_t Releases() {
    return std::stoll(db_.Scalar("SELECT count(*) FROM reach_releases"));
  }
};

const v1::ReachRow* Row(const v1::ReachSummary& s, const std::string& code) {
  for (const auto& r : s.rows())
    if (r.code() == code) return &r;
  return nullptr;
}

TEST_F(ReachReleaseTest,
       AFunderReadsOnlyReleasedFiguresWhichDoNotChangeWhenAReportIsAccepted) {
  v1::Award award = Award();
  const std::string funder = award.shares(0).funder_id();
  const std::string programme = ProgrammeOf(award);
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  // Accepted in 2025-Q1: 3 Roma and 40 disabled people.
  Accept(reqs.requirements(0).id(), 43, {{"roma", 3}, {"disabled_people", 40}});

  // Nothing is released: a funder sees nothing, not even live figures.
  v1::ReachSummary seen;
  grpc::Status s =
      FunderReads(funder, v1::REACH_SCOPE_PROGRAMME, programme, "", &seen);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "PERIOD_NOT_RELEASED");
  EXPECT_EQ(FieldOf(s), "period");
  // The quarter has not ended.
  v1::ReachRelease release;
  s = Release(programme, "2025-Q1", &release);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "PERIOD_OPEN");
  EXPECT_EQ(FieldOf(s), "quarter");
  EXPECT_EQ(Releases(), 0);

  server_.clock().Set(kAfterQ1);
  const std::string key = Key();
  ASSERT_TRUE(Release(programme, "2025-Q1", &release, key).ok());
  EXPECT_EQ(release.quarter(), "2025-Q1");
  EXPECT_EQ(release.reports(), 1);
  EXPECT_EQ(release.released_by(), "officer-rel");
  // A retry with the same key gets the same release; a second release of
  // the quarter is refused, and nothing changes.
  v1::ReachRelease again;
  ASSERT_TRUE(Release(programme, "2025-Q1", &again, key).ok());
  EXPECT_EQ(again.id(), release.id());
  s = Release(programme, "2025-Q1", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "RELEASE_EXISTS");
  EXPECT_EQ(FieldOf(s), "quarter");
  s = Release(programme, "2025-Q2", &again);
  EXPECT_EQ(ReasonOf(s), "PERIOD_OPEN");
  s = Release(programme, "2025-Q5", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "PERIOD_INVALID");
  v1::ReleaseReachRequest as_funder;
  as_funder.set_request_id(Key());
  as_funder.set_programme_id(programme);
  as_funder.set_quarter("2025-Q1");
  s = monitoring_->ReleaseReach(
      server_.As(Role::kFunder, "trust", "", funder).get(), as_funder, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Releases(), 1);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events "
                       "WHERE entity_type = 'reach_release'"),
            "1");

  // The funder's view: 3 Roma is "<5"; what hides it is "[c]", never "<5".
  v1::ReachSummary q1, all;
  ASSERT_TRUE(
      FunderReads(funder, v1::REACH_SCOPE_PROGRAMME, programme, "2025-Q1", &q1)
          .ok());
  ASSERT_TRUE(
      FunderReads(funder, v1::REACH_SCOPE_PROGRAMME, programme, "", &all).ok());
  EXPECT_TRUE(q1.disclosure_controlled());
  ASSERT_NE(Row(q1, "roma"), nullptr);
  EXPECT_EQ(Row(q1, "roma")->supported_suppression(), v1::SUPPRESSION_PRIMARY);
  EXPECT_EQ(Row(q1, "roma")->people_supported_directly(), 0);
  int complementary = 0;
  for (const auto& r : q1.rows()) {
    if (r.supported_suppression() == v1::SUPPRESSION_COMPLEMENTARY)
      ++complementary;
    if (!r.supported_suppressed()) {
      EXPECT_TRUE(r.people_supported_directly() == 0 ||
                  r.people_supported_directly() >= 5);
    }
  }
  EXPECT_GE(complementary, 1);
  EXPECT_EQ(all.released_quarters_size(), 1);

  // Another report is accepted (in 2025-Q2). Officers see it at once; the
  // funder's figures stay exactly as they were until Q2 is released.
  Accept(reqs.requirements(1).id(), 50, {{"roma", 2}, {"disabled_people", 48}});
  v1::ReachSummary live =
      Reach(v1::REACH_SCOPE_PROGRAMME, programme, v1::DIMENSION_COMMUNITY);
  EXPECT_EQ(live.total().people_supported_directly(), 93);
  v1::ReachSummary q1_after, all_after;
  ASSERT_TRUE(FunderReads(funder, v1::REACH_SCOPE_PROGRAMME, programme,
                          "2025-Q1", &q1_after)
                  .ok());
  ASSERT_TRUE(
      FunderReads(funder, v1::REACH_SCOPE_PROGRAMME, programme, "", &all_after)
          .ok());
  using google::protobuf::util::MessageDifferencer;
  EXPECT_TRUE(MessageDifferencer::Equals(q1, q1_after));
  EXPECT_TRUE(MessageDifferencer::Equals(all, all_after));
  s = FunderReads(funder, v1::REACH_SCOPE_PROGRAMME, programme, "2025-Q2",
                  &seen);
  EXPECT_EQ(ReasonOf(s), "PERIOD_NOT_RELEASED");
}

TEST_F(ReachReleaseTest, AFunderIsRefusedOtherProgrammesAndLiveScopes) {
  v1::Award mine = Award(), theirs = Award();
  const std::string funder = mine.shares(0).funder_id();
  const std::string other = ProgrammeOf(theirs);
  v1::ReachSummary seen;
  grpc::Status s =
      FunderReads(funder, v1::REACH_SCOPE_PROGRAMME, other, "", &seen);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "PROGRAMME_NOT_FUNDED");
  EXPECT_EQ(FieldOf(s), "scope_id");
  s = FunderReads(funder, v1::REACH_SCOPE_FUNDER, funder, "", &seen);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "FUNDER_SCOPE");
  EXPECT_EQ(FieldOf(s), "scope");
  v1::ListIndicatorsRequest list;
  list.set_programme_id(other);
  v1::ListIndicatorsResponse indicators;
  s = monitoring_->ListIndicators(
      server_.As(Role::kFunder, "trust", "", funder).get(), list, &indicators);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "PROGRAMME_NOT_FUNDED");
  EXPECT_EQ(FieldOf(s), "programme_id");
  v1::ListReachReleasesRequest releases;
  releases.set_programme_id(other);
  v1::ListReachReleasesResponse listed;
  s = monitoring_->ListReachReleases(
      server_.As(Role::kFunder, "trust", "", funder).get(), releases, &listed);
  EXPECT_EQ(ReasonOf(s), "PROGRAMME_NOT_FUNDED");
  // An officer asking for released figures of a scope that has none.
  v1::GetReachSummaryRequest req;
  req.set_scope(v1::REACH_SCOPE_ALL);
  req.set_released(true);
  s = monitoring_->GetReachSummary(Officer(kDecider).get(), req, &seen);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "RELEASED_SCOPE");
}

TEST_F(ReachReleaseTest, AFundersIndicatorActualsComeFromTheReleases) {
  v1::Award award = Award();
  const std::string funder = award.shares(0).funder_id();
  const std::string programme = ProgrammeOf(award);
  v1::SetIndicatorRequest set;
  set.set_request_id(Key());
  auto* i = set.mutable_indicator();
  i->set_programme_id(programme);
  i->set_code("supported");
  i->set_name("People supported directly");
  i->set_unit("people");
  i->set_measure(v1::INDICATOR_MEASURE_PEOPLE_SUPPORTED_DIRECTLY);
  i->set_counting_rule(v1::COUNTING_RULE_CONTACTS);
  for (const char* period : {"", "2025-Q1", "2025-Q2"}) {
    auto* p = i->add_periods();
    p->set_period(period);
    p->set_target(100);
  }
  v1::Indicator made;
  ASSERT_TRUE(
      monitoring_->SetIndicator(Officer(kDecider).get(), set, &made).ok());
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  Accept(reqs.requirements(0).id(), 45, {{"roma", 3}, {"disabled_people", 40}});
  server_.clock().Set(kAfterQ1);
  v1::ReachRelease release;
  ASSERT_TRUE(Release(programme, "2025-Q1", &release).ok());
  Accept(reqs.requirements(1).id(), 7, {});

  v1::ListIndicatorsRequest list;
  list.set_programme_id(programme);
  v1::ListIndicatorsResponse seen;
  ASSERT_TRUE(
      monitoring_
          ->ListIndicators(server_.As(Role::kFunder, "trust", "", funder).get(),
                           list, &seen)
          .ok());
  ASSERT_EQ(seen.indicators_size(), 1);
  for (const auto& p : seen.indicators(0).periods()) {
    if (p.period() == "2025-Q2") {
      EXPECT_TRUE(p.actual_pending());
      EXPECT_EQ(p.actual(), 0);
    } else {  // Q1, and all time as the sum of the released quarters
      EXPECT_FALSE(p.actual_pending()) << p.period();
      EXPECT_EQ(p.actual(), 45) << p.period();
    }
  }
  // Officers keep the live figure.
  v1::ListIndicatorsResponse exact;
  ASSERT_TRUE(
      monitoring_->ListIndicators(Officer(kDecider).get(), list, &exact).ok());
  for (const auto& p : exact.indicators(0).periods()) {
    if (p.period().empty()) {
      EXPECT_EQ(p.actual(), 52);
    }
  }
}

}  // namespace
}  // namespace grants::testing
