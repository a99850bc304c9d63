// Unit tests of the organisation rules: org-ids and masking.
#include "services/organisations/organisation_rules.h"

#include <gtest/gtest.h>

namespace grants::organisations {
namespace {

TEST(OrganisationRulesTest, DerivesOrgIdsByRegister) {
  Profile p;
  p.charity_number = "1085314";
  EXPECT_EQ(DeriveOrgId(p, "X"), "GB-CHC-1085314");
  p.charity_number = "SC012345";
  EXPECT_EQ(DeriveOrgId(p, "X"), "GB-SC-SC012345");
  p.charity_number = "NIC100002";
  EXPECT_EQ(DeriveOrgId(p, "X"), "GB-NIC-100002");
  p.charity_number = "";
  p.company_number = "01234567";
  EXPECT_EQ(DeriveOrgId(p, "X"), "GB-COH-01234567");
  p.company_number = "";
  EXPECT_EQ(DeriveOrgId(p, "ORG-9"), "360G-GRANTSLDN-ORG-9");
}

TEST(OrganisationRulesTest, MasksBankDetailsAndNormalisesSortCodes) {
  BankDetails b{"Group", "12-34-56", "12345678"};
  BankDetails m = Masked(b);
  EXPECT_EQ(m.sort_code, "**-**-**");
  EXPECT_EQ(m.account_number, "****5678");
  EXPECT_TRUE(Masked(BankDetails{}).empty());
  EXPECT_EQ(NormaliseSortCode("123456"), "12-34-56");
}

TEST(OrganisationRulesTest, RequiresWholeBankDetailsAndValidNumbers) {
  Profile p;
  p.name = "Group";
  p.legal_form = "unregistered_group";
  p.bank = {"Group", "", ""};
  Validator v;
  ValidateProfile(v, p);
  EXPECT_EQ(ReasonOf(v.Finish()), "BANK_DETAILS_INCOMPLETE");
  p.bank = {"Group", "12-34-5", "1234567"};
  Validator w;
  ValidateProfile(w, p);
  auto fields = FieldViolationsOf(w.Finish());
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].reason, "SORT_CODE_INVALID");
  EXPECT_EQ(fields[1].reason, "ACCOUNT_NUMBER_INVALID");
}

}  // namespace
}  // namespace grants::organisations
