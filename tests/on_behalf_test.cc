// Acting on behalf of a group (#17 item 4), through the public contract: an
// officer creates, fills and submits an application, accepts an offer and
// submits a report for a group that asked for help; each act is recorded
// with its reason, in the audit trail (without the reason's words), on the
// application and in the group's receipt; four eyes then count the officer
// as involved; and every bad request is refused with nothing written.
#include <gtest/gtest.h>

#include <optional>

#include "grants/v1/monitoring.grpc.pb.h"
#include "grants/v1/organisations.grpc.pb.h"
#include "tests/award_builders.h"

namespace grants::testing {
namespace {

constexpr int64_t kAmount = 250'000;
const char kHelper[] = "officer-oli";
const char kReason[] = "Applied by phone through an interpreter";

v1::OnBehalf For(const std::string& org, const std::string& reason = kReason) {
  v1::OnBehalf on_behalf;
  on_behalf.set_organisation_id(org);
  on_behalf.set_reason(reason);
  return on_behalf;
}

class OnBehalfTest : public ::testing::Test {
 protected:
  OnBehalfTest() {
    round_ = awards_.OpenRound(4'500'000, {5'000'000});
    awards_.Register("ORG-ROMA");
  }

  int64_t Count(const std::string& sql) { return std::stoll(db_.Scalar(sql)); }

  grpc::Status Create(const std::unique_ptr<grpc::ClientContext>& as,
                      const std::optional<v1::OnBehalf>& on_behalf,
                      v1::Application* out, const std::string& key = Key()) {
    v1::CreateApplicationRequest req;
    req.set_request_id(key);
    req.set_round_id(round_.id());
    *req.mutable_content() = GoodContent(kAmount);
    if (on_behalf) *req.mutable_on_behalf() = *on_behalf;
    return apps_->CreateApplication(as.get(), req, out);
  }
  grpc::Status Submit(const std::unique_ptr<grpc::ClientContext>& as,
                      const std::string& id,
                      const std::optional<v1::OnBehalf>& on_behalf,
                      v1::Application* out, const std::string& key = Key()) {
    v1::SubmitApplicationRequest req;
    req.set_request_id(key);
    req.set_id(id);
    if (on_behalf) *req.mutable_on_behalf() = *on_behalf;
    return apps_->SubmitApplication(as.get(), req, out);
  }
  std::unique_ptr<grpc::ClientContext> Officer(
      const std::string& subject = kHelper) {
    return server_.As(Role::kOfficer, subject);
  }
  std::unique_ptr<grpc::ClientContext> Grantee(
      const std::string& org = "ORG-ROMA") {
    return server_.As(Role::kGrantee, "user-" + org, org);
  }

  // ORG-ROMA's application, created, filled and submitted by kHelper.
  v1::Application SubmittedOnBehalf() {
    v1::Application app;
    EXPECT_TRUE(Create(Officer(), For("ORG-ROMA"), &app).ok());
    v1::UpdateApplicationRequest update;
    update.set_request_id(Key());
    update.set_id(app.id());
    *update.mutable_content() = GoodContent(kAmount);
    update.mutable_content()->set_project_summary(
        "Drop-in sessions, as the group told us on the phone");
    *update.mutable_on_behalf() = For("ORG-ROMA");
    grpc::Status s = apps_->UpdateApplication(Officer().get(), update, &app);
    EXPECT_TRUE(s.ok()) << s.error_message();
    s = Submit(Officer(), app.id(), For("ORG-ROMA"), &app);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return app;
  }

