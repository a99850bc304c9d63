// The microgrant fast path through the real server (#18 item 2): one
// officer approves a scored microgrant while the round is still open, the
// offer carries the round's standard conditions, accepting it schedules one
// payment already requested, and one authorisation (by another officer,
// within their limit) releases it. Every rule is tried: above the
// threshold, below the mark, a round not on the fast path, an officer with
// an interest, one officer alone, and retries that must create nothing twice.
// Also counts the human steps from submission to payment on both paths.
#include <gtest/gtest.h>

#include <iostream>
#include <tuple>
#include <utility>

#include "grants/v1/payments.grpc.pb.h"
#include "tests/award_builders.h"

namespace grants::testing {
namespace {

constexpr int64_t kThreshold = 100'000;  // £1,000
constexpr int64_t kMicrogrant = 80'000;  // £800
constexpr char kReviewer[] = "reviewer-rita";
constexpr char kCondition[] = "Safeguarding policy provided";

class FastPathTest : public ::testing::Test {
 protected:
  // An open round on the fast path (threshold £1,000, mark 60%) with a
  // rubric (need: weight 3 of 0-5; reach: weight 2 of 1-10; max 35).
  void SetUp() override {
    round_ = awards_.OpenRound(4'500'000, {3'000'000, 2'000'000});
    v1::SetRubricRequest rubric;
    rubric.set_request_id(Key());
    rubric.set_round_id(round_.id());
    for (auto [code, weight, lo, hi] :
         {std::tuple{"need", 3, 0, 5}, std::tuple{"reach", 2, 1, 10}}) {
      auto* c = rubric.add_criteria();
      c->set_code(code);
      c->set_title(code);
      c->set_weight(weight);
      c->set_min_score(lo);
      c->set_max_score(hi);
    }
    v1::Rubric r;
    ASSERT_TRUE(
        assessment_->SetRubric(Officer(kRecommender).get(), rubric, &r).ok());
    ASSERT_TRUE(SetFastPath(true, 60).ok());
  }

  grpc::Status SetFastPath(bool on, int mark) {
    v1::SetRoundAwardSettingsRequest req;
    req.set_request_id(Key());
    req.set_round_id(round_.id());
    *req.mutable_microgrant_threshold() = Gbp(kThreshold);
    req.set_offer_validity_days(30);
    req.set_fast_path(on);
    req.set_fast_path_mark_percent(mark);
    req.add_standard_conditions(kCondition);
    v1::RoundAwardSettings out;
    return awards_.stub().SetRoundAwardSettings(
        server_.As(Role::kAdministrator, "admin-ada").get(), req, &out);
  }

  std::unique_ptr<grpc::ClientContext> Officer(const std::string& who) {
    return server_.As(Role::kOfficer, who);
  }

  // ORG-ROMA's submitted application asking `amount`, assigned to and
  // scored by kReviewer (`need`, `reach`).
  std::string Scored(int64_t amount, int need, int reach) {
    std::string app = awards_.Submit("ORG-ROMA", round_.id(), amount).id();
    ++steps_;  // the grantee submits
    Score(app, need, reach);
    return app;
  }
  // `app` assigned to and scored by kReviewer.
  void Score(const std::string& app, int need, int reach) {
    EXPECT_TRUE(awards_.Assign(app, kReviewer).ok());
    ++steps_;  // an officer assigns the reviewer
    v1::ScoreApplicationRequest req;
    req.set_request_id(Key());
    req.set_application_id(app);
    for (auto [code, value] :
         {std::pair{"need", need}, std::pair{"reach", reach}}) {
      auto* s = req.add_scores();
      s->set_criterion_code(code);
      s->set_value(value);
    }
    v1::ScoreSheet sheet;
    auto s = assessment_->ScoreApplication(
        server_.As(Role::kReviewer, kReviewer).get(), req, &sheet);
    EXPECT_TRUE(s.ok()) << s.error_message();
    ++steps_;  // the reviewer scores
  }

  grpc::Status Approve(const std::string& app, int64_t amount, v1::Award* out,
                       const std::string& officer = kRecommender,
                       const std::string& key = Key()) {
    v1::ApproveFastPathRequest req;
    req.set_request_id(key);
    req.set_application_id(app);
    *req.mutable_amount() = Gbp(amount);
    return awards_.stub().ApproveFastPath(Officer(officer).get(), req, out);
  }

