// Unit tests of the application rules, without a database.
#include "services/applications/application_rules.h"

#include <gtest/gtest.h>

#include "common/status.h"

namespace grants::applications {
namespace {

v1::Money Gbp(int64_t minor) {
  v1::Money m;
  m.set_currency_code("GBP");
  m.set_minor_units(minor);
  return m;
}

programmes::RoundSpec Round() {
  programmes::RoundSpec r;
  r.currency = "GBP";
  r.min_grant_minor = 50'000;
  r.max_grant_minor = 500'000;
  r.questions = {{"reach_plan", "How?", true, 20}};
  return r;
}

Content Good() {
  Content c;
  *c.mutable_amount_requested() = Gbp(100'000);
  c.set_project_summary("Sessions");
  auto* a = c.add_budget_lines();
  a->set_description("Venue");
  *a->mutable_amount() = Gbp(40'000);
  auto* b = c.add_budget_lines();
  b->set_description("Staff");
  *b->mutable_amount() = Gbp(60'000);
  auto* ans = c.add_answers();
  ans->set_question_id("reach_plan");
  ans->set_text("Word of mouth");
  return c;
}

organisations::Organisation Org(std::string form, int64_t income,
                                std::string borough) {
  organisations::Organisation o;
  o.profile.legal_form = std::move(form);
  o.profile.annual_income_minor = income;
  o.profile.borough_code = std::move(borough);
  return o;
}

TEST(ApplicationRulesTest, CompleteContentPasses) {
  EXPECT_TRUE(CheckComplete(Round(), Good()).ok());
}

TEST(ApplicationRulesTest, AmountsOutsideTheRangeAndUnbalancedBudgetsFail) {
  Content c = Good();
  *c.mutable_amount_requested() = Gbp(500'001);
  EXPECT_EQ(ReasonOf(CheckComplete(Round(), c)), "AMOUNT_OUT_OF_RANGE");
  c = Good();
  c.mutable_budget_lines(0)->mutable_amount()->set_minor_units(39'999);
  EXPECT_EQ(ReasonOf(CheckComplete(Round(), c)), "BUDGET_LINES_MISMATCH");
}

TEST(ApplicationRulesTest, AnswersMustBePresentShortEnoughAndAsked) {
  Content c = Good();
  c.mutable_answers(0)->set_text("");
  EXPECT_EQ(ReasonOf(CheckComplete(Round(), c)), "ANSWER_REQUIRED");
  c.mutable_answers(0)->set_text(std::string(21, 'x'));
  EXPECT_EQ(ReasonOf(CheckComplete(Round(), c)), "ANSWER_TOO_LONG");
  c.mutable_answers(0)->set_question_id("not_asked");
  EXPECT_EQ(ReasonOf(CheckComplete(Round(), c)), "QUESTION_UNKNOWN");
}

TEST(ApplicationRulesTest, EvaluatesEveryRuleAndReportsEachFailure) {
  programmes::EligibilityRules rules;
  rules.allowed_legal_forms = {"cio"};
  rules.max_annual_income_minor = 1'000'000;
  rules.london_only = true;
  rules.max_applications_per_programme = 1;
  rules.max_applications_per_round = 1;
  rules.max_grants_per_round = 1;
  rules.max_grants_per_programme = 1;
  EXPECT_TRUE(Evaluate(rules, Org("cio", 1'000'000, "E09000001"), {}).empty());
  auto failed =
      Evaluate(rules, Org("cic", 1'000'001, "W06000015"), {1, 1, 1, 1});
  ASSERT_EQ(failed.size(), 7u);
  EXPECT_EQ(failed[0].rule, "LEGAL_FORM_NOT_ALLOWED");
  EXPECT_EQ(failed[1].rule, "INCOME_TOO_HIGH");
  EXPECT_EQ(failed[2].rule, "BOROUGH_NOT_ELIGIBLE");
  EXPECT_EQ(failed[3].rule, "TOO_MANY_APPLICATIONS");
  EXPECT_EQ(failed[4].rule, "TOO_MANY_APPLICATIONS_IN_ROUND");
  EXPECT_EQ(failed[5].rule, "TOO_MANY_GRANTS_IN_ROUND");
  EXPECT_EQ(failed[6].rule, "TOO_MANY_GRANTS_IN_PROGRAMME");
  EXPECT_TRUE(Evaluate({}, Org("cic", 99'999'999, ""), {7, 7, 7, 7}).empty());
}

// Each per-organisation limit on its own: below it passes, at it fails
// (this submission would be one more), and each counts only its own figure.
TEST(ApplicationRulesTest, EachPerOrganisationLimitPassesBelowAndFailsAtIt) {
  struct Case {
    int programmes::EligibilityRules::*limit;
    int PriorCounts::*count;
    std::string rule;
  } cases[] = {
      {&programmes::EligibilityRules::max_applications_per_programme,
       &PriorCounts::applications_in_programme, "TOO_MANY_APPLICATIONS"},
      {&programmes::EligibilityRules::max_applications_per_round,
       &PriorCounts::applications_in_round, "TOO_MANY_APPLICATIONS_IN_ROUND"},
      {&programmes::EligibilityRules::max_grants_per_round,
       &PriorCounts::grants_in_round, "TOO_MANY_GRANTS_IN_ROUND"},
      {&programmes::EligibilityRules::max_grants_per_programme,
       &PriorCounts::grants_in_programme, "TOO_MANY_GRANTS_IN_PROGRAMME"},
  };
  const auto org = Org("cio", 0, "E09000001");
  for (const Case& c : cases) {
    programmes::EligibilityRules rules;
    rules.*c.limit = 2;
    PriorCounts prior{5, 5, 5, 5};  // the other figures do not matter
    prior.*c.count = 1;
    EXPECT_TRUE(Evaluate(rules, org, prior).empty()) << c.rule;
    prior.*c.count = 2;
    auto failed = Evaluate(rules, org, prior);
    ASSERT_EQ(failed.size(), 1u) << c.rule;
    EXPECT_EQ(failed[0].rule, c.rule);
    EXPECT_EQ(failed[0].description.find("at most 2 "), 0u)
        << failed[0].description;
    EXPECT_NE(failed[0].description.find("it already has 2"),
              std::string::npos);
  }
}

TEST(ApplicationRulesTest, TheDeadlineIsExclusiveAndExtensionsOnlyExtend) {
  programmes::Round r;
  r.state = programmes::RoundState::kOpen;
  r.spec.opens_at = absl::FromUnixSeconds(1000);
  r.spec.closes_at = absl::FromUnixSeconds(2000);
  Extension earlier{"", "", "", absl::FromUnixSeconds(1500), "", "", {}};
  Extension later{"", "", "", absl::FromUnixSeconds(3000), "", "", {}};
  EXPECT_EQ(Deadline(r, std::nullopt), r.spec.closes_at);
  EXPECT_EQ(Deadline(r, earlier), r.spec.closes_at);
  EXPECT_EQ(Deadline(r, later), later.closes_at);
  EXPECT_TRUE(CheckWindow(r, r.spec.closes_at, absl::FromUnixSeconds(1999)).ok());
  EXPECT_EQ(ReasonOf(CheckWindow(r, r.spec.closes_at, absl::FromUnixSeconds(2000))),
            "DEADLINE_PASSED");
  EXPECT_EQ(ReasonOf(CheckWindow(r, r.spec.closes_at, absl::FromUnixSeconds(999))),
            "ROUND_NOT_YET_OPEN");
}

}  // namespace
}  // namespace grants::applications
