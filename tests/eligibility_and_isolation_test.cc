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

  std::unique_ptr<v1::ApplicationService::Stub> Apps() {
    return v1::ApplicationService::NewStub(server_.Channel());
  }
  // Withdraws `id` as `org`.
  void Withdraw(const std::string& org, const std::string& id) {
    v1::WithdrawApplicationRequest req;
    req.set_request_id(Key());
    req.set_id(id);
    v1::Application out;
    grpc::Status s = Apps()->WithdrawApplication(
        server_.As(Role::kGrantee, "user-" + org, org).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  // A new draft by `org` in `round_id`, submitted; returns the failed rules.
  std::vector<std::string> DraftAndSubmit(const std::string& org,
                                          const std::string& round_id,
                                          std::string* id = nullptr) {
    v1::Application a = build_.Draft(org, round_id);
    if (id != nullptr) *id = a.id();
    return SubmitAndListFailures(org, a.id());
  }
  std::vector<std::string> SubmitAndListFailures(const std::string& org,
                                                 const std::string& id) {
    v1::Application out;
    grpc::Status s = build_.Submit(org, id, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> failed;
    for (const auto& f : out.submission().failed_rules()) failed.push_back(f.rule());
    EXPECT_EQ(out.submission().eligibility(),
              failed.empty() ? v1::ELIGIBILITY_ELIGIBLE : v1::ELIGIBILITY_INELIGIBLE);
    return failed;
  }
  // A second round, opened, in the programme of `first`.
  v1::Round SecondRound(const v1::Round& first, const v1::RoundSpec& spec) {
    v1::Round second = build_.RoundIn(first.programme_id(), spec);
    v1::OpenRoundRequest open;
    open.set_request_id(Key());
    open.set_round_id(second.id());
    grpc::Status s = server_.Programmes()->OpenRound(
        server_.As(Role::kOfficer).get(), open, &second);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return second;
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

// Applications per round counts the organisation's other applications in
// the round that were ever submitted, withdrawn ones included: at most one is
// active at a time, so the limit is on withdrawing and applying again.
TEST_F(EligibilityTest, ApplicationsPerRoundRulePassesAndFails) {
  v1::RoundSpec spec = OpenSpec();
  spec.mutable_eligibility()->set_max_applications_per_round(1);
  v1::Round round = build_.OpenRound(spec);
  build_.Register("ORG-A");
  std::string first;
  EXPECT_EQ(DraftAndSubmit("ORG-A", round.id(), &first), Rules{});
  // Returned and resubmitted, it is still the one application.
  v1::ReturnApplicationRequest ret;
  ret.set_request_id(Key());
  ret.set_id(first);
  ret.set_comment("Add your venue");
  v1::Application out;
  ASSERT_TRUE(Apps()->ReturnApplication(server_.As(Role::kOfficer).get(), ret, &out).ok());
  EXPECT_EQ(SubmitAndListFailures("ORG-A", first), Rules{});
  Withdraw("ORG-A", first);
  EXPECT_EQ(DraftAndSubmit("ORG-A", round.id()),
            Rules{"TOO_MANY_APPLICATIONS_IN_ROUND"});
  EXPECT_EQ(db_.Scalar("SELECT failed_rules->0->>'description' FROM "
                       "application_submissions WHERE eligibility = 'ineligible'"),
            "at most 1 application(s) per organisation in this round, "
            "withdrawn ones included; it already has 1");

  // A draft withdrawn before it was submitted does not count.
  build_.Register("ORG-B");
  Withdraw("ORG-B", build_.Draft("ORG-B", round.id()).id());
  EXPECT_EQ(DraftAndSubmit("ORG-B", round.id()), Rules{});

  // With a limit of 2, one withdrawn submission leaves room for another.
  spec.mutable_eligibility()->set_max_applications_per_round(2);
  v1::Round roomier = SecondRound(round, spec);
  std::string withdrawn;
  EXPECT_EQ(DraftAndSubmit("ORG-A", roomier.id(), &withdrawn), Rules{});
  Withdraw("ORG-A", withdrawn);
  EXPECT_EQ(DraftAndSubmit("ORG-A", roomier.id()), Rules{});
}

// Grants are approved applications; decisions are not built yet, so no
// application can be approved and the failing side of these rules is tested
// on the pure rule (application_rules_test.cc). Here: the limits are stored
// and given back, and submitted (not approved) applications never count as
// grants.
TEST_F(EligibilityTest, GrantsRulesAreStoredAndDoNotCountSubmissions) {
  v1::RoundSpec spec = OpenSpec();
  spec.mutable_eligibility()->set_max_grants_per_round(1);
  spec.mutable_eligibility()->set_max_grants_per_programme(1);
  v1::Round round = build_.OpenRound(spec);
  EXPECT_EQ(round.eligibility().max_grants_per_round(), 1);
  EXPECT_EQ(round.eligibility().max_grants_per_programme(), 1);
  EXPECT_EQ(db_.Scalar("SELECT eligibility->>'max_grants_per_programme' FROM "
                       "rounds WHERE id = '" + round.id() + "'"),
            "1");
  v1::Round second = SecondRound(round, spec);
  build_.Register("ORG-A");
  std::string first;
  EXPECT_EQ(DraftAndSubmit("ORG-A", round.id(), &first), Rules{});
  Withdraw("ORG-A", first);
  EXPECT_EQ(DraftAndSubmit("ORG-A", round.id()), Rules{});
  EXPECT_EQ(DraftAndSubmit("ORG-A", second.id()), Rules{});
}

TEST_F(EligibilityTest, LimitsAreBoundedAndTheDatabaseRefusesBadOnes) {
  for (auto [value, reason] : {std::pair{-1, "MUST_NOT_BE_NEGATIVE"},
                               std::pair{101, "OUT_OF_RANGE"}}) {
    v1::RoundSpec spec = Spec(100'000);
    spec.mutable_eligibility()->set_max_applications_per_round(value);
    v1::Round fund_round = build_.Round(1'000'000, 100'000);
    v1::CreateRoundRequest req;
    req.set_request_id(Key());
    req.set_programme_id(fund_round.programme_id());
    *req.mutable_spec() = spec;
    v1::Round out;
    grpc::Status s = server_.Programmes()->CreateRound(
        server_.As(Role::kOfficer).get(), req, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(ReasonOf(s), reason);
    EXPECT_EQ(FieldOf(s), "spec.eligibility.max_applications_per_round");
  }
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM rounds"), "2");
  // The backstop for writers that bypass the converters.
  for (const char* bad : {"-1", "1.5", "\"2\""}) {
    EXPECT_THROW(db_.Exec(std::string("UPDATE rounds SET eligibility = "
                                      "'{\"max_grants_per_round\": ") +
                          bad + "}'"),
                 std::exception)
        << bad;
  }
  EXPECT_NO_THROW(db_.Exec("UPDATE rounds SET eligibility = "
                           "'{\"max_grants_per_round\": 3}'"));
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
