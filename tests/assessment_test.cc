// Assessment through the public API against real PostgreSQL: rubrics,
// assignment, scoring and moderation, bad scores refused with nothing
// written, conflicts of interest enforced on every path, and the exact
// ranking.
#include "tests/assessment_fixture.h"

#include "grants/v1/awards.grpc.pb.h"
#include "services/common/policy.h"

namespace grants::testing {
namespace {

TEST_F(AssessmentTest, RubricIsValidatedAndReplacedUntilTheFirstScore) {
  v1::Round round = build_.OpenRound();
  auto bad = Criteria();
  bad[1].set_weight(0);
  grpc::Status s = SetRubric(round.id(), bad);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "WEIGHT_INVALID");
  EXPECT_EQ(FieldOf(s), "criteria[1].weight");
  bad = Criteria();
  bad[0].set_max_score(0);
  EXPECT_EQ(ReasonOf(SetRubric(round.id(), bad)), "SCORE_RANGE_INVALID");
  bad = Criteria();
  bad[1].set_code("need");
  EXPECT_EQ(ReasonOf(SetRubric(round.id(), bad)), "CRITERION_DUPLICATE");
  EXPECT_EQ(ReasonOf(SetRubric(round.id(), {})), "CRITERIA_COUNT_INVALID");
  EXPECT_EQ(Count("rubrics"), "0");

  ASSERT_TRUE(SetRubric(round.id(), {Criteria()[0]}).ok());
  v1::Rubric rubric;
  ASSERT_TRUE(SetRubric(round.id(), Criteria(), &rubric).ok());  // replaces
  ASSERT_EQ(rubric.criteria_size(), 2);
  EXPECT_EQ(rubric.criteria(1).code(), "reach");
  EXPECT_EQ(rubric.set_by(), "officer-1");
  // Reviewers read it too.
  v1::GetRubricRequest get;
  get.set_round_id(round.id());
  ASSERT_TRUE(Stub()->GetRubric(Reviewer("r1").get(), get, &rubric).ok());
  EXPECT_TRUE(rubric.criteria(1).comment_required());

  v1::Application app = Submitted("ORG-A", round.id());
  ASSERT_TRUE(Assign(app.id(), {"r1"}).ok());
  ASSERT_TRUE(Score("r1", app.id(), 3, 4).ok());
  s = SetRubric(round.id(), {Criteria()[0]});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "RUBRIC_IN_USE");
  EXPECT_EQ(Count("rubric_criteria"), "2");
  EXPECT_EQ(Count("audit_events WHERE entity_type = 'rubric'"), "2");
}

TEST_F(AssessmentTest, RubricCannotChangeOnceTheRoundIsClosed) {
  v1::Round round = build_.OpenRound();
  v1::CloseRoundRequest close;
  close.set_request_id(Key());
  close.set_round_id(round.id());
  ASSERT_TRUE(server_.Programmes()->CloseRound(Officer().get(), close, &round).ok());
  EXPECT_EQ(ReasonOf(SetRubric(round.id(), Criteria())), "RUBRIC_NOT_EDITABLE");
}

