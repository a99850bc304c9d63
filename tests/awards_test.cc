// Decisions and offers through the real server: the path from a submitted
// application to an accepted offer, four eyes, stale recommendations, the
// microgrant light path, bulk decisions, bad input that writes nothing,
// grantee isolation, acceptance after expiry, explicit attribution.
#include <gtest/gtest.h>

#include "tests/award_builders.h"

namespace grants::testing {
namespace {

constexpr int64_t kAmount = 250'000;  // £2,500

class AwardsTest : public ::testing::Test {
 protected:
  // A closed round with one submitted application by ORG-ROMA.
  std::string ClosedRoundApplication(int64_t amount = kAmount) {
    round_ = awards_.OpenRound(4'500'000, {3'000'000, 2'000'000}, &fund_id_);
    std::string id = awards_.Submit("ORG-ROMA", round_.id(), amount).id();
    awards_.Close(round_.id());
    return id;
  }

  int64_t Count(const std::string& table) {
    return std::stoll(db_.Scalar("SELECT count(*) FROM " + table));
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  AwardBuilder awards_{server_};
  v1::Round round_;
  std::string fund_id_;
};

TEST_F(AwardsTest, GoesFromSubmittedThroughRecommendedAndDecidedToAnAcceptedOffer) {
  std::string app = ClosedRoundApplication();
  v1::Decision d;
  ASSERT_TRUE(awards_.Recommend(app, Role::kOfficer, kRecommender,
                                v1::OUTCOME_APPROVE, 240'000, &d).ok());
  EXPECT_EQ(d.state(), v1::DECISION_STATE_RECOMMENDED);
  EXPECT_EQ(d.recommendation().submission_version(), 1);
  EXPECT_EQ(d.recommendation().recommended_by(), kRecommender);
  ASSERT_TRUE(awards_.Decide(app, kDecider, v1::OUTCOME_APPROVE, &d).ok());
  EXPECT_EQ(d.state(), v1::DECISION_STATE_DECIDED);
  EXPECT_EQ(d.approved_amount().minor_units(), 240'000);
  EXPECT_EQ(d.decided_by(), kDecider);
  EXPECT_EQ(awards_.GetApplication(app).state(), v1::APPLICATION_STATE_APPROVED);

  v1::Award award;
  ASSERT_TRUE(awards_.Offer(app, 240'000, &award).ok());
  EXPECT_EQ(award.state(), v1::AWARD_STATE_OFFERED);
  EXPECT_EQ(award.conditions(0), "Safeguarding policy provided");
  EXPECT_EQ(award.expires_london(), "2025-02-14T12:00:00+00:00");  // 30 days
  EXPECT_EQ(awards_.Settings(round_.id()).committed().minor_units(), 240'000);

  ASSERT_TRUE(awards_.Accept("ORG-ROMA", award.id(), &award).ok());
  EXPECT_EQ(award.state(), v1::AWARD_STATE_ACCEPTED);
  EXPECT_EQ(award.responded_by(), "user-ORG-ROMA");
  EXPECT_EQ(award.respond_time().seconds(), absl::ToUnixSeconds(DefaultNow()));
  EXPECT_EQ(awards_.Settings(round_.id()).committed().minor_units(), 240'000);
  for (const char* type : {"recommendation", "decision", "award"})
    EXPECT_NE(db_.Scalar(std::string("SELECT count(*) FROM audit_events WHERE "
                                     "entity_type = '") + type + "'"),
              "0")
        << type;
}

TEST_F(AwardsTest, TheRecommenderCannotDecideAndAnotherOfficerCan) {
  std::string app = ClosedRoundApplication();
  ASSERT_TRUE(awards_.Recommend(app, Role::kOfficer, kRecommender,
                                v1::OUTCOME_APPROVE, kAmount).ok());
  grpc::Status s = awards_.Decide(app, kRecommender, v1::OUTCOME_APPROVE);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
  EXPECT_EQ(Count("decisions"), 0);
  EXPECT_EQ(awards_.GetApplication(app).state(), v1::APPLICATION_STATE_SUBMITTED);
  // The decision must follow the recommendation; a reviewer cannot decide.
  EXPECT_EQ(ReasonOf(awards_.Decide(app, kDecider, v1::OUTCOME_DECLINE)),
            "OUTCOME_DIFFERS_FROM_RECOMMENDATION");
  v1::DecideApplicationRequest req;
  req.set_request_id(Key());
  req.set_application_id(app);
  req.set_outcome(v1::OUTCOME_APPROVE);
  v1::Decision d;
  EXPECT_EQ(ReasonOf(awards_.stub().DecideApplication(
                server_.As(Role::kReviewer, "rev").get(), req, &d)),
            "ROLE_NOT_ALLOWED");
  ASSERT_TRUE(awards_.Decide(app, kDecider, v1::OUTCOME_APPROVE).ok());
  EXPECT_EQ(ReasonOf(awards_.Decide(app, "officer-cy", v1::OUTCOME_APPROVE)),
            "ALREADY_DECIDED");
}

TEST_F(AwardsTest, DecisionsWaitForTheRoundToClose) {
  round_ = awards_.OpenRound(4'500'000, {5'000'000});
  std::string app = awards_.Submit("ORG-ROMA", round_.id(), kAmount).id();
  ASSERT_TRUE(awards_.Recommend(app, Role::kOfficer, kRecommender,
                                v1::OUTCOME_APPROVE, kAmount).ok());
  EXPECT_EQ(ReasonOf(awards_.Decide(app, kDecider, v1::OUTCOME_APPROVE)),
            "ROUND_NOT_CLOSED");
  awards_.Close(round_.id());
  EXPECT_TRUE(awards_.Decide(app, kDecider, v1::OUTCOME_APPROVE).ok());
}

TEST_F(AwardsTest, ARecommendationGoesStaleWhenTheApplicationIsResubmitted) {
  round_ = awards_.OpenRound(4'500'000, {5'000'000});
  std::string app = awards_.Submit("ORG-ROMA", round_.id(), kAmount).id();
  ASSERT_TRUE(awards_.Recommend(app, Role::kOfficer, kRecommender,
                                v1::OUTCOME_APPROVE, kAmount).ok());
  // Returned for changes and resubmitted: submission version 2.
  auto apps = v1::ApplicationService::NewStub(server_.Channel());
  v1::ReturnApplicationRequest ret;
  ret.set_request_id(Key());
  ret.set_id(app);
  ret.set_comment("Add how you will reach older people");
  v1::Application a;
  ASSERT_TRUE(apps->ReturnApplication(server_.As(Role::kOfficer).get(), ret, &a).ok());
  v1::SubmitApplicationRequest submit;
  submit.set_request_id(Key());
  submit.set_id(app);
  ASSERT_TRUE(apps->SubmitApplication(
      server_.As(Role::kGrantee, "user-ORG-ROMA", "ORG-ROMA").get(), submit, &a).ok());
  ASSERT_EQ(a.submission().version(), 2);
  awards_.Close(round_.id());

  EXPECT_EQ(ReasonOf(awards_.Decide(app, kDecider, v1::OUTCOME_APPROVE)),
            "RECOMMENDATION_STALE");
  v1::GetDecisionRequest get;
  get.set_application_id(app);
  v1::Decision d;
  ASSERT_TRUE(awards_.stub().GetDecision(server_.As(Role::kOfficer).get(), get, &d).ok());
  EXPECT_TRUE(d.recommendation().stale());
  ASSERT_TRUE(awards_.Recommend(app, Role::kOfficer, kRecommender,
                                v1::OUTCOME_APPROVE, kAmount, &d).ok());
  EXPECT_FALSE(d.recommendation().stale());
  EXPECT_TRUE(awards_.Decide(app, kDecider, v1::OUTCOME_APPROVE).ok());
}

TEST_F(AwardsTest, MicrograntsNeedOneReviewerAndOneOfficerLargerGrantsTwoOfficers) {
  round_ = awards_.OpenRound(4'500'000, {5'000'000});
  std::string small = awards_.Submit("ORG-SMALL", round_.id(), 100'000).id();
  std::string large = awards_.Submit("ORG-LARGE", round_.id(), kAmount).id();
  awards_.Close(round_.id());
  ASSERT_TRUE(awards_.Assign(small, "rev").ok());
  ASSERT_TRUE(awards_.Assign(large, "rev").ok());
  // No threshold yet: a reviewer may not recommend at all.
  EXPECT_EQ(ReasonOf(awards_.Recommend(small, Role::kReviewer, "rev",
                                       v1::OUTCOME_APPROVE, 100'000)),
            "OFFICER_RECOMMENDATION_REQUIRED");
  ASSERT_TRUE(awards_.SetSettings(round_.id(), 100'000).ok());
  ASSERT_TRUE(awards_.Recommend(small, Role::kReviewer, "rev",
                                v1::OUTCOME_APPROVE, 100'000).ok());
  EXPECT_TRUE(awards_.Decide(small, kDecider, v1::OUTCOME_APPROVE).ok());

  grpc::Status s = awards_.Recommend(large, Role::kReviewer, "rev",
                                     v1::OUTCOME_APPROVE, kAmount);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "OFFICER_RECOMMENDATION_REQUIRED");
  ASSERT_TRUE(awards_.Recommend(large, Role::kOfficer, kRecommender,
                                v1::OUTCOME_APPROVE, kAmount).ok());
  EXPECT_TRUE(awards_.Decide(large, kDecider, v1::OUTCOME_APPROVE).ok());
}

TEST_F(AwardsTest, BadRecommendationsAreRefusedWithAReasonAndWriteNothing) {
  std::string app = ClosedRoundApplication();
  grpc::Status s = awards_.Recommend(app, Role::kOfficer, kRecommender,
                                     v1::OUTCOME_APPROVE, 600'000);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "AMOUNT_OUT_OF_RANGE");
  EXPECT_EQ(FieldOf(s), "amount");
  s = awards_.Recommend(app, Role::kOfficer, kRecommender, v1::OUTCOME_DECLINE, 0);
  EXPECT_EQ(ReasonOf(s), "REASON_REQUIRED");
  EXPECT_EQ(FieldOf(s), "reason");
  s = awards_.Recommend(app, Role::kOfficer, kRecommender,
                        v1::OUTCOME_UNSPECIFIED, kAmount);
  EXPECT_EQ(ReasonOf(s), "OUTCOME_REQUIRED");
  EXPECT_EQ(ReasonOf(awards_.Decide(app, kDecider, v1::OUTCOME_APPROVE)),
            "RECOMMENDATION_REQUIRED");
  EXPECT_EQ(Count("recommendations"), 0);
  EXPECT_EQ(Count("decisions"), 0);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events WHERE entity_type IN "
                       "('recommendation', 'decision')"),
            "0");
}

TEST_F(AwardsTest, ADeclineNeedsAReasonAndEndsTheApplicationWhichCannotThenBeWithdrawn) {
  std::string app = ClosedRoundApplication();
  ASSERT_TRUE(awards_.Recommend(app, Role::kOfficer, kRecommender,
                                v1::OUTCOME_DECLINE, 0, nullptr,
                                "Outside the programme's priorities").ok());
  v1::Decision d;
  ASSERT_TRUE(awards_.Decide(app, kDecider, v1::OUTCOME_DECLINE, &d).ok());
  EXPECT_EQ(d.outcome(), v1::OUTCOME_DECLINE);
  EXPECT_EQ(awards_.GetApplication(app).state(), v1::APPLICATION_STATE_DECLINED);
  v1::Award award;
  EXPECT_EQ(ReasonOf(awards_.Offer(app, kAmount, &award)), "APPLICATION_NOT_APPROVED");
  v1::WithdrawApplicationRequest w;
  w.set_request_id(Key());
  w.set_id(app);
  v1::Application a;
  EXPECT_EQ(ReasonOf(v1::ApplicationService::NewStub(server_.Channel())
                         ->WithdrawApplication(
                             server_.As(Role::kGrantee, "user-ORG-ROMA", "ORG-ROMA").get(),
                             w, &a)),
            "ALREADY_DECIDED");
}

TEST_F(AwardsTest, BulkDecisionsReportEachApplicationAndReplayOnRetry) {
  round_ = awards_.OpenRound(4'500'000, {5'000'000});
  std::vector<std::string> ids;
  for (const char* org : {"ORG-A", "ORG-B", "ORG-C"})
    ids.push_back(awards_.Submit(org, round_.id(), kAmount).id());
  awards_.Close(round_.id());
  ASSERT_TRUE(awards_.Recommend(ids[0], Role::kOfficer, kRecommender, v1::OUTCOME_APPROVE, kAmount).ok());
  ASSERT_TRUE(awards_.Recommend(ids[1], Role::kOfficer, kDecider, v1::OUTCOME_APPROVE, kAmount).ok());
  ASSERT_TRUE(awards_.Recommend(ids[2], Role::kOfficer, kRecommender, v1::OUTCOME_APPROVE, kAmount).ok());
  v1::DecideApplicationsRequest req;
  req.set_request_id(Key());
  req.set_round_id(round_.id());
  for (const auto& id : ids) req.add_application_ids(id);
  req.set_outcome(v1::OUTCOME_APPROVE);
  for (int attempt = 0; attempt < 2; ++attempt) {
    v1::DecideApplicationsResponse resp;
    ASSERT_TRUE(awards_.stub()
                    .DecideApplications(server_.As(Role::kOfficer, kDecider).get(), req, &resp)
                    .ok());
    ASSERT_EQ(resp.results_size(), 3);
    EXPECT_EQ(resp.decided(), 2);
    EXPECT_EQ(resp.refused(), 1);
    EXPECT_EQ(resp.results(0).decision().state(), v1::DECISION_STATE_DECIDED);
    EXPECT_EQ(resp.results(1).error().reason(), "FOUR_EYES_REQUIRED");
    EXPECT_EQ(resp.results(1).code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(resp.results(2).decision().decided_by(), kDecider);
  }
  EXPECT_EQ(Count("decisions"), 2);
}

TEST_F(AwardsTest, AGranteeCannotSeeOrAnswerAnotherOrganisationsOffer) {
  std::string app = ClosedRoundApplication();
  awards_.Approve(app, kAmount);
  v1::Award award;
  ASSERT_TRUE(awards_.Offer(app, kAmount, &award).ok());
  v1::Award out;
  grpc::Status s = awards_.Accept("ORG-OTHER", award.id(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(awards_.Decline("ORG-OTHER", award.id(), &out)),
            "ORGANISATION_SCOPE");
  v1::GetAwardRequest get;
  get.set_id(award.id());
  EXPECT_EQ(awards_.stub()
                .GetAward(server_.As(Role::kGrantee, "u", "ORG-OTHER").get(), get, &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListAwardsRequest list;
  v1::ListAwardsResponse resp;
  ASSERT_TRUE(awards_.stub()
                  .ListAwards(server_.As(Role::kGrantee, "u", "ORG-OTHER").get(), list, &resp)
                  .ok());
  EXPECT_EQ(resp.awards_size(), 0);
  ASSERT_TRUE(awards_.stub()
                  .ListAwards(server_.As(Role::kGrantee, "u", "ORG-ROMA").get(), list, &resp)
                  .ok());
  EXPECT_EQ(resp.awards_size(), 1);
  v1::Award after = awards_.Get(award.id());
  EXPECT_EQ(after.state(), v1::AWARD_STATE_OFFERED);
  EXPECT_EQ(after.responded_by(), "");
  EXPECT_EQ(awards_.Settings(round_.id()).committed().minor_units(), kAmount);
}

TEST_F(AwardsTest, AcceptanceAfterExpiryIsRefusedByTheServerClock) {
  std::string app = ClosedRoundApplication();
  awards_.Approve(app, kAmount);
  v1::Award award;
  ASSERT_TRUE(awards_.Offer(app, kAmount, &award, "2025-01-20T12:00").ok());
  server_.clock().Set(absl::FromUnixSeconds(1737374400));  // 2025-01-20T12:00Z
  v1::Award out;
  grpc::Status s = awards_.Accept("ORG-ROMA", award.id(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "OFFER_EXPIRED");
  EXPECT_EQ(awards_.Get(award.id()).state(), v1::AWARD_STATE_OFFERED);
  // In the past, an offer cannot be made at all.
  EXPECT_EQ(ReasonOf(awards_.Offer(app, kAmount, &out, "2025-01-19T12:00")),
            "EXPIRY_IN_PAST");
}

TEST_F(AwardsTest, AnOfficerSetsAnExplicitSplitThatMustSumToTheAwardExactly) {
  std::string app = ClosedRoundApplication();
  awards_.Approve(app, kAmount);
  v1::Award award;
  ASSERT_TRUE(awards_.Offer(app, kAmount, &award).ok());
  ASSERT_EQ(award.shares_size(), 2);
  EXPECT_EQ(award.attribution(), v1::ATTRIBUTION_BASIS_PRO_RATA);
  v1::SetAttributionRequest req;
  req.set_request_id(Key());
  req.set_id(award.id());
  for (int i = 0; i < 2; ++i) {
    auto* share = req.add_shares();
    share->set_funder_id(award.shares(i).funder_id());
    *share->mutable_amount() = Gbp(i == 0 ? 200'000 : 49'999);
  }
  v1::Award out;
  grpc::Status s = awards_.stub().SetAttribution(server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "ATTRIBUTION_SUM_MISMATCH");
  EXPECT_EQ(awards_.Get(award.id()).shares(0).amount().minor_units(),
            award.shares(0).amount().minor_units());
  *req.mutable_shares(1)->mutable_amount() = Gbp(50'000);
  req.set_request_id(Key());
  ASSERT_TRUE(awards_.stub().SetAttribution(server_.As(Role::kOfficer).get(), req, &out).ok());
  EXPECT_EQ(out.attribution(), v1::ATTRIBUTION_BASIS_EXPLICIT);
  int64_t total = 0;
  v1::Award stored = awards_.Get(award.id());
  for (const auto& share : stored.shares()) total += share.amount().minor_units();
  EXPECT_EQ(total, kAmount);
}

}  // namespace
}  // namespace grants::testing
