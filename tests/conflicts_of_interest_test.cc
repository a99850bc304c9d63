// Conflicts of interest at every decision, tried as an insider would through
// the real server: a reviewer who was never assigned, or who declared an
// interest, and an officer who declared one, attempt every act and read on
// that organisation's records. Each is refused (PERMISSION_DENIED with a
// stable reason), changes nothing, and is written to the audit trail; a
// colleague without an interest still does the same things.
#include "tests/conflicts_fixture.h"

namespace grants::testing {
namespace {

class ConflictsOfInterestTest : public ConflictsFixture {
 protected:
  std::string Snapshot() {
    return db_.Scalar(
        "SELECT concat_ws('|', (SELECT count(*) FROM recommendations),"
        " (SELECT count(*) FROM decisions), (SELECT count(*) FROM awards),"
        " (SELECT string_agg(state || ':' || amount_minor, ',' ORDER BY id)"
        "    FROM awards),"
        " (SELECT string_agg(state || ':' || requested_by || ':' ||"
        "    authorised_by, ',' ORDER BY id) FROM payments),"
        " (SELECT string_agg(state || ':' || endorsed_by, ',' ORDER BY id)"
        "    FROM award_variations),"
        " (SELECT string_agg(funder_id || ':' || amount_minor, ',' ORDER BY"
        "    award_id, funder_id) FROM award_shares))");
  }