TEST_F(AssessmentTest, AssignScoreAndModerateGoThroughTheLifeCycle) {
  v1::Round round = build_.OpenRound();
  ASSERT_TRUE(SetRubric(round.id(), Criteria()).ok());
  build_.Register("ORG-A");
  v1::Application app = build_.Draft("ORG-A", round.id());
  EXPECT_EQ(ReasonOf(Assign(app.id(), {"r1"})), "APPLICATION_NOT_SUBMITTED");
  ASSERT_TRUE(build_.Submit("ORG-A", app.id(), &app).ok());
  v1::AssignReviewersResponse assigned;
  ASSERT_TRUE(Assign(app.id(), {"r1", "r2", "r1"}, &assigned).ok());
  ASSERT_EQ(assigned.assignments_size(), 2);
  ASSERT_TRUE(Assign(app.id(), {"r2"}).ok());  // already assigned: no-op
  EXPECT_EQ(Count("review_assignments"), "2");

  // Reviewers see only their own assignments and assigned applications.
  v1::ListMyAssignmentsResponse mine;
  ASSERT_TRUE(Stub()->ListMyAssignments(Reviewer("r1").get(), {}, &mine).ok());
  ASSERT_EQ(mine.assignments_size(), 1);
  EXPECT_EQ(mine.assignments(0).reference(), app.reference());
  EXPECT_FALSE(mine.assignments(0).scored());
  ASSERT_TRUE(Stub()->ListMyAssignments(Reviewer("r3").get(), {}, &mine).ok());
  EXPECT_EQ(mine.assignments_size(), 0);
  v1::GetApplicationForReviewRequest read;
  read.set_id(app.id());
  v1::ApplicationForReview view;
  grpc::Status s = Stub()->GetApplicationForReview(Reviewer("r3").get(), read, &view);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "NOT_ASSIGNED");
  EXPECT_EQ(ReasonOf(Score("r3", app.id(), 3, 4)), "NOT_ASSIGNED");
  ASSERT_TRUE(Stub()->GetApplicationForReview(Reviewer("r1").get(), read, &view).ok());
  EXPECT_EQ(view.application().submission().content().project_summary(),
            app.content().project_summary());
  EXPECT_EQ(view.rubric().criteria_size(), 2);

  // Scoring, a retry with the same key, and re-scoring (audited).
  v1::ScoreSheet sheet;
  std::string key = Key();
  ASSERT_TRUE(Score("r1", app.id(), 3, 4, &sheet, key).ok());
  ASSERT_TRUE(Score("r1", app.id(), 3, 4, &sheet, key).ok());
  ASSERT_TRUE(Score("r1", app.id(), 5, 9, &sheet).ok());
  ASSERT_EQ(sheet.scores_size(), 2);
  EXPECT_EQ(sheet.scores(0).value(), 5);
  EXPECT_EQ(Count("scores"), "2");
  EXPECT_EQ(Count("audit_events WHERE entity_type = 'score_sheet'"), "2");
  EXPECT_EQ(db_.Scalar("SELECT summary::jsonb->'before'->'need'->>'value' FROM "
                       "audit_events WHERE entity_type = 'score_sheet' "
                       "ORDER BY id DESC LIMIT 1"),
            "3");
  ASSERT_TRUE(Stub()->ListMyAssignments(Reviewer("r1").get(), {}, &mine).ok());
  EXPECT_TRUE(mine.assignments(0).scored());

  // Moderation needs a reason, keeps the reviewer's value and is audited.
  v1::ModerateScoreRequest moderate;
  moderate.set_request_id(Key());
  moderate.set_application_id(app.id());
  moderate.set_reviewer("r1");
  moderate.set_criterion_code("need");
  moderate.set_value(4);
  v1::Score score;
  s = Stub()->ModerateScore(Officer().get(), moderate, &score);
  EXPECT_EQ(ReasonOf(s), "REQUIRED");
  EXPECT_EQ(FieldOf(s), "reason");
  moderate.set_reason("Out of line with the panel's reading of need");
  moderate.set_value(6);
  EXPECT_EQ(FieldOf(Stub()->ModerateScore(Officer().get(), moderate, &score)),
            "value");
  moderate.set_value(4);
  ASSERT_TRUE(Stub()->ModerateScore(Officer().get(), moderate, &score).ok());
  EXPECT_EQ(score.value(), 5);
  EXPECT_TRUE(score.moderated());
  EXPECT_EQ(score.effective_value(), 4);
  EXPECT_EQ(score.moderated_by(), "officer-1");
  EXPECT_EQ(db_.Scalar("SELECT summary::jsonb->'after'->>'moderated_value' FROM "
                       "audit_events WHERE entity_type = 'score'"),
            "4");
  EXPECT_EQ(ReasonOf(Score("r1", app.id(), 1, 1)), "SCORE_MODERATED");

  v1::ListScoresRequest list;
  list.set_application_id(app.id());
  v1::ListScoresResponse scores;
  ASSERT_TRUE(Stub()->ListScores(server_.As(Role::kAuditor).get(), list, &scores).ok());
  ASSERT_EQ(scores.scores_size(), 2);
  EXPECT_EQ(scores.scores(0).effective_value(), 4);
  EXPECT_EQ(Ranking(round.id()).entries(0).score_numerator(), 4 * 3 + 9 * 2);
}

