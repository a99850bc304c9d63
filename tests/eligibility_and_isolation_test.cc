// Eligibility rules as data, bad applications refused with the field named,
// grantee isolation on every application and organisation RPC, and bank
// details masked for everyone but finance.
#include <gtest/gtest.h>

#include "tests/builders.h"

namespace grants::testing {
namespace {

class EligibilityTest : public ::testing::Test {
 protected:
  // Submits a fresh application by a new organisation with `profile` to a
  // round with `rules`; returns the failed rule codes.
  std::vector<std::string> FailedRules(const v1::EligibilityRules& rules,
                                       const v1::OrganisationProfile& profile) {
    v1::RoundSpec spec = OpenSpec();
    *spec.mutable_eligibility() = rules;
    v1::Round round = build_.OpenRound(spec);
    std::string org = "ORG-" + std::to_string(++orgs_);
    build_.Register(org, profile);
    v1::Application a = build_.Draft(org, round.id());
    v1::Application out;
    grpc::Status s = build_.Submit(org, a.id(), &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> failed;
    for (const auto& f : out.submission().failed_rules()) failed.push_back(f.rule());
    EXPECT_EQ(out.submission().eligibility(),
              failed.empty() ? v1::ELIGIBILITY_ELIGIBLE : v1::ELIGIBILITY_INELIGIBLE);
    return failed;
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  Builder build_{server_};
  int orgs_ = 0;
};

using Rules = std::vector<std::string>;

TEST_F(EligibilityTest, LegalFormRulePassesAndFails) {
  v1::EligibilityRules rules;
  rules.add_allowed_legal_forms()->set_code("registered_charity");
  EXPECT_EQ(FailedRules(rules, CharityProfile()), Rules{});
  v1::OrganisationProfile group = CharityProfile();
  group.set_legal_form(v1::LEGAL_FORM_UNREGISTERED_GROUP);
  group.clear_charity_number();
  EXPECT_EQ(FailedRules(rules, group), Rules{"LEGAL_FORM_NOT_ALLOWED"});
}

TEST_F(EligibilityTest, IncomeRulePassesAndFails) {
  v1::EligibilityRules rules;
  *rules.mutable_max_annual_income() = Gbp(10'000'000);
  EXPECT_EQ(FailedRules(rules, CharityProfile("E09000030", 10'000'000)), Rules{});
  EXPECT_EQ(FailedRules(rules, CharityProfile("E09000030", 10'000'001)),
            Rules{"INCOME_TOO_HIGH"});
}

TEST_F(EligibilityTest, BoroughRulesPassAndFail) {
  v1::EligibilityRules london;
  london.set_london_only(true);
  EXPECT_EQ(FailedRules(london, CharityProfile("E09000033")), Rules{});
  EXPECT_EQ(FailedRules(london, CharityProfile("E08000003")),  // Manchester
            Rules{"BOROUGH_NOT_ELIGIBLE"});
  v1::EligibilityRules east;
  east.add_boroughs("E09000030");
  east.add_boroughs("E09000025");
  EXPECT_EQ(FailedRules(east, CharityProfile("E09000025")), Rules{});
  EXPECT_EQ(FailedRules(east, CharityProfile("E09000033")),
            Rules{"BOROUGH_NOT_ELIGIBLE"});
}

TEST_F(EligibilityTest, ApplicationsPerProgrammeRulePassesAndFails) {
  v1::RoundSpec spec = OpenSpec();
  spec.mutable_eligibility()->set_max_applications_per_programme(1);
  v1::Round first = build_.OpenRound(spec);
  v1::CreateRoundRequest second_req;
  second_req.set_request_id(Key());
  second_req.set_programme_id(first.programme_id());
  *second_req.mutable_spec() = spec;
  v1::Round second;
  ASSERT_TRUE(server_.Programmes()
                  ->CreateRound(server_.As(Role::kOfficer).get(), second_req, &second)
                  .ok());
  v1::OpenRoundRequest open;
  open.set_request_id(Key());
  open.set_round_id(second.id());
  ASSERT_TRUE(server_.Programmes()->OpenRound(server_.As(Role::kOfficer).get(), open, &second).ok());
  build_.Register("ORG-A");
  v1::Application out;
  ASSERT_TRUE(build_.Submit("ORG-A", build_.Draft("ORG-A", first.id()).id(), &out).ok());
  EXPECT_EQ(out.submission().eligibility(), v1::ELIGIBILITY_ELIGIBLE);
  ASSERT_TRUE(build_.Submit("ORG-A", build_.Draft("ORG-A", second.id()).id(), &out).ok());
  EXPECT_EQ(out.submission().eligibility(), v1::ELIGIBILITY_INELIGIBLE);
  ASSERT_EQ(out.submission().failed_rules_size(), 1);
  EXPECT_EQ(out.submission().failed_rules(0).rule(), "TOO_MANY_APPLICATIONS");
}

class BadApplicationTest : public EligibilityTest {
 protected:
  void SetUp() override {
    round_ = build_.OpenRound();
    build_.Register("ORG-A");
    draft_ = build_.Draft("ORG-A", round_.id());
  }
  // Updates the draft to `content` then submits; returns the first failure.
  grpc::Status SaveAndSubmit(const v1::ApplicationContent& content) {
    auto stub = v1::ApplicationService::NewStub(server_.Channel());
    v1::UpdateApplicationRequest req;
    req.set_request_id(Key());
    req.set_id(draft_.id());
    *req.mutable_content() = content;
    v1::Application out;
    grpc::Status s = stub->UpdateApplication(
        server_.As(Role::kGrantee, "u", "ORG-A").get(), req, &out);
    if (!s.ok()) return s;
    return build_.Submit("ORG-A", draft_.id(), &out);
  }
  v1::Round round_;
  v1::Application draft_;
};

TEST_F(BadApplicationTest, EachIsRefusedWithItsReasonAndFieldAndNothingSubmitted) {
  struct Case {
    std::function<void(v1::ApplicationContent&)> spoil;
    std::string reason, field;
  };
  std::vector<Case> cases = {
      {[](auto& c) { *c.mutable_amount_requested() = Gbp(500'001); },
       "AMOUNT_OUT_OF_RANGE", "content.amount_requested"},
      {[](auto& c) { *c.mutable_amount_requested() = Gbp(49'999); },
       "AMOUNT_OUT_OF_RANGE", "content.amount_requested"},
      {[](auto& c) { c.mutable_budget_lines(0)->mutable_amount()->set_minor_units(1); },
       "BUDGET_LINES_MISMATCH", "content.budget_lines"},
      {[](auto& c) { c.set_boroughs_served(0, "Tower Hamlets"); },
       "BOROUGH_INVALID", "content.boroughs_served[0]"},
      {[](auto& c) { c.add_target_communities("martians"); },
       "COMMUNITY_UNKNOWN", "content.target_communities[1]"},
      {[](auto& c) { c.set_project_summary(std::string(2001, 'x')); },
       "TOO_LONG", "content.project_summary"},
      {[](auto& c) { c.set_project_summary("bad\x1b[31m"); },
       "CONTROL_CHARACTERS", "content.project_summary"},
      {[](auto& c) { c.clear_answers(); },
       "ANSWER_REQUIRED", "content.answers.reach_plan"},
      {[](auto& c) { c.add_languages("Polish"); },
       "LANGUAGE_INVALID", "content.languages[2]"},
  };
  for (const auto& k : cases) {
    v1::ApplicationContent content = GoodContent();
    k.spoil(content);
    grpc::Status s = SaveAndSubmit(content);
    EXPECT_EQ(ReasonOf(s), k.reason);
    EXPECT_EQ(FieldOf(s), k.field) << k.reason;
  }
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM application_submissions"), "0");
}

TEST_F(BadApplicationTest, UnknownOrClosedRoundsAreRefused) {
  v1::CreateApplicationRequest req;
  req.set_request_id(Key());
  req.set_round_id("00000000-0000-4000-8000-000000000000");
  v1::Application out;
  auto stub = v1::ApplicationService::NewStub(server_.Channel());
  EXPECT_EQ(ReasonOf(stub->CreateApplication(
                server_.As(Role::kGrantee, "u", "ORG-A").get(), req, &out)),
            "ROUND_NOT_FOUND");
  v1::Round draft_round = build_.Round(1'000'000, 100'000);  // never opened
  build_.Register("ORG-B");
  req.set_round_id(draft_round.id());
  EXPECT_EQ(ReasonOf(stub->CreateApplication(
                server_.As(Role::kGrantee, "u", "ORG-B").get(), req, &out)),
            "ROUND_NOT_OPEN");
  req.set_round_id(round_.id());
  EXPECT_EQ(ReasonOf(stub->CreateApplication(
                server_.As(Role::kGrantee, "u", "ORG-UNREGISTERED").get(), req, &out)),
            "ORGANISATION_NOT_REGISTERED");
}

}  // namespace
}  // namespace grants::testing