  v1::Decision GetDecision(const std::string& app, Role role,
                           const std::string& subject, grpc::Status* s) {
    v1::GetDecisionRequest req;
    req.set_application_id(app);
    v1::Decision d;
    *s = stub().GetDecision(server_.As(role, subject).get(), req, &d);
    return d;
  }
};

TEST_F(ConflictsOfInterestTest,
       AReviewerRecommendsOnlyWhatTheyAreAssignedAndHaveNoInterestIn) {
  auto round = awards_.OpenRound(2'000'000, {3'000'000});
  ASSERT_TRUE(awards_.SetSettings(round.id(), 300'000).ok());
  std::string app = awards_.Submit("ORG-ROMA", round.id(), 100'000).id();
  awards_.Close(round.id());
  const std::string before = Snapshot();

  grpc::Status s = awards_.Recommend(app, Role::kReviewer, "rev-una",
                                     v1::OUTCOME_APPROVE, 100'000);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "NOT_ASSIGNED");

  ASSERT_TRUE(awards_.Assign(app, "rev-ray").ok());
  ASSERT_TRUE(
      awards_.DeclareInterest(Role::kReviewer, "rev-ray", "ORG-ROMA").ok());
  s = awards_.Recommend(app, Role::kReviewer, "rev-ray", v1::OUTCOME_APPROVE,
                        100'000);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "CONFLICT_OF_INTEREST");
  EXPECT_EQ(FieldOf(s), "application_id");
  GetDecision(app, Role::kReviewer, "rev-ray", &s);
  EXPECT_EQ(ReasonOf(s), "CONFLICT_OF_INTEREST");
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(Refusals("rev-una"), 1);
  EXPECT_EQ(Refusals("rev-ray"), 2);

  // An assigned reviewer without an interest takes the light path.
  ASSERT_TRUE(awards_.Assign(app, "rev-rita").ok());
  ASSERT_TRUE(awards_
                  .Recommend(app, Role::kReviewer, "rev-rita",
                             v1::OUTCOME_APPROVE, 100'000)
                  .ok());
  EXPECT_TRUE(awards_.Decide(app, kDecider, v1::OUTCOME_APPROVE).ok());
}

TEST_F(ConflictsOfInterestTest,
       AnOfficerWithAnInterestDecidesOffersAndPaysNothingOfThatOrganisation) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      Schedule(award.id(), {{150'000, ""}, {100'000, "2025-03-01"}}, &schedule)
          .ok());
  std::string first = schedule.payments(0).id();
  std::string second = schedule.payments(1).id();
  v1::Payment p;
  ASSERT_TRUE(Request(first, kRecommender, &p).ok());
  v1::Variation variation;
  ASSERT_TRUE(Grantee(award.id(), 260'000, "", &variation).ok());
  // A second application of the same organisation, recommended.
  auto round = awards_.OpenRound(2'000'000, {3'000'000});
  std::string app = awards_.Submit("ORG-ROMA", round.id(), 100'000).id();
  awards_.Close(round.id());
  ASSERT_TRUE(
      awards_.DeclareInterest(Role::kOfficer, kInterested, "ORG-ROMA").ok());
  ASSERT_TRUE(awards_
                  .Recommend(app, Role::kOfficer, kRecommender,
                             v1::OUTCOME_APPROVE, 100'000)
                  .ok());
  const std::string before = Snapshot();
  auto as = [&] { return Officer(kInterested); };
  std::vector<std::pair<std::string, grpc::Status>> tries;

  {
    v1::Decision d;
    tries.emplace_back("recommend",
                       awards_.Recommend(app, Role::kOfficer, kInterested,
                                         v1::OUTCOME_APPROVE, 100'000, &d));
    tries.emplace_back("decide",
                       awards_.Decide(app, kInterested, v1::OUTCOME_APPROVE));
    grpc::Status read;
    GetDecision(app, Role::kOfficer, kInterested, &read);
    tries.emplace_back("read decision", read);
  }
  {
    v1::SetAttributionRequest req;
    req.set_request_id(Key());
    req.set_id(award.id());
    for (const auto& share : award.shares()) *req.add_shares() = share;
    v1::Award out;
    tries.emplace_back("attribute",
                       stub().SetAttribution(as().get(), req, &out));
  }
  {
    v1::SetPaymentScheduleRequest req;
    req.set_request_id(Key());
    req.set_award_id(award.id());
    auto* i = req.add_instalments();
    *i->mutable_amount() = Gbp(kAmount);
    i->set_due(v1::DUE_KIND_ON_ACCEPTANCE);
    v1::PaymentSchedule out;
    tries.emplace_back("schedule",
                       payments_->SetPaymentSchedule(as().get(), req, &out));
  }
  tries.emplace_back("request", Request(second, kInterested, &p));
  tries.emplace_back("authorise", Authorise(first, kInterested, &p));
  {
    v1::CancelPaymentRequest req;
    req.set_request_id(Key());
    req.set_id(second);
    req.set_reason("Diverting it");
    tries.emplace_back("cancel", payments_->CancelPayment(as().get(), req, &p));
  }
  tries.emplace_back(
      "decide variation",
      Decide(variation.id(), kInterested, v1::OUTCOME_APPROVE, &variation));
  {
    v1::Termination out;
    v1::TerminateAwardRequest req;
    req.set_request_id(Key());
    req.set_id(award.id());
    req.set_reason("Ending it");
    tries.emplace_back("terminate",
                       stub().TerminateAward(as().get(), req, &out));
  }
  for (const auto& [what, s] : tries) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << what;
    EXPECT_EQ(ReasonOf(s), "CONFLICT_OF_INTEREST") << what;
  }
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(Refusals(kInterested), static_cast<int64_t>(tries.size()));
  // Nor is the declaration withdrawn behind the server's back.
  EXPECT_ANY_THROW(db_.Exec("DELETE FROM conflict_declarations"));
  EXPECT_ANY_THROW(
      db_.Exec("UPDATE conflict_declarations SET reviewer = 'someone-else'"));

  // A colleague without an interest does the same acts.
  SetLimit(kDecider, 1'000'000);
  EXPECT_TRUE(Authorise(first, kDecider, &p).ok());
  EXPECT_TRUE(
      Decide(variation.id(), kDecider, v1::OUTCOME_APPROVE, &variation).ok());
  EXPECT_TRUE(awards_.Decide(app, kDecider, v1::OUTCOME_APPROVE).ok());
}

TEST_F(ConflictsOfInterestTest, ABulkDecisionNamesEachApplicationItRefuses) {
  auto round = awards_.OpenRound(2'000'000, {3'000'000});
  std::string roma = awards_.Submit("ORG-ROMA", round.id(), 100'000).id();
  std::string other = awards_.Submit("ORG-TWO", round.id(), 100'000).id();
  awards_.Close(round.id());
  for (const auto& app : {roma, other})
    ASSERT_TRUE(awards_
                    .Recommend(app, Role::kOfficer, kRecommender,
                               v1::OUTCOME_APPROVE, 100'000)
                    .ok());
  // An interest in one application (not the whole organisation).
  ASSERT_TRUE(
      awards_.DeclareInterest(Role::kOfficer, kInterested, "", roma).ok());
  v1::DecideApplicationsRequest req;
  req.set_request_id(Key());
  req.set_round_id(round.id());
  req.add_application_ids(roma);
  req.add_application_ids(other);
  req.set_outcome(v1::OUTCOME_APPROVE);
  v1::DecideApplicationsResponse out;
  ASSERT_TRUE(
      stub().DecideApplications(Officer(kInterested).get(), req, &out).ok());
  EXPECT_EQ(out.decided(), 1);
  EXPECT_EQ(out.refused(), 1);
  ASSERT_EQ(out.results_size(), 2);
  EXPECT_EQ(out.results(0).application_id(), roma);
  EXPECT_EQ(out.results(0).code(),
            static_cast<int>(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_EQ(out.results(0).error().reason(), "CONFLICT_OF_INTEREST");
  EXPECT_EQ(awards_.GetApplication(roma).state(),
            v1::APPLICATION_STATE_SUBMITTED);
  EXPECT_EQ(awards_.GetApplication(other).state(),
            v1::APPLICATION_STATE_APPROVED);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'refusal' AND entity_id = '" +
                  roma + "'"),
            1);
}

TEST_F(ConflictsOfInterestTest,
       OfficersListTheirDeclarationsAndReviewersOnlyTheirOwn) {
  awards_.Register("ORG-ROMA");
  ASSERT_TRUE(
      awards_.DeclareInterest(Role::kOfficer, kInterested, "ORG-ROMA").ok());
  auto assessment = v1::AssessmentService::NewStub(server_.Channel());
  v1::ListConflictsRequest mine;
  v1::ListConflictsResponse out;
  ASSERT_TRUE(
      assessment->ListConflicts(Officer(kInterested).get(), mine, &out).ok());
  ASSERT_EQ(out.conflicts_size(), 1);
  EXPECT_EQ(out.conflicts(0).organisation_id(), "ORG-ROMA");
  EXPECT_EQ(out.conflicts(0).reviewer(), kInterested);
  v1::ListConflictsRequest theirs;
  theirs.set_person(kInterested);
  grpc::Status s = assessment->ListConflicts(
      server_.As(Role::kReviewer, "rev-ray").get(), theirs, &out);
  EXPECT_EQ(ReasonOf(s), "CONFLICTS_NOT_YOURS");
  EXPECT_EQ(FieldOf(s), "person");
  ASSERT_TRUE(
      assessment
          ->ListConflicts(server_.As(Role::kAuditor, "aud").get(), theirs, &out)
          .ok());
  EXPECT_EQ(out.conflicts_size(), 1);
}

}  // namespace
}  // namespace grants::testing