TEST_F(AssessmentTest, OutOfRangeScoresAndMissingCommentsAreRefusedWithNothingWritten) {
  v1::Round round = build_.OpenRound();
  ASSERT_TRUE(SetRubric(round.id(), Criteria()).ok());
  v1::Application app = Submitted("ORG-A", round.id());
  ASSERT_TRUE(Assign(app.id(), {"r1"}).ok());

  grpc::Status s = Score("r1", app.id(), 3, 11);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "SCORE_OUT_OF_RANGE");
  EXPECT_EQ(FieldOf(s), "scores[1].value");
  EXPECT_EQ(FieldOf(Score("r1", app.id(), -1, 5)), "scores[0].value");

  v1::ScoreApplicationRequest req;
  req.set_request_id(Key());
  req.set_application_id(app.id());
  req.add_scores()->set_criterion_code("need");
  auto* reach = req.add_scores();
  reach->set_criterion_code("reach");
  reach->set_value(5);
  v1::ScoreSheet sheet;
  s = Stub()->ScoreApplication(Reviewer("r1").get(), req, &sheet);
  EXPECT_EQ(ReasonOf(s), "COMMENT_REQUIRED");
  EXPECT_EQ(FieldOf(s), "scores[1].comment");
  req.mutable_scores()->RemoveLast();
  EXPECT_EQ(ReasonOf(Stub()->ScoreApplication(Reviewer("r1").get(), req, &sheet)),
            "SCORE_MISSING");

  EXPECT_EQ(Count("scores"), "0");
  EXPECT_EQ(Count("audit_events WHERE entity_type = 'score_sheet'"), "0");
  EXPECT_EQ(Count("idempotency_keys WHERE method = 'ScoreApplication'"), "0");
}

TEST_F(AssessmentTest, AConflictedReviewerCannotBeAssignedReadOrScoreTheApplication) {
  v1::Round round = build_.OpenRound();
  ASSERT_TRUE(SetRubric(round.id(), Criteria()).ok());
  v1::Application app = Submitted("ORG-A", round.id());

  // Declared by organisation before assignment: the officer is refused.
  v1::ConflictDeclaration declared;
  ASSERT_TRUE(Declare("r1", "ORG-A", "", &declared).ok());
  EXPECT_EQ(declared.reviewer(), "r1");
  grpc::Status s = Assign(app.id(), {"r2", "r1"});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "REVIEWER_CONFLICTED");
  EXPECT_EQ(FieldOf(s), "reviewers[1]");
  EXPECT_EQ(Count("review_assignments"), "0");  // not even r2
  EXPECT_EQ(Count("audit_events WHERE entity_type = 'refusal' AND action = "
                  "'AssignReviewers' AND entity_id = '" + app.id() + "'"),
            "1");

  // Declared by application after assignment: reads and scores refused.
  ASSERT_TRUE(Assign(app.id(), {"r2"}).ok());
  ASSERT_TRUE(Declare("r2", "", app.id()).ok());
  v1::GetApplicationForReviewRequest read;
  read.set_id(app.id());
  v1::ApplicationForReview view;
  s = Stub()->GetApplicationForReview(Reviewer("r2").get(), read, &view);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "REVIEWER_CONFLICTED");
  EXPECT_FALSE(view.has_application());
  s = Score("r2", app.id(), 3, 4);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "REVIEWER_CONFLICTED");
  EXPECT_EQ(Count("scores"), "0");
  v1::ListMyAssignmentsResponse mine;
  ASSERT_TRUE(Stub()->ListMyAssignments(Reviewer("r2").get(), {}, &mine).ok());
  EXPECT_EQ(mine.assignments_size(), 0);

  // Declarations and refused attempts are in the audit trail.
  EXPECT_EQ(Count("audit_events WHERE entity_type = 'conflict'"), "2");
  EXPECT_EQ(Count("audit_events WHERE entity_type = 'refusal' AND actor = 'r2' "
                  "AND summary LIKE '%REVIEWER_CONFLICTED%' AND summary LIKE '%" +
                  app.id() + "%'"),
            "2");
  // Bad declarations.
  EXPECT_EQ(ReasonOf(Declare("r2", "", "")), "CONFLICT_TARGET_REQUIRED");
  EXPECT_EQ(ReasonOf(Declare("r2", "ORG-A", app.id())), "CONFLICT_TARGET_REQUIRED");
  EXPECT_EQ(ReasonOf(Declare("r2", "ORG-NOBODY", "")), "ORGANISATION_NOT_FOUND");
}