  // With the round closed: kHelper may neither recommend nor decide the
  // application (four eyes), nothing is written, and two others can.
  void ExpectKeptFromJudging(const std::string& app) {
    awards_.Close(round_.id());
    grpc::Status s = awards_.Recommend(app, Role::kOfficer, kHelper,
                                       v1::OUTCOME_APPROVE, kAmount);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
    EXPECT_EQ(FieldOf(s), "application_id");
    EXPECT_EQ(Count("SELECT count(*) FROM recommendations"), 0);
    ASSERT_TRUE(awards_
                    .Recommend(app, Role::kOfficer, kRecommender,
                               v1::OUTCOME_APPROVE, kAmount)
                    .ok());
    EXPECT_EQ(ReasonOf(awards_.Decide(app, kHelper, v1::OUTCOME_APPROVE)),
              "FOUR_EYES_REQUIRED");
    EXPECT_EQ(Count("SELECT count(*) FROM decisions"), 0);
    EXPECT_TRUE(awards_.Decide(app, kDecider, v1::OUTCOME_APPROVE).ok());
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  AwardBuilder awards_{server_};
  std::unique_ptr<v1::ApplicationService::Stub> apps_ =
      v1::ApplicationService::NewStub(server_.Channel());
  v1::Round round_;
};

TEST_F(OnBehalfTest,
       AnOfficerCreatesFillsAndSubmitsForAGroupAndEachActIsRecorded) {
  v1::Application app = SubmittedOnBehalf();
  EXPECT_EQ(app.organisation_id(), "ORG-ROMA");
  EXPECT_EQ(app.state(), v1::APPLICATION_STATE_SUBMITTED);
  EXPECT_FALSE(app.reference().empty());
  ASSERT_EQ(app.acts_on_behalf_size(), 3);
  EXPECT_EQ(app.acts_on_behalf(0).action(), "CreateApplication");
  EXPECT_EQ(app.acts_on_behalf(1).action(), "UpdateApplication");
  EXPECT_EQ(app.acts_on_behalf(2).action(), "SubmitApplication");
  for (const auto& act : app.acts_on_behalf()) {
    EXPECT_EQ(act.officer(), kHelper);
    EXPECT_EQ(act.organisation_id(), "ORG-ROMA");
    EXPECT_EQ(act.reason(), kReason);
  }
  // The group sees who acted for it.
  v1::GetApplicationRequest get;
  get.set_id(app.id());
  v1::Application seen;
  ASSERT_TRUE(apps_->GetApplication(Grantee().get(), get, &seen).ok());
  EXPECT_EQ(seen.acts_on_behalf_size(), 3);
  EXPECT_EQ(seen.content().project_summary(),
            "Drop-in sessions, as the group told us on the phone");
  // The trail names the officer and the group, never the reason's words.
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'application' AND actor = 'officer-oli' AND role = "
                  "'officer' AND summary::jsonb #>> "
                  "'{on_behalf,organisation_id}' = 'ORG-ROMA'"),
            3);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE summary LIKE "
                  "'%interpreter%'"),
            0);
  // The group still gets its receipt, saying an officer did it and why.
  EXPECT_EQ(Count("SELECT count(*) FROM notifications WHERE kind = "
                  "'application_received' AND organisation_id = 'ORG-ROMA' "
                  "AND params ->> 'on_behalf_reason' = '" +
                  std::string(kReason) + "'"),
            1);
}

