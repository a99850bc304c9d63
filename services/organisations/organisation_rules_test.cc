// Unit tests of the organisation rules: org-ids, masking, retention.
#include "services/organisations/erasure_rules.h"
#include "services/organisations/organisation_rules.h"
#include "services/organisations/retention_rules.h"

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

TEST(ErasureRulesTest, AnApplicationKeepsItsNumbersAndCodesAndLosesItsWords) {
  v1::ApplicationContent c;
  c.mutable_amount_requested()->set_currency_code("GBP");
  c.mutable_amount_requested()->set_minor_units(250'000);
  c.set_project_summary("Drop-in sessions at Amina's");
  c.set_planned_activities("Weekly at Amina's flat");
  c.add_target_communities("roma");
  c.add_boroughs_served("E09000030");
  c.add_languages("ro");
  c.mutable_planned_reach()->set_people_supported_directly(120);
  auto* line = c.add_budget_lines();
  line->set_description("Amina's travel");
  line->mutable_amount()->set_minor_units(1000);
  auto* answer = c.add_answers();
  answer->set_question_id("q1");
  answer->set_text("My neighbour Amina");
  c.set_correspondence_language("ro");

  v1::ApplicationContent unpublished = ErasedContent(c, false);
  EXPECT_EQ(unpublished.project_summary(), kErased);
  EXPECT_EQ(unpublished.planned_activities(), kErased);
  EXPECT_EQ(unpublished.budget_lines(0).description(), kErased);
  EXPECT_EQ(unpublished.answers(0).text(), kErased);
  EXPECT_EQ(unpublished.answers(0).question_id(), "q1");
  EXPECT_EQ(unpublished.amount_requested().minor_units(), 250'000);
  EXPECT_EQ(unpublished.budget_lines(0).amount().minor_units(), 1000);
  EXPECT_EQ(unpublished.target_communities(0), "roma");
  EXPECT_EQ(unpublished.boroughs_served(0), "E09000030");
  EXPECT_EQ(unpublished.planned_reach().people_supported_directly(), 120);
  EXPECT_EQ(unpublished.DebugString().find("Amina"), std::string::npos);
  // A published grant keeps its description (the 360Giving record).
  EXPECT_EQ(ErasedContent(c, true).project_summary(), c.project_summary());
  // Empty stays empty: nothing is invented.
  EXPECT_EQ(ErasedContent(v1::ApplicationContent(), false).DebugString(), "");
}

TEST(ErasureRulesTest, AReportKeepsEveryCountAndLosesItsWords) {
  v1::ReportContent r;
  r.set_period_start("2025-01-01");
  r.set_activities("At Amina's");
  r.set_story("Amina got settled status");
  r.set_people_supported_directly(12);
  auto* b = r.add_breakdowns();
  b->set_code("roma");
  b->set_people_supported_directly(12);
  v1::ReportContent erased = ErasedReport(r);
  EXPECT_EQ(erased.activities(), kErased);
  EXPECT_EQ(erased.story(), kErased);
  EXPECT_EQ(erased.people_supported_directly(), 12);
  EXPECT_EQ(erased.breakdowns(0).people_supported_directly(), 12);
  EXPECT_EQ(erased.period_start(), "2025-01-01");
  EXPECT_EQ(erased.DebugString().find("Amina"), std::string::npos);
}

}  // namespace
}  // namespace grants::organisations

namespace grants::organisations {
namespace {

TEST(RetentionRulesTest, APeriodIsAtLeastItsClassesLegalMinimum) {
  RetentionRule payees{.record_class = "payee_accounts",
                       .keep_days = 2190,
                       .minimum_days = 2190,
                       .after_event = "the award ended"};
  EXPECT_TRUE(CheckRetentionPeriod(payees, 2190).ok());
  EXPECT_TRUE(CheckRetentionPeriod(payees, 3650).ok());
  absl::Status under = CheckRetentionPeriod(payees, 2189);
  EXPECT_EQ(under.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(under.message()).find("2190"), std::string::npos);
  RetentionRule links{.record_class = "sign_in_links", .minimum_days = 0};
  EXPECT_TRUE(CheckRetentionPeriod(links, 0).ok());
  EXPECT_FALSE(CheckRetentionPeriod(links, -1).ok());
  EXPECT_FALSE(CheckRetentionPeriod(links, kMaxKeepDays + 1).ok());
}

TEST(RetentionRulesTest, ARecordIsDueOnlyAfterItsWholePeriod) {
  const absl::Time event = absl::FromUnixSeconds(1736942400);
  auto due = [&](absl::Duration after) {
    return event < RetentionCutoff(event + after, 30);
  };
  EXPECT_FALSE(due(absl::Hours(24) * 29));
  EXPECT_FALSE(due(absl::Hours(24) * 30));
  EXPECT_TRUE(due(absl::Hours(24) * 30 + absl::Seconds(1)));
  EXPECT_TRUE(due(absl::Hours(24) * 31));
}

}  // namespace
}  // namespace grants::organisations