TEST_F(AssessmentTest, ALateDeclarationRemovesTheReviewersScoresFromTheRanking) {
  v1::Round round = build_.OpenRound();
  ASSERT_TRUE(SetRubric(round.id(), Criteria()).ok());
  v1::Application a = Submitted("ORG-A", round.id());
  v1::Application b = Submitted("ORG-B", round.id());
  ASSERT_TRUE(Assign(a.id(), {"r1", "r2"}).ok());
  ASSERT_TRUE(Assign(b.id(), {"r1", "r2"}).ok());
  ASSERT_TRUE(Score("r1", a.id(), 5, 10).ok());  // 35
  ASSERT_TRUE(Score("r2", a.id(), 1, 2).ok());   // 7: A = 42 / 2 = 21
  ASSERT_TRUE(Score("r1", b.id(), 1, 1).ok());   // 5
  ASSERT_TRUE(Score("r2", b.id(), 4, 6).ok());   // 24: B = 29 / 2 = 14.5
  v1::ListRankingResponse before = Ranking(round.id());
  ASSERT_EQ(before.entries_size(), 2);
  EXPECT_EQ(before.entries(0).application_id(), a.id());
  EXPECT_EQ(before.entries(0).score(), "21.00");

  v1::ConflictDeclaration declared;
  ASSERT_TRUE(Declare("r1", "ORG-A", "", &declared).ok());
  ASSERT_EQ(declared.excluded_application_ids_size(), 1);
  EXPECT_EQ(declared.excluded_application_ids(0), a.id());
  EXPECT_EQ(db_.Scalar("SELECT summary::jsonb->'excluded_application_ids'->>0 "
                       "FROM audit_events WHERE entity_type = 'conflict'"),
            a.id());

  v1::ListRankingResponse after = Ranking(round.id());
  ASSERT_EQ(after.entries_size(), 2);
  EXPECT_EQ(after.entries(0).application_id(), b.id());
  EXPECT_EQ(after.entries(0).score(), "14.50");
  EXPECT_EQ(after.entries(0).score_numerator(), 29);
  EXPECT_EQ(after.entries(0).score_denominator(), 2);
  EXPECT_EQ(after.entries(0).reviewer_count(), 2);
  EXPECT_EQ(after.entries(1).application_id(), a.id());
  EXPECT_EQ(after.entries(1).score(), "7.00");
  EXPECT_EQ(after.entries(1).reviewer_count(), 1);
  EXPECT_EQ(after.entries(1).rank(), 2);

  v1::ListScoresRequest list;
  list.set_application_id(a.id());
  v1::ListScoresResponse scores;
  ASSERT_TRUE(Stub()->ListScores(Officer().get(), list, &scores).ok());
  ASSERT_EQ(scores.scores_size(), 4);
  EXPECT_TRUE(scores.scores(0).excluded());  // r1's, kept but not counted
  EXPECT_FALSE(scores.scores(2).excluded());
}