  v1::ListPaymentsResponse Payments(const std::string& award_id) {
    v1::ListPaymentsRequest req;
    req.set_award_id(award_id);
    v1::ListPaymentsResponse out;
    EXPECT_TRUE(
        payments_->ListPayments(Officer(kDecider).get(), req, &out).ok());
    return out;
  }

  grpc::Status Authorise(const std::string& id, const std::string& officer,
                         v1::Payment* out) {
    v1::AuthorisePaymentRequest req;
    req.set_request_id(Key());
    req.set_id(id);
    return payments_->AuthorisePayment(Officer(officer).get(), req, out);
  }

  void SetLimit(const std::string& officer, int64_t limit) {
    v1::SetAuthorisationLimitRequest req;
    req.set_request_id(Key());
    req.set_officer(officer);
    *req.mutable_limit() = Gbp(limit);
    v1::AuthorisationLimit out;
    auto s = payments_->SetAuthorisationLimit(
        server_.As(Role::kAdministrator, "admin-ada").get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // Nothing of the application was written: no recommendation, decision
  // or award, and it is still submitted.
  void ExpectNothingWritten(const std::string& app) {
    EXPECT_EQ(db_.Scalar("SELECT count(*) FROM recommendations WHERE "
                         "application_id = '" +
                         app + "'"),
              "0");
    EXPECT_EQ(db_.Scalar("SELECT count(*) FROM decisions WHERE "
                         "application_id = '" +
                         app + "'"),
              "0");
    EXPECT_EQ(db_.Scalar("SELECT count(*) FROM awards WHERE "
                         "application_id = '" +
                         app + "'"),
              "0");
    EXPECT_EQ(awards_.GetApplication(app).state(),
              v1::APPLICATION_STATE_SUBMITTED);
    EXPECT_EQ(awards_.Settings(round_.id()).committed().minor_units(), 0);
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  AwardBuilder awards_{server_};
  std::unique_ptr<v1::AssessmentService::Stub> assessment_ =
      v1::AssessmentService::NewStub(server_.Channel());
  std::unique_ptr<v1::PaymentService::Stub> payments_ =
      v1::PaymentService::NewStub(server_.Channel());
  v1::Round round_;
  int steps_ = 0;  // human actions from submission to payment
};

TEST_F(FastPathTest, OneOfficerOffersAScoredMicrograntWhileTheRoundIsOpen) {
  std::string app = Scored(kMicrogrant, 5, 8);  // 31 of 35: 89%
  v1::Award award;
  auto s = Approve(app, kMicrogrant, &award);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(award.state(), v1::AWARD_STATE_OFFERED);
  EXPECT_TRUE(award.fast_path());
  ASSERT_EQ(award.conditions_size(), 1);
  EXPECT_EQ(award.conditions(0), kCondition);
  EXPECT_EQ(award.offered_by(), kRecommender);
  EXPECT_EQ(awards_.Settings(round_.id()).committed().minor_units(),
            kMicrogrant);
  EXPECT_EQ(awards_.GetApplication(app).state(),
            v1::APPLICATION_STATE_APPROVED);
  // The reviewer's score stands as the recommendation: four eyes in all.
  v1::GetDecisionRequest dreq;
  dreq.set_application_id(app);
  v1::Decision d;
  ASSERT_TRUE(
      awards_.stub().GetDecision(Officer(kDecider).get(), dreq, &d).ok());
  EXPECT_EQ(d.recommendation().recommended_by(), kReviewer);
  EXPECT_EQ(d.recommendation().recommender_role(), "reviewer");
  EXPECT_EQ(d.decided_by(), kRecommender);
  // Audited in the same transaction, and the grantee hears of it.
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events WHERE entity_id = '" +
                       app + "' AND entity_type = 'decision'"),
            "1");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM notifications WHERE kind IN "
                       "('application_approved', 'offer_made')"),
            "2");
}

TEST_F(FastPathTest, ItsOffersCarryTheStandardConditionsInOtherLanguages) {
  v1::SetRoundAwardSettingsRequest req;
  req.set_request_id(Key());
  req.set_round_id(round_.id());
  *req.mutable_microgrant_threshold() = Gbp(kThreshold);
  req.set_offer_validity_days(30);
  req.set_fast_path(true);
  req.set_fast_path_mark_percent(60);
  req.add_standard_conditions(kCondition);
  auto* ro = req.add_standard_condition_translations();
  ro->set_language("ro");
  ro->add_conditions("Politica de protecție a fost trimisă");
  // More entries than conditions: refused, the settings unchanged.
  ro->add_conditions("O a doua");
  v1::RoundAwardSettings settings;
  auto admin = [&] { return server_.As(Role::kAdministrator, "admin-ada"); };
  grpc::Status s =
      awards_.stub().SetRoundAwardSettings(admin().get(), req, &settings);
  EXPECT_EQ(ReasonOf(s), "CONDITION_COUNT_MISMATCH");
  EXPECT_EQ(FieldOf(s), "standard_condition_translations[0].conditions");
  EXPECT_EQ(
      awards_.Settings(round_.id()).standard_condition_translations_size(), 0);
  ro->mutable_conditions()->RemoveLast();
  req.set_request_id(Key());
  s = awards_.stub().SetRoundAwardSettings(admin().get(), req, &settings);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(settings.standard_condition_translations_size(), 1);
  EXPECT_EQ(awards_.Settings(round_.id())
                .standard_condition_translations(0)
                .conditions(0),
            "Politica de protecție a fost trimisă");

  std::string app = Scored(kMicrogrant, 5, 8);
  v1::Award award;
  s = Approve(app, kMicrogrant, &award);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(award.condition_translations_size(), 1);
  EXPECT_EQ(award.condition_translations(0).language(), "ro");
  EXPECT_EQ(award.condition_translations(0).conditions(0),
            "Politica de protecție a fost trimisă");
  // The offer's message carries it for a group that reads Romanian.
  EXPECT_EQ(db_.Scalar("SELECT params -> 'condition_translations' -> 'ro' ->> "
                       "0 FROM notifications WHERE kind = 'offer_made'"),
            "Politica de protecție a fost trimisă");
}

TEST_F(FastPathTest,
       AcceptingSchedulesOnePaymentThatOneOtherOfficerAuthorises) {
  std::string app = Scored(kMicrogrant, 5, 8);
  v1::Award award;
  ASSERT_TRUE(Approve(app, kMicrogrant, &award).ok());
  ++steps_;  // one officer approves and offers
  ASSERT_TRUE(awards_.Accept("ORG-ROMA", award.id(), &award).ok());
  ++steps_;  // the grantee accepts
  auto payments = Payments(award.id());
  ASSERT_EQ(payments.payments_size(), 1);
  const v1::Payment& p = payments.payments(0);
  EXPECT_EQ(p.amount().minor_units(), kMicrogrant);
  EXPECT_EQ(p.state(), v1::PAYMENT_STATE_REQUESTED);
  EXPECT_EQ(p.due(), v1::DUE_KIND_ON_ACCEPTANCE);
  EXPECT_EQ(p.requested_by(), kRecommender);

  // The approving officer cannot release the money alone.
  v1::Payment out;
  SetLimit(kRecommender, 1'000'000);
  auto alone = Authorise(p.id(), kRecommender, &out);
  EXPECT_EQ(alone.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(alone), "FOUR_EYES_REQUIRED");
  // Another officer, within their limit.
  SetLimit(kDecider, kMicrogrant - 1);
  auto over = Authorise(p.id(), kDecider, &out);
  EXPECT_EQ(ReasonOf(over), "AUTHORISATION_LIMIT_EXCEEDED");
  SetLimit(kDecider, kThreshold);
  auto ok = Authorise(p.id(), kDecider, &out);
  ASSERT_TRUE(ok.ok()) << ok.error_message();
  ++steps_;  // one authorisation
  EXPECT_EQ(out.state(), v1::PAYMENT_STATE_AUTHORISED);
  EXPECT_FALSE(out.instruction_id().empty());
  // submit, assign, score, approve, accept, authorise.
  EXPECT_EQ(steps_, 6);
  std::cout << "human steps from submission to payment, microgrant (fast "
               "path): "
            << steps_ << "\n";
  RecordProperty("microgrant_human_steps", steps_);
}

TEST_F(FastPathTest, ALargerGrantKeepsTheFullPathOfFourEyes) {
  std::string app = Scored(250'000, 5, 8);
  v1::Award award;
  auto fast = Approve(app, 250'000, &award);
  EXPECT_EQ(fast.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(fast), "FAST_PATH_ABOVE_THRESHOLD");
  EXPECT_EQ(FieldOf(fast), "amount");
  ExpectNothingWritten(app);
  // One officer alone cannot recommend and decide it either.
  ASSERT_TRUE(awards_
                  .Recommend(app, Role::kOfficer, kRecommender,
                             v1::OUTCOME_APPROVE, 250'000)
                  .ok());
  ++steps_;  // an officer recommends
  awards_.Close(round_.id());
  auto alone = awards_.Decide(app, kRecommender, v1::OUTCOME_APPROVE);
  EXPECT_EQ(ReasonOf(alone), "FOUR_EYES_REQUIRED");
  ASSERT_TRUE(awards_.Decide(app, kDecider, v1::OUTCOME_APPROVE).ok());
  ++steps_;  // another officer decides (after the close)
  ASSERT_TRUE(awards_.Offer(app, 250'000, &award).ok());
  ++steps_;  // an officer offers
  EXPECT_FALSE(award.fast_path());
  ASSERT_TRUE(awards_.Accept("ORG-ROMA", award.id(), &award).ok());
  ++steps_;                                            // the grantee accepts
  EXPECT_EQ(Payments(award.id()).payments_size(), 0);  // nothing scheduled
  v1::SetPaymentScheduleRequest sreq;
  sreq.set_request_id(Key());
  sreq.set_award_id(award.id());
  for (auto [part, due] : {std::pair{150'000, v1::DUE_KIND_ON_ACCEPTANCE},
                           std::pair{100'000, v1::DUE_KIND_ON_FINAL_REPORT}}) {
    auto* i = sreq.add_instalments();
    *i->mutable_amount() = Gbp(part);
    i->set_due(due);
  }
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      payments_
          ->SetPaymentSchedule(Officer(kRecommender).get(), sreq, &schedule)
          .ok());
  ++steps_;  // an officer schedules
  SetLimit(kDecider, 1'000'000);
  const std::string first = schedule.payments(0).id();
  v1::RequestPaymentRequest rreq;
  rreq.set_request_id(Key());
  rreq.set_id(first);
  v1::Payment out;
  ASSERT_TRUE(
      payments_->RequestPayment(Officer(kRecommender).get(), rreq, &out).ok());
  ++steps_;  // an officer requests
  ASSERT_TRUE(Authorise(first, kDecider, &out).ok());
  ++steps_;  // another authorises
  // submit, assign, score, recommend, decide, offer, accept, schedule,
  // request, authorise (the close is the round's, not the grant's; the
  // second instalment waits for the final report).
  EXPECT_EQ(steps_, 10);
  std::cout << "human steps from submission to payment, larger grant (full "
               "path): "
            << steps_ << "\n";
  RecordProperty("larger_grant_human_steps", steps_);
}

TEST_F(FastPathTest, RefusesAScoreBelowTheMarkAndWritesNothing) {
  std::string app = Scored(kMicrogrant, 2, 3);  // 12 of 35: 34%
  v1::Award award;
  auto s = Approve(app, kMicrogrant, &award);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "FAST_PATH_MARK_NOT_MET");
  EXPECT_EQ(FieldOf(s), "application_id");
  ExpectNothingWritten(app);
}

TEST_F(FastPathTest, RefusesAnUnscoredApplication) {
  std::string app = awards_.Submit("ORG-ROMA", round_.id(), kMicrogrant).id();
  v1::Award award;
  EXPECT_EQ(ReasonOf(Approve(app, kMicrogrant, &award)),
            "FAST_PATH_MARK_NOT_MET");
  ExpectNothingWritten(app);
}

TEST_F(FastPathTest, RefusesARoundNotOnTheFastPath) {
  ASSERT_TRUE(SetFastPath(false, 0).ok());
  std::string app = Scored(kMicrogrant, 5, 8);
  v1::Award award;
  auto s = Approve(app, kMicrogrant, &award);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "FAST_PATH_OFF");
  EXPECT_EQ(FieldOf(s), "round_id");
  ExpectNothingWritten(app);
}

TEST_F(FastPathTest, RefusesAFastPathWithoutAMark) {
  auto s = SetFastPath(true, 0);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "fast_path_mark_percent");
  EXPECT_TRUE(awards_.Settings(round_.id()).fast_path());  // unchanged
  EXPECT_EQ(awards_.Settings(round_.id()).fast_path_mark_percent(), 60);
}

TEST_F(FastPathTest, RefusesAnOfficerWithAnInterest) {
  std::string app = Scored(kMicrogrant, 5, 8);
  ASSERT_TRUE(
      awards_
          .DeclareInterest(Role::kOfficer, kRecommender,
                           awards_.GetApplication(app).organisation_id())
          .ok());
  v1::Award award;
  auto s = Approve(app, kMicrogrant, &award);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "CONFLICT_OF_INTEREST");
  ExpectNothingWritten(app);
}

TEST_F(FastPathTest, RefusesTheOfficerWhoAppliedForTheGroup) {
  // kRecommender wrote and submitted the group's application by phone: the
  // fast path's one officer may not be them.
  awards_.Register("ORG-ROMA");
  auto apps = v1::ApplicationService::NewStub(server_.Channel());
  v1::OnBehalf by_phone;
  by_phone.set_organisation_id("ORG-ROMA");
  by_phone.set_reason("Applied by phone");
  v1::CreateApplicationRequest create;
  create.set_request_id(Key());
  create.set_round_id(round_.id());
  *create.mutable_content() = GoodContent(kMicrogrant);
  *create.mutable_on_behalf() = by_phone;
  v1::Application app;
  auto s = apps->CreateApplication(Officer(kRecommender).get(), create, &app);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::SubmitApplicationRequest submit;
  submit.set_request_id(Key());
  submit.set_id(app.id());
  *submit.mutable_on_behalf() = by_phone;
  s = apps->SubmitApplication(Officer(kRecommender).get(), submit, &app);
  ASSERT_TRUE(s.ok()) << s.error_message();
  Score(app.id(), 5, 8);
  v1::Award award;
  s = Approve(app.id(), kMicrogrant, &award);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
  EXPECT_EQ(FieldOf(s), "application_id");
  ExpectNothingWritten(app.id());
  s = Approve(app.id(), kMicrogrant, &award, kDecider);
  EXPECT_TRUE(s.ok()) << s.error_message();
}

TEST_F(FastPathTest, ARetryWithTheSameKeyCreatesNothingTwice) {
  std::string app = Scored(kMicrogrant, 5, 8);
  v1::Award first, again;
  ASSERT_TRUE(Approve(app, kMicrogrant, &first, kRecommender, "fast-1").ok());
  ASSERT_TRUE(Approve(app, kMicrogrant, &again, kRecommender, "fast-1").ok());
  EXPECT_EQ(first.id(), again.id());
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM awards"), "1");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM recommendations"), "1");
  EXPECT_EQ(awards_.Settings(round_.id()).committed().minor_units(),
            kMicrogrant);
  // The same key with another payload is refused.
  auto other = Approve(app, kMicrogrant - 1, &again, kRecommender, "fast-1");
  EXPECT_EQ(other.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  // A second approval under a new key finds it decided.
  EXPECT_EQ(ReasonOf(Approve(app, kMicrogrant, &again)), "ALREADY_DECIDED");
  // Accepting twice (a retried call) schedules one payment.
  v1::AcceptOfferRequest acc;
  acc.set_request_id("accept-1");
  acc.set_id(first.id());
  for (int i = 0; i < 2; ++i) {
    v1::Award out;
    auto s = awards_.stub().AcceptOffer(
        server_.As(Role::kGrantee, "user-ORG-ROMA", "ORG-ROMA").get(), acc,
        &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_EQ(Payments(first.id()).payments_size(), 1);
}

}  // namespace
}  // namespace grants::testing
