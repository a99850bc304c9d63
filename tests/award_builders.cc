// Award test-data builders.
#include "tests/award_builders.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "common/crypto.h"

namespace grants::testing {

AwardBuilder::AwardBuilder(const TestServer& server)
    : server_(server),
      build_(server),
      stub_(v1::AwardService::NewStub(server.Channel())),
      apps_(v1::ApplicationService::NewStub(server.Channel())),
      orgs_(v1::OrganisationService::NewStub(server.Channel())) {}

v1::Round AwardBuilder::OpenRound(int64_t budget,
                                  const std::vector<int64_t>& contributions,
                                  std::string* fund_id) {
  v1::Fund fund = build_.Fund(0);
  for (int64_t amount : contributions) {
    v1::AddContributionRequest add;
    add.set_request_id(Key());
    add.set_fund_id(fund.id());
    add.set_funder_id(build_.Funder("Funder " + RandomUuid().substr(0, 8)).id());
    *add.mutable_amount() = Gbp(amount);
    v1::Contribution c;
    auto s = server_.Funding()->AddContribution(server_.As(Role::kOfficer).get(),
                                                add, &c);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }
  if (fund_id) *fund_id = fund.id();
  v1::RoundSpec spec = OpenSpec();
  *spec.mutable_budget() = Gbp(budget);
  *spec.mutable_max_grant() = Gbp(std::min<int64_t>(500'000, budget));
  v1::Round round = build_.RoundIn(build_.Programme(fund.id()).id(), spec);
  v1::OpenRoundRequest open;
  open.set_request_id(Key());
  open.set_round_id(round.id());
  auto s = server_.Programmes()->OpenRound(server_.As(Role::kOfficer).get(),
                                           open, &round);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return round;
}

void AwardBuilder::Register(const std::string& org) {
  if (std::find(registered_.begin(), registered_.end(), org) != registered_.end())
    return;
  v1::RegisterOrganisationRequest req;
  req.set_request_id(Key());
  *req.mutable_profile() = CharityProfile();
  req.mutable_profile()->set_charity_number(std::to_string(1100000 + next_charity_++));
  v1::Organisation out;
  auto s = orgs_->RegisterOrganisation(
      server_.As(Role::kGrantee, "user-" + org, org).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
  registered_.push_back(org);
}

v1::Application AwardBuilder::Submit(const std::string& org,
                                     const std::string& round_id,
                                     int64_t amount) {
  Register(org);
  v1::CreateApplicationRequest create;
  create.set_request_id(Key());
  create.set_round_id(round_id);
  *create.mutable_content() = GoodContent(amount);
  v1::Application app;
  auto s = apps_->CreateApplication(
      server_.As(Role::kGrantee, "user-" + org, org).get(), create, &app);
  EXPECT_TRUE(s.ok()) << s.error_message();
  v1::SubmitApplicationRequest submit;
  submit.set_request_id(Key());
  submit.set_id(app.id());
  s = apps_->SubmitApplication(
      server_.As(Role::kGrantee, "user-" + org, org).get(), submit, &app);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(app.submission().eligibility(), v1::ELIGIBILITY_ELIGIBLE);
  return app;
}

void AwardBuilder::Close(const std::string& round_id) {
  v1::CloseRoundRequest req;
  req.set_request_id(Key());
  req.set_round_id(round_id);
  v1::Round out;
  auto s = server_.Programmes()->CloseRound(server_.As(Role::kOfficer).get(),
                                            req, &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
}

grpc::Status AwardBuilder::Recommend(const std::string& application_id,
                                     Role role, const std::string& subject,
                                     v1::Outcome outcome, int64_t amount,
                                     v1::Decision* out,
                                     const std::string& reason) {
  v1::RecommendApplicationRequest req;
  req.set_request_id(Key());
  req.set_application_id(application_id);
  req.set_outcome(outcome);
  if (outcome == v1::OUTCOME_APPROVE) *req.mutable_amount() = Gbp(amount);
  req.set_reason(reason);
  v1::Decision ignored;
  return stub_->RecommendApplication(server_.As(role, subject).get(), req,
                                     out ? out : &ignored);
}

grpc::Status AwardBuilder::Decide(const std::string& application_id,
                                  const std::string& subject,
                                  v1::Outcome outcome, v1::Decision* out) {
  v1::DecideApplicationRequest req;
  req.set_request_id(Key());
  req.set_application_id(application_id);
  req.set_outcome(outcome);
  v1::Decision ignored;
  return stub_->DecideApplication(server_.As(Role::kOfficer, subject).get(), req,
                                  out ? out : &ignored);
}

void AwardBuilder::Approve(const std::string& application_id, int64_t amount) {
  auto s = Recommend(application_id, Role::kOfficer, kRecommender,
                     v1::OUTCOME_APPROVE, amount);
  EXPECT_TRUE(s.ok()) << s.error_message();
  s = Decide(application_id, kDecider, v1::OUTCOME_APPROVE);
  EXPECT_TRUE(s.ok()) << s.error_message();
}

grpc::Status AwardBuilder::Offer(const std::string& application_id,
                                 int64_t amount, v1::Award* out,
                                 const std::string& expires_local,
                                 const std::string& key) {
  v1::OfferAwardRequest req;
  req.set_request_id(key);
  req.set_application_id(application_id);
  *req.mutable_amount() = Gbp(amount);
  req.add_conditions("Safeguarding policy provided");
  req.set_expires_local(expires_local);
  return stub_->OfferAward(server_.As(Role::kOfficer, kDecider).get(), req, out);
}

grpc::Status AwardBuilder::Accept(const std::string& org,
                                  const std::string& award_id, v1::Award* out) {
  v1::AcceptOfferRequest req;
  req.set_request_id(Key());
  req.set_id(award_id);
  return stub_->AcceptOffer(
      server_.As(Role::kGrantee, "user-" + org, org).get(), req, out);
}

grpc::Status AwardBuilder::Decline(const std::string& org,
                                   const std::string& award_id, v1::Award* out,
                                   const std::string& reason) {
  v1::DeclineOfferRequest req;
  req.set_request_id(Key());
  req.set_id(award_id);
  req.set_reason(reason);
  return stub_->DeclineOffer(
      server_.As(Role::kGrantee, "user-" + org, org).get(), req, out);
}

grpc::Status AwardBuilder::Assign(const std::string& application_id,
                                  const std::string& reviewer) {
  v1::AssignReviewersRequest req;
  req.set_request_id(Key());
  req.set_application_id(application_id);
  req.add_reviewers(reviewer);
  v1::AssignReviewersResponse out;
  auto stub = v1::AssessmentService::NewStub(server_.Channel());
  return stub->AssignReviewers(server_.As(Role::kOfficer, kDecider).get(), req,
                               &out);
}

grpc::Status AwardBuilder::DeclareInterest(Role role, const std::string& subject,
                                           const std::string& organisation_id,
                                           const std::string& application_id) {
  v1::DeclareConflictRequest req;
  req.set_request_id(Key());
  req.set_organisation_id(organisation_id);
  req.set_application_id(application_id);
  req.set_note("Sits on the group's committee");
  v1::ConflictDeclaration out;
  auto stub = v1::AssessmentService::NewStub(server_.Channel());
  return stub->DeclareConflict(server_.As(role, subject).get(), req, &out);
}

grpc::Status AwardBuilder::SetSettings(const std::string& round_id,
                                       int64_t threshold, int validity_days) {
  v1::SetRoundAwardSettingsRequest req;
  req.set_request_id(Key());
  req.set_round_id(round_id);
  *req.mutable_microgrant_threshold() = Gbp(threshold);
  req.set_offer_validity_days(validity_days);
  v1::RoundAwardSettings out;
  return stub_->SetRoundAwardSettings(server_.As(Role::kAdministrator).get(),
                                      req, &out);
}

v1::RoundAwardSettings AwardBuilder::Settings(const std::string& round_id) {
  v1::GetRoundAwardSettingsRequest req;
  req.set_round_id(round_id);
  v1::RoundAwardSettings out;
  auto s = stub_->GetRoundAwardSettings(server_.As(Role::kOfficer).get(), req,
                                        &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return out;
}

v1::Award AwardBuilder::Get(const std::string& award_id) {
  v1::GetAwardRequest req;
  req.set_id(award_id);
  v1::Award out;
  auto s = stub_->GetAward(server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return out;
}

v1::Application AwardBuilder::GetApplication(const std::string& application_id) {
  v1::GetApplicationRequest req;
  req.set_id(application_id);
  v1::Application out;
  auto s = apps_->GetApplication(server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return out;
}

void AwardBuilder::SignOffConditions(const std::string& award_id) {
  v1::GetAwardRequest get;
  get.set_id(award_id);
  v1::Award award;
  if (!stub_->GetAward(server_.As(Role::kOfficer, kDecider).get(), get, &award)
           .ok())
    return;
  for (const auto& c : award.condition_items()) {
    v1::AwardCondition out;
    if (c.state() == v1::CONDITION_STATE_OPEN) {
      v1::MeetConditionRequest meet;
      meet.set_request_id(Key());
      meet.set_condition_id(c.id());
      meet.set_statement("Seen by the officer.");
      meet.set_on_behalf_reason("checked at the group's office");
      // Best effort: an award that takes no conditions refuses, and the
      // caller's next step says so. Met for the group by an officer who
      // neither judged the application (four eyes: they may not act for
      // the group on it) nor handles its payments.
      if (!stub_
               ->MeetCondition(server_.As(Role::kOfficer, "officer-meg").get(),
                               meet, &out)
               .ok())
        return;
    }
    if (c.state() != v1::CONDITION_STATE_SIGNED_OFF) {
      v1::SignOffConditionRequest sign;
      sign.set_request_id(Key());
      sign.set_condition_id(c.id());
      if (!stub_->SignOffCondition(server_.As(Role::kOfficer, kDecider).get(),
                                   sign, &out)
               .ok())
        return;
    }
  }
}

}  // namespace grants::testing