TEST_F(AssessmentTest, RankingIsExactAndTiesGoToTheEarlierSubmission) {
  v1::Round round = build_.OpenRound();
  ASSERT_TRUE(SetRubric(round.id(), Criteria()).ok());
  v1::Application x = Submitted("ORG-X", round.id());
  server_.clock().Advance(absl::Minutes(1));
  v1::Application y = Submitted("ORG-Y", round.id());
  server_.clock().Advance(absl::Minutes(1));
  v1::Application z = Submitted("ORG-Z", round.id());
  server_.clock().Advance(absl::Minutes(1));
  v1::Application w = Submitted("ORG-W", round.id());
  for (const auto* app : {&x, &y, &z})
    ASSERT_TRUE(Assign(app->id(), {"r1", "r2", "r3"}).ok());
  // X: need (1 + 1 + 2) / 3 x 3 = 4, reach (1 + 1 + 2) / 3 x 2 = 8/3: 20/3.
  ASSERT_TRUE(Score("r1", x.id(), 1, 1).ok());
  ASSERT_TRUE(Score("r2", x.id(), 1, 1).ok());
  ASSERT_TRUE(Score("r3", x.id(), 2, 2).ok());
  // Z (submitted later) scores 10 exactly, as does Y.
  ASSERT_TRUE(Score("r1", z.id(), 2, 2).ok());
  ASSERT_TRUE(Score("r1", y.id(), 0, 5).ok());

  v1::ListRankingResponse ranking = Ranking(round.id());
  ASSERT_EQ(ranking.entries_size(), 4);
  EXPECT_EQ(ranking.entries(0).application_id(), y.id());
  EXPECT_EQ(ranking.entries(0).score(), "10.00");
  EXPECT_EQ(ranking.entries(1).application_id(), z.id());
  EXPECT_EQ(ranking.entries(1).score_numerator(), 10);
  EXPECT_EQ(ranking.entries(2).application_id(), x.id());
  EXPECT_EQ(ranking.entries(2).score_numerator(), 20);
  EXPECT_EQ(ranking.entries(2).score_denominator(), 3);
  EXPECT_EQ(ranking.entries(2).score(), "6.67");
  EXPECT_EQ(ranking.entries(2).reviewer_count(), 3);
  EXPECT_EQ(ranking.entries(3).application_id(), w.id());
  EXPECT_EQ(ranking.entries(3).score(), "");
  EXPECT_EQ(ranking.entries(3).reviewer_count(), 0);
  EXPECT_EQ(ranking.entries(3).reference(), w.reference());
}

