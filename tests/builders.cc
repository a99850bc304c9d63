// Test-data builders.
#include "tests/builders.h"

#include <gtest/gtest.h>

#include "common/crypto.h"

namespace grants::testing {
namespace {

std::string Unique(size_t n) {
  std::string hex = ToHex(Sha256(RandomUuid()));
  std::string out;
  for (size_t i = 0; i < n; ++i) out += static_cast<char>('A' + hex[i] % 26);
  return out;
}

}  // namespace

v1::Money Gbp(int64_t minor) {
  v1::Money m;
  m.set_currency_code("GBP");
  m.set_minor_units(minor);
  return m;
}

v1::RoundSpec Spec(int64_t budget, const std::string& opens,
                   const std::string& closes, int64_t min_grant,
                   int64_t max_grant) {
  v1::RoundSpec s;
  s.set_name("EUSS outreach, round 1");
  s.set_opens_local(opens);
  s.set_closes_local(closes);
  *s.mutable_budget() = Gbp(budget);
  *s.mutable_min_grant() = Gbp(std::min(min_grant, budget));
  *s.mutable_max_grant() = Gbp(std::min(max_grant, budget));
  return s;
}

v1::Funder Builder::Funder(const std::string& name) {
  v1::CreateFunderRequest req;
  req.set_request_id(Key());
  req.set_org_id("GB-CHC-" +
                 std::to_string(1000000 + std::stoul(ToHex(Sha256(RandomUuid()))
                                                         .substr(0, 7),
                                                     nullptr, 16) %
                                              8999999));
  req.set_name(name);
  v1::Funder out;
  auto status = server_.Funding()->CreateFunder(server_.As(Role::kOfficer).get(),
                                                req, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

v1::Fund Builder::Fund(int64_t contributed, const std::string& funder_id) {
  v1::CreateFundRequest req;
  req.set_request_id(Key());
  req.set_name("London pooled fund " + Unique(4));
  req.set_currency_code("GBP");
  v1::Fund fund;
  auto status =
      server_.Funding()->CreateFund(server_.As(Role::kOfficer).get(), req, &fund);
  EXPECT_TRUE(status.ok()) << status.error_message();
  if (contributed > 0) {
    v1::AddContributionRequest add;
    add.set_request_id(Key());
    add.set_fund_id(fund.id());
    add.set_funder_id(funder_id.empty() ? Funder().id() : funder_id);
    *add.mutable_amount() = Gbp(contributed);
    v1::Contribution c;
    status = server_.Funding()->AddContribution(server_.As(Role::kOfficer).get(),
                                                add, &c);
    EXPECT_TRUE(status.ok()) << status.error_message();
    fund = GetFund(fund.id());
  }
  return fund;
}

v1::Programme Builder::Programme(const std::string& fund_id) {
  v1::CreateProgrammeRequest req;
  req.set_request_id(Key());
  req.set_code("EU" + Unique(6));
  req.set_name("EU Settlement Scheme outreach");
  req.set_fund_id(fund_id);
  req.add_priority_communities("roma");
  req.add_priority_communities("disabled_people");
  req.add_target_outcomes("Europeans under-represented in the scheme apply");
  v1::Programme out;
  auto status = server_.Programmes()->CreateProgramme(
      server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

v1::Round Builder::Round(int64_t contributed, int64_t budget) {
  v1::Fund fund = Fund(contributed);
  return RoundIn(Programme(fund.id()).id(), Spec(budget));
}

v1::Round Builder::RoundIn(const std::string& programme_id,
                           const v1::RoundSpec& spec) {
  v1::CreateRoundRequest req;
  req.set_request_id(Key());
  req.set_programme_id(programme_id);
  *req.mutable_spec() = spec;
  v1::Round out;
  auto status = server_.Programmes()->CreateRound(
      server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

v1::Fund Builder::GetFund(const std::string& id) {
  v1::GetFundRequest req;
  req.set_id(id);
  v1::Fund out;
  auto status =
      server_.Funding()->GetFund(server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

}  // namespace grants::testing

namespace grants::testing {

v1::OrganisationProfile CharityProfile(const std::string& borough,
                                       int64_t income) {
  v1::OrganisationProfile p;
  p.set_name("Roma Support Group");
  p.set_legal_form(v1::LEGAL_FORM_REGISTERED_CHARITY);
  p.set_charity_number(std::to_string(1000000 + std::rand() % 999999));
  *p.mutable_annual_income() = Gbp(income);
  p.set_borough_code(borough);
  auto* c = p.add_contacts();
  c->set_name("Ana Popescu");
  c->set_email("ana@example.org");
  c->set_role("Coordinator");
  p.mutable_bank_details()->set_account_name("Roma Support Group");
  p.mutable_bank_details()->set_sort_code("12-34-56");
  p.mutable_bank_details()->set_account_number("12345678");
  p.set_correspondence_language("ro");
  return p;
}

v1::ApplicationContent GoodContent(int64_t amount) {
  v1::ApplicationContent c;
  *c.mutable_amount_requested() = Gbp(amount);
  c.set_project_summary("Drop-in sessions helping Roma families apply to EUSS.");
  c.set_planned_activities("Weekly sessions in Romanian and Romani.");
  c.add_target_communities("roma");
  c.add_boroughs_served("E09000030");
  c.add_languages("ro");
  c.add_languages("rom");
  c.mutable_planned_reach()->set_people_supported_directly(120);
  c.mutable_planned_reach()->set_people_reached_with_information(3000);
  auto* venue = c.add_budget_lines();
  venue->set_description("Venue hire");
  *venue->mutable_amount() = Gbp(amount / 2);
  auto* staff = c.add_budget_lines();
  staff->set_description("Sessional workers");
  *staff->mutable_amount() = Gbp(amount - amount / 2);
  auto* answer = c.add_answers();
  answer->set_question_id("reach_plan");
  answer->set_text("Through churches and community WhatsApp groups.");
  return c;
}

v1::RoundSpec OpenSpec() {
  v1::RoundSpec s = Spec(4'500'000, "2025-01-10T09:00", "2025-02-01T12:00",
                         50'000, 500'000);
  auto* q = s.add_questions();
  q->set_id("reach_plan");
  q->set_text("How will you reach people?");
  q->set_required(true);
  q->set_max_chars(500);
  return s;
}

absl::Time JustBeforeDeadline() {
  return absl::FromUnixSeconds(1738411200 - 1);  // 2025-02-01T11:59:59Z
}

v1::Round Builder::OpenRound(const v1::RoundSpec& spec) {
  v1::Fund fund = Fund(10'000'000);
  v1::CreateProgrammeRequest preq;
  preq.set_request_id(Key());
  preq.set_code("EU" + Unique(6));
  preq.set_name("EUSS outreach");
  preq.set_fund_id(fund.id());
  for (const char* c : {"roma", "disabled_people", "low_income_families"})
    preq.add_priority_communities(c);
  v1::Programme programme;
  EXPECT_TRUE(server_.Programmes()
                  ->CreateProgramme(server_.As(Role::kOfficer).get(), preq,
                                    &programme)
                  .ok());
  v1::Round round = RoundIn(programme.id(), spec);
  v1::OpenRoundRequest open;
  open.set_request_id(Key());
  open.set_round_id(round.id());
  auto status = server_.Programmes()->OpenRound(server_.As(Role::kOfficer).get(),
                                                open, &round);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return round;
}

v1::Organisation Builder::Register(const std::string& org,
                                   const v1::OrganisationProfile& profile) {
  v1::RegisterOrganisationRequest req;
  req.set_request_id(Key());
  *req.mutable_profile() = profile;
  v1::Organisation out;
  auto stub = v1::OrganisationService::NewStub(server_.Channel());
  auto status = stub->RegisterOrganisation(
      server_.As(Role::kGrantee, "user-" + org, org).get(), req, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

v1::Application Builder::Draft(const std::string& org,
                               const std::string& round_id,
                               const v1::ApplicationContent& content) {
  v1::CreateApplicationRequest req;
  req.set_request_id(Key());
  req.set_round_id(round_id);
  *req.mutable_content() = content;
  v1::Application out;
  auto stub = v1::ApplicationService::NewStub(server_.Channel());
  auto status = stub->CreateApplication(
      server_.As(Role::kGrantee, "user-" + org, org).get(), req, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

grpc::Status Builder::Submit(const std::string& org, const std::string& id,
                             v1::Application* out, const std::string& key) {
  v1::SubmitApplicationRequest req;
  req.set_request_id(key);
  req.set_id(id);
  auto stub = v1::ApplicationService::NewStub(server_.Channel());
  return stub->SubmitApplication(
      server_.As(Role::kGrantee, "user-" + org, org).get(), req, out);
}

}  // namespace grants::testing
