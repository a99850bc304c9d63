// Organisations through the public API: registration numbers by legal
// form mapped to org-ids, bank details masked for all but finance, and a
// grantee confined to its own organisation on every organisation and
// application RPC.
#include <gtest/gtest.h>

#include "tests/builders.h"

namespace grants::testing {
namespace {

class OrganisationsTest : public ::testing::Test {
 protected:
  std::unique_ptr<v1::OrganisationService::Stub> Orgs() {
    return v1::OrganisationService::NewStub(server_.Channel());
  }
  grpc::Status RegisterAs(const std::string& org,
                          const v1::OrganisationProfile& profile,
                          v1::Organisation* out) {
    v1::RegisterOrganisationRequest req;
    req.set_request_id(Key());
    *req.mutable_profile() = profile;
    return Orgs()->RegisterOrganisation(
        server_.As(Role::kGrantee, "u", org).get(), req, out);
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  Builder build_{server_};
};

TEST_F(OrganisationsTest, MapsRegistrationNumbersToOrgIds) {
  struct Case {
    v1::LegalForm form;
    std::string charity, company, org_id;
  } cases[] = {
      {v1::LEGAL_FORM_REGISTERED_CHARITY, "1085314", "", "GB-CHC-1085314"},
      {v1::LEGAL_FORM_CIO, "SC012345", "", "GB-SC-SC012345"},
      {v1::LEGAL_FORM_REGISTERED_CHARITY, "NIC100002", "", "GB-NIC-100002"},
      {v1::LEGAL_FORM_CIC, "", "01234567", "GB-COH-01234567"},
      {v1::LEGAL_FORM_COMPANY_LIMITED_BY_GUARANTEE, "", "SC123456", "GB-COH-SC123456"},
      {v1::LEGAL_FORM_CHARITABLE_COMPANY, "1123456", "07654321", "GB-CHC-1123456"},
      {v1::LEGAL_FORM_UNREGISTERED_GROUP, "", "", "360G-GRANTSLDN-ORG-7"},
  };
  int n = 0;
  for (const auto& c : cases) {
    v1::OrganisationProfile p = CharityProfile();
    p.set_legal_form(c.form);
    p.set_charity_number(c.charity);
    p.set_company_number(c.company);
    v1::Organisation out;
    ASSERT_TRUE(RegisterAs("ORG-" + std::to_string(++n), p, &out).ok()) << c.org_id;
    EXPECT_EQ(out.org_id(), c.org_id);
  }
}

TEST_F(OrganisationsTest, RefusesRegistrationNumbersOfTheWrongForm) {
  struct Case {
    v1::LegalForm form;
    std::string charity, company, reason, field;
  } cases[] = {
      {v1::LEGAL_FORM_REGISTERED_CHARITY, "12345", "", "CHARITY_NUMBER_INVALID",
       "profile.charity_number"},
      {v1::LEGAL_FORM_REGISTERED_CHARITY, "", "", "CHARITY_NUMBER_REQUIRED",
       "profile.charity_number"},
      {v1::LEGAL_FORM_CIC, "", "1234567", "COMPANY_NUMBER_INVALID",
       "profile.company_number"},
      {v1::LEGAL_FORM_CIC, "1085314", "01234567", "NUMBER_NOT_APPLICABLE",
       "profile.charity_number"},
      {v1::LEGAL_FORM_UNREGISTERED_GROUP, "", "01234567", "NUMBER_NOT_APPLICABLE",
       "profile.company_number"},
  };
  for (const auto& c : cases) {
    v1::OrganisationProfile p = CharityProfile();
    p.set_legal_form(c.form);
    p.set_charity_number(c.charity);
    p.set_company_number(c.company);
    v1::Organisation out;
    grpc::Status s = RegisterAs("ORG-X", p, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(ReasonOf(s), c.reason);
    EXPECT_EQ(FieldOf(s), c.field);
  }
  v1::OrganisationProfile p = CharityProfile();
  p.set_borough_code("Hackney");
  v1::Organisation out;
  EXPECT_EQ(ReasonOf(RegisterAs("ORG-X", p, &out)), "BOROUGH_INVALID");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM organisations"), "0");
}

TEST_F(OrganisationsTest, BankDetailsAreMaskedForEveryRoleButFinance) {
  build_.Register("ORG-A");
  v1::GetOrganisationRequest req;
  req.set_id("ORG-A");
  for (Role role : {Role::kGrantee, Role::kOfficer, Role::kAuditor}) {
    v1::Organisation out;
    ASSERT_TRUE(Orgs()->GetOrganisation(server_.As(role, "u", "ORG-A").get(), req, &out).ok());
    EXPECT_EQ(out.profile().bank_details().sort_code(), "**-**-**") << RoleName(role);
    EXPECT_EQ(out.profile().bank_details().account_number(), "****5678");
  }
  v1::ListOrganisationsResponse list;
  ASSERT_TRUE(Orgs()->ListOrganisations(server_.As(Role::kOfficer).get(),
                                        v1::ListOrganisationsRequest(), &list).ok());
  EXPECT_EQ(list.organisations(0).profile().bank_details().account_number(), "****5678");
  auto finance = v1::OrganisationService::NewStub(server_.FinanceChannel());
  grpc::ClientContext ctx;
  v1::Organisation out;
  ASSERT_TRUE(finance->GetOrganisation(&ctx, req, &out).ok());
  EXPECT_EQ(out.profile().bank_details().sort_code(), "12-34-56");
  EXPECT_EQ(out.profile().bank_details().account_number(), "12345678");
  // And bank numbers never reach the audit trail.
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events WHERE summary LIKE "
                       "'%12345678%'"),
            "0");
}

// Masked: account name kept, sort code hidden, last four digits shown.
void ExpectMasked(const v1::Organisation& o, const std::string& last4,
                  const std::string& where) {
  EXPECT_EQ(o.profile().bank_details().account_name(), "Roma Support Group")
      << where;
  EXPECT_EQ(o.profile().bank_details().sort_code(), "**-**-**") << where;
  EXPECT_EQ(o.profile().bank_details().account_number(), "****" + last4)
      << where;
}

TEST_F(OrganisationsTest, RegisterAndUpdateResponsesAreMaskedIncludingReplays) {
  auto grantee = [&] { return server_.As(Role::kGrantee, "u", "ORG-A"); };
  v1::RegisterOrganisationRequest reg;
  reg.set_request_id(Key());
  *reg.mutable_profile() = CharityProfile();
  v1::Organisation out;
  ASSERT_TRUE(Orgs()->RegisterOrganisation(grantee().get(), reg, &out).ok());
  ExpectMasked(out, "5678", "register");
  v1::Organisation replay;
  ASSERT_TRUE(Orgs()->RegisterOrganisation(grantee().get(), reg, &replay).ok());
  EXPECT_EQ(replay.id(), out.id());
  ExpectMasked(replay, "5678", "register replay");

  // New details are proposed (masked in the answer and its replay) and
  // take effect when someone else confirms them.
  v1::ProposeBankDetailsRequest propose;
  propose.set_request_id(Key());
  propose.set_organisation_id("ORG-A");
  auto* bank = propose.mutable_bank_details();
  bank->set_account_name("Roma Support Group");
  bank->set_sort_code("65-43-21");
  bank->set_account_number("87654321");
  v1::BankDetailsChange change, change_replay;
  ASSERT_TRUE(Orgs()->ProposeBankDetails(grantee().get(), propose, &change).ok());
  EXPECT_EQ(change.bank_details().account_number(), "****4321");
  ASSERT_TRUE(
      Orgs()->ProposeBankDetails(grantee().get(), propose, &change_replay).ok());
  EXPECT_EQ(change_replay.bank_details().account_number(), "****4321");
  EXPECT_EQ(change_replay.id(), change.id());
  // An officer correcting the details sees them masked too.
  propose.set_request_id(Key());
  bank->set_account_number("11112222");
  ASSERT_TRUE(Orgs()->ProposeBankDetails(server_.As(Role::kOfficer).get(),
                                         propose, &change).ok());
  EXPECT_EQ(change.bank_details().account_number(), "****2222");
  EXPECT_EQ(change.bank_details().sort_code(), "**-**-**");
  v1::ConfirmBankDetailsRequest confirm;
  confirm.set_request_id(Key());
  confirm.set_id(change.id());
  ASSERT_TRUE(Orgs()->ConfirmBankDetails(
                        server_.As(Role::kOfficer, "officer-two").get(),
                        confirm, &change).ok());
  v1::GetOrganisationRequest mine;
  mine.set_id("ORG-A");
  ASSERT_TRUE(Orgs()->GetOrganisation(grantee().get(), mine, &out).ok());
  ExpectMasked(out, "2222", "after confirmation");
  // The full numbers were stored: finance reads them.
  auto finance = v1::OrganisationService::NewStub(server_.FinanceChannel());
  grpc::ClientContext ctx;
  v1::GetOrganisationRequest get;
  get.set_id("ORG-A");
  ASSERT_TRUE(finance->GetOrganisation(&ctx, get, &out).ok());
  EXPECT_EQ(out.profile().bank_details().sort_code(), "65-43-21");
  EXPECT_EQ(out.profile().bank_details().account_number(), "11112222");
}

TEST_F(OrganisationsTest, ListingIsMaskedForOfficersAndAuditorsNotFinance) {
  build_.Register("ORG-A");
  build_.Register("ORG-B");
  for (Role role : {Role::kOfficer, Role::kAuditor}) {
    v1::ListOrganisationsResponse list;
    ASSERT_TRUE(Orgs()->ListOrganisations(server_.As(role).get(),
                                          v1::ListOrganisationsRequest(), &list)
                    .ok());
    ASSERT_EQ(list.organisations_size(), 2) << RoleName(role);
    for (const auto& o : list.organisations())
      ExpectMasked(o, "5678", std::string(RoleName(role)) + " list");
  }
  auto finance = v1::OrganisationService::NewStub(server_.FinanceChannel());
  grpc::ClientContext ctx;
  v1::ListOrganisationsResponse list;
  ASSERT_TRUE(finance->ListOrganisations(&ctx, v1::ListOrganisationsRequest(),
                                         &list).ok());
  ASSERT_EQ(list.organisations_size(), 2);
  for (const auto& o : list.organisations()) {
    EXPECT_EQ(o.profile().bank_details().sort_code(), "12-34-56");
    EXPECT_EQ(o.profile().bank_details().account_number(), "12345678");
  }
}

TEST_F(OrganisationsTest, AGranteeReachesNoOtherOrganisationsRecords) {
  v1::Round round = build_.OpenRound();
  build_.Register("ORG-A");
  build_.Register("ORG-B");
  v1::Application theirs = build_.Draft("ORG-B", round.id());
  auto me = [&] { return server_.As(Role::kGrantee, "mallory", "ORG-A"); };
  auto apps = v1::ApplicationService::NewStub(server_.Channel());
  auto refused = [](const grpc::Status& s) {
    return s.error_code() == grpc::StatusCode::PERMISSION_DENIED ||
           s.error_code() == grpc::StatusCode::NOT_FOUND;
  };
  v1::Organisation org;
  v1::GetOrganisationRequest get_org;
  get_org.set_id("ORG-B");
  EXPECT_TRUE(refused(Orgs()->GetOrganisation(me().get(), get_org, &org)));
  EXPECT_FALSE(org.has_profile());
  v1::UpdateOrganisationRequest update_org;
  update_org.set_request_id(Key());
  update_org.set_id("ORG-B");
  update_org.mutable_profile()->set_name("Hijacked");
  update_org.add_update_mask("name");
  EXPECT_TRUE(refused(Orgs()->UpdateOrganisation(me().get(), update_org, &org)));

  v1::Application app;
  v1::GetApplicationRequest get;
  get.set_id(theirs.id());
  EXPECT_TRUE(refused(apps->GetApplication(me().get(), get, &app)));
  EXPECT_TRUE(app.id().empty());
  v1::UpdateApplicationRequest update;
  update.set_request_id(Key());
  update.set_id(theirs.id());
  EXPECT_TRUE(refused(apps->UpdateApplication(me().get(), update, &app)));
  v1::SubmitApplicationRequest submit;
  submit.set_request_id(Key());
  submit.set_id(theirs.id());
  EXPECT_TRUE(refused(apps->SubmitApplication(me().get(), submit, &app)));
  v1::WithdrawApplicationRequest withdraw;
  withdraw.set_request_id(Key());
  withdraw.set_id(theirs.id());
  EXPECT_TRUE(refused(apps->WithdrawApplication(me().get(), withdraw, &app)));
  v1::ListApplicationsRequest list;
  list.set_round_id(round.id());
  v1::ListApplicationsResponse listed;
  ASSERT_TRUE(apps->ListApplications(me().get(), list, &listed).ok());
  EXPECT_EQ(listed.applications_size(), 0);
  // Nothing of ORG-B's changed, and each refusal is in the audit trail.
  EXPECT_EQ(db_.Scalar("SELECT state FROM applications WHERE id = '" + theirs.id() + "'"),
            "draft");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events WHERE entity_type = "
                       "'refusal' AND actor = 'mallory'"),
            "6");
}

}  // namespace
}  // namespace grants::testing