TEST(AssessmentPolicyTest, EveryAssessmentRpcHasAPolicyRowForTheRightRoles) {
  const auto* service =
      v1::SetRubricRequest::descriptor()->file()->FindServiceByName(
          "AssessmentService");
  ASSERT_NE(service, nullptr);
  for (int i = 0; i < service->method_count(); ++i) {
    std::string name = "/grants.v1.AssessmentService/" + service->method(i)->name();
    const MethodPolicy* p = FindPolicy(name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_FALSE(Allows(*p, Role::kGrantee)) << name;
    EXPECT_FALSE(Allows(*p, Role::kFunder)) << name;
    EXPECT_FALSE(Allows(*p, Role::kFinance)) << name;
  }
  auto roles = [](const char* method) {
    return *FindPolicy(std::string("/grants.v1.AssessmentService/") + method);
  };
  EXPECT_TRUE(Allows(roles("SetRubric"), Role::kOfficer));
  EXPECT_FALSE(Allows(roles("SetRubric"), Role::kReviewer));
  EXPECT_TRUE(Allows(roles("ScoreApplication"), Role::kReviewer));
  EXPECT_FALSE(Allows(roles("ScoreApplication"), Role::kOfficer));
  EXPECT_TRUE(Allows(roles("DeclareConflict"), Role::kReviewer));
  EXPECT_TRUE(Allows(roles("ModerateScore"), Role::kOfficer));
  EXPECT_FALSE(Allows(roles("ModerateScore"), Role::kReviewer));
  EXPECT_TRUE(Allows(roles("ListRanking"), Role::kAuditor));
  EXPECT_FALSE(Allows(roles("ListRanking"), Role::kReviewer));
  EXPECT_FALSE(Allows(roles("ListScores"), Role::kReviewer));
  EXPECT_TRUE(roles("AssignReviewers").mutation);
}

// An interest in one applicant hides the whole round's standing from that
// person: a ranking with one entry withheld would still show where it
// stands, and the award settings say how the round is decided. An interest
// in a group that only has a draft in the round hides nothing.
TEST_F(AssessmentTest, AnInterestInOneApplicantHidesTheRoundsRankingAndSettings) {
  v1::Round round = build_.OpenRound();
  ASSERT_TRUE(SetRubric(round.id(), Criteria()).ok());
  v1::Application a = Submitted("ORG-A", round.id());
  Submitted("ORG-B", round.id());
  build_.Register("ORG-C");
  build_.Draft("ORG-C", round.id());
  auto as = [&](const std::string& who) {
    return server_.As(Role::kOfficer, who);
  };
  auto declare = [&](const std::string& who, const std::string& org,
                     const std::string& application_id) {
    v1::DeclareConflictRequest req;
    req.set_request_id(Key());
    req.set_organisation_id(org);
    req.set_application_id(application_id);
    req.set_note("My sister chairs it");
    v1::ConflictDeclaration out;
    return Stub()->DeclareConflict(as(who).get(), req, &out);
  };
  ASSERT_TRUE(declare("o1", "ORG-A", "").ok());
  ASSERT_TRUE(declare("o2", "", a.id()).ok());
  ASSERT_TRUE(declare("o3", "ORG-C", "").ok());
  auto awards = v1::AwardService::NewStub(server_.Channel());
  auto ranking = [&](const std::string& who, v1::ListRankingResponse* out) {
    v1::ListRankingRequest req;
    req.set_round_id(round.id());
    return Stub()->ListRanking(as(who).get(), req, out);
  };
  auto settings = [&](const std::string& who) {
    v1::GetRoundAwardSettingsRequest req;
    req.set_round_id(round.id());
    v1::RoundAwardSettings out;
    return awards->GetRoundAwardSettings(as(who).get(), req, &out);
  };
  const std::string refusals_before =
      Count("audit_events WHERE entity_type = 'refusal'");

  for (const std::string who : {"o1", "o2"}) {
    v1::ListRankingResponse out;
    grpc::Status s = ranking(who, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << who;
    EXPECT_EQ(ReasonOf(s), "CONFLICT_OF_INTEREST") << who;
    EXPECT_EQ(FieldOf(s), "round_id") << who;
    EXPECT_EQ(out.entries_size(), 0) << who;
    s = settings(who);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << who;
    EXPECT_EQ(ReasonOf(s), "CONFLICT_OF_INTEREST") << who;
    EXPECT_EQ(Count("audit_events WHERE entity_type = 'refusal' AND actor = '" +
                    who + "'"),
              "2")
        << who;
  }
  EXPECT_EQ(std::stoi(Count("audit_events WHERE entity_type = 'refusal'")),
            std::stoi(refusals_before) + 4);

  v1::ListRankingResponse out;
  EXPECT_TRUE(ranking("o3", &out).ok());
  EXPECT_EQ(out.entries_size(), 2);
  EXPECT_TRUE(settings("o3").ok());
  EXPECT_TRUE(ranking("o4", &out).ok());
  EXPECT_TRUE(settings("o4").ok());
}

}  // namespace
}  // namespace grants::testing