TEST_F(OnBehalfTest, ARetriedSubmissionOnBehalfRecordsNothingTwice) {
  v1::Application app;
  ASSERT_TRUE(Create(Officer(), For("ORG-ROMA"), &app).ok());
  std::string key = Key();
  v1::Application first, again;
  ASSERT_TRUE(Submit(Officer(), app.id(), For("ORG-ROMA"), &first, key).ok());
  ASSERT_TRUE(Submit(Officer(), app.id(), For("ORG-ROMA"), &again, key).ok());
  EXPECT_EQ(again.reference(), first.reference());
  EXPECT_EQ(Count("SELECT count(*) FROM acts_on_behalf"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM notifications"), 1);
  // The same key with another reason is another request.
  EXPECT_EQ(
      ReasonOf(Submit(Officer(), app.id(),
                      For("ORG-ROMA", "Asked at the drop-in"), &again, key)),
      "REQUEST_ID_REUSED");
}

TEST_F(OnBehalfTest, TheOfficerWhoActedForTheGroupNeitherRecommendsNorDecides) {
  v1::Application app = SubmittedOnBehalf();
  ExpectKeptFromJudging(app.id());
}

TEST_F(OnBehalfTest, AnOfficerAcceptsAnOfferAndSubmitsAReportForTheGroup) {
  std::string app = awards_.Submit("ORG-ROMA", round_.id(), kAmount).id();
  awards_.Close(round_.id());
  awards_.Approve(app, kAmount);
  v1::Award award;
  ASSERT_TRUE(awards_.Offer(app, kAmount, &award).ok());
  v1::AcceptOfferRequest accept;
  accept.set_request_id(Key());
  accept.set_id(award.id());
  *accept.mutable_on_behalf() = For("ORG-ROMA", "Accepted by phone");
  grpc::Status s = awards_.stub().AcceptOffer(Officer().get(), accept, &award);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(award.state(), v1::AWARD_STATE_ACCEPTED);
  EXPECT_EQ(award.responded_by(), kHelper);
  // Retried with the same key: the same award, nothing told twice.
  ASSERT_TRUE(awards_.stub().AcceptOffer(Officer().get(), accept, &award).ok());
  // The group is told its offer is accepted, by which officer and why.
  const std::string told =
      "SELECT count(*) FROM notifications WHERE organisation_id = 'ORG-ROMA' "
      "AND kind = ";
  EXPECT_EQ(Count(told + "'offer_accepted' AND params ->> 'on_behalf_by' = '" +
                  kHelper +
                  "' AND params ->> 'on_behalf_reason' = 'Accepted by phone' "
                  "AND params ->> 'award_id' = '" +
                  award.id() + "'"),
            1);

  auto monitoring = v1::MonitoringService::NewStub(server_.Channel());
  v1::SetReportRequirementsRequest require;
  require.set_request_id(Key());
  require.set_award_id(award.id());
  auto* interim = require.add_requirements();
  interim->set_kind(v1::REPORT_KIND_INTERIM);
  interim->set_basis(v1::DUE_BASIS_AFTER_ACCEPTANCE);
  interim->set_days_after(30);
  auto* final = require.add_requirements();
  final->set_kind(v1::REPORT_KIND_FINAL);
  final->set_basis(v1::DUE_BASIS_FIXED_DATE);
  final->set_due_date("2025-12-31");
  v1::ReportRequirements reqs;
  ASSERT_TRUE(
      monitoring->SetReportRequirements(Officer(kDecider).get(), require, &reqs)
          .ok());
  v1::SubmitReportRequest report;
  report.set_request_id(Key());
  report.set_requirement_id(reqs.requirements(0).id());
  v1::ReportContent& c = *report.mutable_content();
  c.set_period_start("2025-01-01");
  c.set_period_end("2025-03-31");
  c.set_sessions_held(4);
  c.set_people_supported_directly(12);
  c.set_people_reached_with_information(120);
  *c.mutable_spend_to_date() = Gbp(50'000);
  *report.mutable_on_behalf() = For("ORG-ROMA", "Report read out by phone");
  v1::Report submitted;
  s = monitoring->SubmitReport(Officer("officer-pat").get(), report,
                               &submitted);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(submitted.organisation_id(), "ORG-ROMA");
  ASSERT_TRUE(
      monitoring->SubmitReport(Officer("officer-pat").get(), report,
                               &submitted)
          .ok());  // a retry
  // Its receipt says who sent it for the group, and why; once.
  EXPECT_EQ(Count(told +
                  "'report_received' AND params ->> 'on_behalf_by' = "
                  "'officer-pat' AND params ->> 'on_behalf_reason' = 'Report "
                  "read out by phone' AND params ->> 'report_kind' = "
                  "'interim' AND params ->> 'report_id' = '" +
                  submitted.id() + "'"),
            1);
  EXPECT_EQ(Count(told + "'report_received'"), 1);  // and no other

  v1::Application seen = awards_.GetApplication(app);
  ASSERT_EQ(seen.acts_on_behalf_size(), 2);
  EXPECT_EQ(seen.acts_on_behalf(0).action(), "AcceptOffer");
  EXPECT_EQ(seen.acts_on_behalf(1).action(), "SubmitReport");
  EXPECT_EQ(seen.acts_on_behalf(1).officer(), "officer-pat");

  // Whoever submitted the report for the group does not review it.
  v1::ReviewReportRequest review;
  review.set_request_id(Key());
  review.set_id(submitted.id());
  review.set_outcome(v1::REVIEW_OUTCOME_ACCEPT);
  v1::Report reviewed;
  s = monitoring->ReviewReport(Officer("officer-pat").get(), review, &reviewed);
  EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
  EXPECT_EQ(FieldOf(s), "id");
  review.set_request_id(Key());
  s = monitoring->ReviewReport(Officer(kDecider).get(), review, &reviewed);
  EXPECT_TRUE(s.ok()) << s.error_message();
}

TEST_F(OnBehalfTest, AnOfficerRegistersAGroupThatAskedForHelpAndTheGroupIsTold) {
  auto orgs = v1::OrganisationService::NewStub(server_.Channel());
  v1::RegisterOrganisationRequest req;
  req.set_request_id(Key());
  *req.mutable_profile() = CharityProfile();
  req.mutable_profile()->set_charity_number("1188888");
  req.mutable_profile()->set_correspondence_language("pl");
  const int64_t before = Count("SELECT count(*) FROM organisations");
  v1::Organisation org;
  grpc::Status s = orgs->RegisterOrganisation(Officer().get(), req, &org);
  EXPECT_EQ(ReasonOf(s), "ON_BEHALF_REASON_REQUIRED");
  EXPECT_EQ(FieldOf(s), "on_behalf_reason");
  EXPECT_EQ(Count("SELECT count(*) FROM organisations"), before);

  // The first payee is set under four eyes too: proposed afterwards.
  req.set_request_id(Key());
  req.set_on_behalf_reason("Registered by phone through an interpreter");
  ASSERT_TRUE(req.profile().has_bank_details());
  s = orgs->RegisterOrganisation(Officer().get(), req, &org);
  EXPECT_EQ(ReasonOf(s), "BANK_DETAILS_NEED_CONFIRMATION");
  EXPECT_EQ(FieldOf(s), "profile.bank_details");
  EXPECT_EQ(Count("SELECT count(*) FROM organisations"), before);

  req.mutable_profile()->clear_bank_details();
  req.set_request_id(Key());
  s = orgs->RegisterOrganisation(Officer().get(), req, &org);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(org.id().rfind("ORG-", 0), 0u) << org.id();
  v1::Organisation again;
  ASSERT_TRUE(orgs->RegisterOrganisation(Officer().get(), req, &again).ok());
  EXPECT_EQ(again.id(), org.id());
  EXPECT_EQ(Count("SELECT count(*) FROM organisations"), before + 1);
  // The act, once, with its reason; the trail keeps only the length.
  EXPECT_EQ(Count("SELECT count(*) FROM acts_on_behalf WHERE entity_type = "
                  "'organisation' AND entity_id = '" + org.id() +
                  "' AND officer = '" + std::string(kHelper) +
                  "' AND reason LIKE '%interpreter%'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE summary LIKE "
                  "'%interpreter%'"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'organisation' AND actor = 'officer-oli' AND summary::jsonb "
                  "#>> '{on_behalf,organisation_id}' = '" +
                  org.id() + "' AND summary::jsonb #>> "
                  "'{on_behalf,reason,bytes}' = '42'"),
            1);
  // The group hears of it once, in Polish, with who did it and why.
  EXPECT_EQ(Count("SELECT count(*) FROM notifications WHERE kind = "
                  "'organisation_registered' AND organisation_id = '" +
                  org.id() +
                  "' AND language = 'pl' AND params ->> "
                  "'on_behalf_reason' LIKE '%interpreter%' AND params ->> "
                  "'on_behalf_by' = '" +
                  kHelper + "'"),
            1);
  // A grantee registering its own group cannot claim an officer acted,
  // whatever the reason's length; an officer's reason is at most 500
  // characters.
  v1::RegisterOrganisationRequest own;
  *own.mutable_profile() = CharityProfile();
  for (const std::string& claim :
       {std::string("An officer did it"), std::string(501, 'x')}) {
    own.set_request_id(Key());
    own.set_on_behalf_reason(claim);
    s = orgs->RegisterOrganisation(Grantee("ORG-SELF").get(), own, &again);
    EXPECT_EQ(ReasonOf(s), "ON_BEHALF_NOT_ALLOWED");
    EXPECT_EQ(FieldOf(s), "on_behalf_reason");
  }
  req.set_request_id(Key());
  req.set_on_behalf_reason(std::string(501, 'x'));
  s = orgs->RegisterOrganisation(Officer().get(), req, &again);
  EXPECT_EQ(ReasonOf(s), "ON_BEHALF_REASON_TOO_LONG");
  EXPECT_EQ(FieldOf(s), "on_behalf_reason");
  EXPECT_EQ(Count("SELECT count(*) FROM organisations"), before + 1);
  // The officer may now act for it.
  v1::Application app;
  s = Create(Officer(), For(org.id()), &app);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(app.organisation_id(), org.id());
}

TEST_F(OnBehalfTest, TheOfficerWhoRegisteredTheGroupNeitherRecommendsNorDecides) {
  // The officer chose who signs in for the group: its own applications,
  // submitted by that contact without an act on behalf, are theirs too.
  auto orgs = v1::OrganisationService::NewStub(server_.Channel());
  v1::RegisterOrganisationRequest req;
  req.set_request_id(Key());
  *req.mutable_profile() = CharityProfile();
  req.mutable_profile()->clear_bank_details();
  req.set_on_behalf_reason("Registered at a drop-in");
  v1::Organisation org;
  ASSERT_TRUE(orgs->RegisterOrganisation(Officer().get(), req, &org).ok());
  v1::Application app;
  ASSERT_TRUE(Create(Grantee(org.id()), std::nullopt, &app).ok());
  ASSERT_TRUE(Submit(Grantee(org.id()), app.id(), std::nullopt, &app).ok());
  ASSERT_EQ(app.acts_on_behalf_size(), 0);
  ExpectKeptFromJudging(app.id());
}

TEST_F(OnBehalfTest, RefusesEveryBadRequestAndWritesNothing) {
  awards_.Register("ORG-OTHER");
  ASSERT_TRUE(
      awards_.DeclareInterest(Role::kOfficer, "officer-cy", "ORG-ROMA").ok());
  v1::Application app;
  grpc::Status s = Create(Officer(), For("ORG-ROMA", "   "), &app);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "ON_BEHALF_REASON_REQUIRED");
  EXPECT_EQ(FieldOf(s), "on_behalf.reason");

  s = Create(Officer(), For("ORG-ROMA", std::string(501, 'x')), &app);
  EXPECT_EQ(ReasonOf(s), "ON_BEHALF_REASON_TOO_LONG");
  EXPECT_EQ(FieldOf(s), "on_behalf.reason");

  s = Create(Officer(), For("ORG-NOPE"), &app);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ReasonOf(s), "ORGANISATION_NOT_FOUND");
  EXPECT_EQ(FieldOf(s), "on_behalf.organisation_id");

  s = Create(Grantee("ORG-OTHER"), For("ORG-ROMA"), &app);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "ON_BEHALF_NOT_ALLOWED");
  EXPECT_EQ(FieldOf(s), "on_behalf");

  s = Create(server_.As(Role::kReviewer, "rev-1"), For("ORG-ROMA"), &app);
  EXPECT_EQ(ReasonOf(s), "ROLE_NOT_ALLOWED");

  s = Create(Officer(), std::nullopt, &app);
  EXPECT_EQ(ReasonOf(s), "ON_BEHALF_REQUIRED");
  EXPECT_EQ(FieldOf(s), "on_behalf");

  s = Create(Officer("officer-cy"), For("ORG-ROMA"), &app);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "CONFLICT_OF_INTEREST");
  EXPECT_EQ(FieldOf(s), "on_behalf.organisation_id");

  EXPECT_EQ(Count("SELECT count(*) FROM applications"), 0);

  // Acting for one group on another group's application.
  ASSERT_TRUE(Create(Grantee(), std::nullopt, &app).ok());
  const std::string draft = app.id();
  s = Submit(Officer(), draft, For("ORG-OTHER"), &app);
  EXPECT_EQ(ReasonOf(s), "ORGANISATION_SCOPE");
  s = Submit(Officer(), draft, For("ORG-ROMA", ""), &app);
  EXPECT_EQ(ReasonOf(s), "ON_BEHALF_REASON_REQUIRED");

  EXPECT_EQ(Count("SELECT count(*) FROM acts_on_behalf"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM notifications"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM applications WHERE state <> 'draft'"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'application' AND actor LIKE 'officer-%'"),
            0);
}

}  // namespace
}  // namespace grants::testing
