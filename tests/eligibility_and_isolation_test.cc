// Eligibility rules as data, bad applications refused with the field named,
// grantee isolation on every application and organisation RPC, and bank
// details masked for everyone but finance.
#include <gtest/gtest.h>

#include <latch>
#include <thread>

#include <functional>

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

// Two tabs submitting at once to two rounds of one programme that allows
// one application: the organisation's row lock lets exactly one pass.
TEST_F(EligibilityTest, ConcurrentSubmitsToTwoRoundsCannotBothPassAProgrammeLimit) {
  v1::RoundSpec spec = OpenSpec();
  spec.mutable_eligibility()->set_max_applications_per_programme(1);
  v1::Round first = build_.OpenRound(spec);
  v1::Round second = SecondRound(first, spec);
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::string org = "ORG-RACE-" + std::to_string(attempt);
    build_.Register(org);
    std::string a = build_.Draft(org, first.id()).id();
    std::string b = build_.Draft(org, second.id()).id();
    v1::Application out_a, out_b;
    std::latch go(2);
    std::thread ta([&] { go.arrive_and_wait(); build_.Submit(org, a, &out_a); });
    std::thread tb([&] { go.arrive_and_wait(); build_.Submit(org, b, &out_b); });
    ta.join();
    tb.join();
    int eligible = (out_a.submission().eligibility() == v1::ELIGIBILITY_ELIGIBLE) +
                   (out_b.submission().eligibility() == v1::ELIGIBILITY_ELIGIBLE);
    EXPECT_EQ(eligible, 1) << "attempt " << attempt;
  }
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
    build_.Register("ORG-B");
    draft_ = build_.Draft("ORG-A", round_.id());
  }
  std::unique_ptr<grpc::ClientContext> As(const std::string& org) {
    return server_.As(Role::kGrantee, "user-" + org, org);
  }
  grpc::Status Save(const v1::ApplicationContent& content) {
    v1::UpdateApplicationRequest req;
    req.set_request_id(Key());
    req.set_id(draft_.id());
    *req.mutable_content() = content;
    v1::Application out;
    return Apps()->UpdateApplication(As("ORG-A").get(), req, &out);
  }
  grpc::Status Create(const std::string& org, const std::string& round_id,
                      const v1::ApplicationContent& content = GoodContent()) {
    v1::CreateApplicationRequest req;
    req.set_request_id(Key());
    req.set_round_id(round_id);
    *req.mutable_content() = content;
    v1::Application out;
    return Apps()->CreateApplication(As(org).get(), req, &out);
  }
  // Everything a refused call must leave as it was: rows of every table it
  // could write, application states and content, organisation names,
  // extensions, idempotency keys and the audit trail.
  std::string Snapshot() {
    return db_.Scalar(
        "SELECT concat_ws(' | ',"
        " (SELECT count(*) FROM audit_events),"
        " (SELECT count(*) FROM idempotency_keys),"
        " (SELECT count(*) FROM application_submissions),"
        " (SELECT string_agg(concat_ws(':', organisation_id, state,"
        "    submission_version, returned_count, return_comment,"
        "    md5(content::text)), ',' ORDER BY id) FROM applications),"
        " (SELECT string_agg(id || ':' || name, ',' ORDER BY id)"
        "    FROM organisations),"
        " (SELECT string_agg(organisation_id || ':' || reason, ',')"
        "    FROM extensions))");
  }
  // Asserts `s` is the refusal expected and that nothing was written since
  // `before`.
  void ExpectRefused(const grpc::Status& s, grpc::StatusCode code,
                     const std::string& reason, const std::string& field,
                     const std::string& before, const std::string& what) {
    EXPECT_EQ(s.error_code(), code) << what << ": " << s.error_message();
    EXPECT_EQ(ReasonOf(s), reason) << what;
    EXPECT_EQ(FieldOf(s), field) << what;
    EXPECT_EQ(Snapshot(), before) << what;
  }
  v1::Round round_;
  v1::Application draft_;
};

// "\x1b[2J" clears a terminal; U+009B (CSI, "\xc2\x9b") is its one-character
// C1 form; "\x07" rings the bell.
const char* const kControlTexts[] = {"Venue\x1b[2Jhire", "Venue\xc2\x9b" "2Jhire",
                                     "Venue\x07hire"};

TEST_F(BadApplicationTest, ContentRefusedOnSaveNamesTheFieldAndWritesNothing) {
  struct Case {
    std::function<void(v1::ApplicationContent&)> spoil;
    std::string reason, field;
  };
  std::vector<Case> cases = {
      {[](auto& c) { c.set_boroughs_served(0, "Tower Hamlets"); },
       "BOROUGH_INVALID", "content.boroughs_served[0]"},
      {[](auto& c) { c.add_target_communities("martians"); },
       "COMMUNITY_UNKNOWN", "content.target_communities[1]"},
      {[](auto& c) { c.set_project_summary(std::string(2001, 'x')); },
       "TOO_LONG", "content.project_summary"},
      {[](auto& c) { c.set_project_summary("bad\x1b[31m"); },
       "CONTROL_CHARACTERS", "content.project_summary"},
      {[](auto& c) { c.add_languages("Polish"); },
       "LANGUAGE_INVALID", "content.languages[2]"},
      {[](auto& c) { c.mutable_budget_lines(0)->set_description(std::string(201, 'x')); },
       "TOO_LONG", "content.budget_lines[0].description"},
      {[](auto& c) { c.mutable_budget_lines(1)->set_description(""); },
       "REQUIRED", "content.budget_lines[1].description"},
  };
  for (const char* text : kControlTexts)
    cases.push_back({[text](auto& c) { c.mutable_budget_lines(0)->set_description(text); },
                     "CONTROL_CHARACTERS", "content.budget_lines[0].description"});
  for (const auto& k : cases) {
    v1::ApplicationContent content = GoodContent();
    k.spoil(content);
    std::string before = Snapshot();
    ExpectRefused(Save(content), grpc::StatusCode::INVALID_ARGUMENT, k.reason,
                  k.field, before, "save " + k.field);
    ExpectRefused(Create("ORG-B", round_.id(), content),
                  grpc::StatusCode::INVALID_ARGUMENT, k.reason, k.field, before,
                  "create " + k.field);
  }
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM applications"), "1");
}

TEST_F(BadApplicationTest, ContentRefusedOnSubmitLeavesTheDraftAsItWas) {
  struct Case {
    std::function<void(v1::ApplicationContent&)> spoil;
    grpc::StatusCode code;
    std::string reason, field;
  };
  const auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
  const auto kPrecondition = grpc::StatusCode::FAILED_PRECONDITION;
  std::vector<Case> cases = {
      {[](auto& c) { *c.mutable_amount_requested() = Gbp(500'001); }, kInvalid,
       "AMOUNT_OUT_OF_RANGE", "content.amount_requested"},
      {[](auto& c) { *c.mutable_amount_requested() = Gbp(49'999); }, kInvalid,
       "AMOUNT_OUT_OF_RANGE", "content.amount_requested"},
      {[](auto& c) { c.mutable_budget_lines(0)->mutable_amount()->set_minor_units(1); },
       kPrecondition, "BUDGET_LINES_MISMATCH", "content.budget_lines"},
      {[](auto& c) { c.clear_answers(); }, kPrecondition, "ANSWER_REQUIRED",
       "content.answers.reach_plan"},
      {[](auto& c) { c.clear_project_summary(); }, kPrecondition,
       "SUMMARY_REQUIRED", "content.project_summary"},
  };
  for (const auto& k : cases) {
    v1::ApplicationContent content = GoodContent();
    k.spoil(content);
    grpc::Status saved = Save(content);  // a draft may be incomplete
    ASSERT_TRUE(saved.ok()) << k.reason << ": " << saved.error_message();
    std::string before = Snapshot();
    v1::Application out;
    ExpectRefused(build_.Submit("ORG-A", draft_.id(), &out), k.code, k.reason,
                  k.field, before, k.reason);
  }
  EXPECT_EQ(db_.Scalar("SELECT state || ' ' || coalesce(reference, '-') FROM "
                       "applications WHERE id = '" + draft_.id() + "'"),
            "draft -");
}

TEST_F(BadApplicationTest, UnknownMalformedAndNotOpenRoundsAreRefused) {
  v1::Round never_opened = build_.Round(1'000'000, 100'000);
  v1::RoundSpec later = OpenSpec();
  later.set_opens_local("2025-01-20T09:00");  // the clock says 15 January
  v1::Round not_yet = build_.OpenRound(later);
  build_.Register("ORG-C");
  std::string before = Snapshot();
  const auto kPrecondition = grpc::StatusCode::FAILED_PRECONDITION;
  ExpectRefused(Create("ORG-C", "00000000-0000-4000-8000-000000000000"),
                grpc::StatusCode::NOT_FOUND, "ROUND_NOT_FOUND", "round_id",
                before, "unknown");
  ExpectRefused(Create("ORG-C", "round-1"), grpc::StatusCode::INVALID_ARGUMENT,
                "ID_INVALID", "round_id", before, "malformed");
  ExpectRefused(Create("ORG-C", never_opened.id()), kPrecondition,
                "ROUND_NOT_OPEN", "round_id", before, "never opened");
  ExpectRefused(Create("ORG-C", not_yet.id()), kPrecondition,
                "ROUND_NOT_YET_OPEN", "round_id", before, "not yet open");
  ExpectRefused(Create("ORG-UNREGISTERED", round_.id()), kPrecondition,
                "ORGANISATION_NOT_REGISTERED", "", before, "unregistered");
}

TEST_F(BadApplicationTest, FreeTextRefusesControlCharactersAndOversizedText) {
  v1::Application submitted;
  ASSERT_TRUE(build_.Submit("ORG-A", draft_.id(), &submitted).ok());
  const auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
  std::vector<std::string> bad(std::begin(kControlTexts), std::end(kControlTexts));
  auto too_long = [](size_t n) { return std::string(n, 'x'); };
  std::string before = Snapshot();

  for (const std::string& name : {bad[0], bad[1], bad[2], too_long(201)}) {
    v1::OrganisationProfile profile = CharityProfile();
    profile.set_name(name);
    v1::RegisterOrganisationRequest reg;
    reg.set_request_id(Key());
    *reg.mutable_profile() = profile;
    v1::Organisation org;
    auto orgs = v1::OrganisationService::NewStub(server_.Channel());
    std::string reason = name.size() > 200 ? "TOO_LONG" : "CONTROL_CHARACTERS";
    ExpectRefused(orgs->RegisterOrganisation(As("ORG-C").get(), reg, &org),
                  kInvalid, reason, "profile.name", before, "register " + name);
    v1::UpdateOrganisationRequest update;
    update.set_request_id(Key());
    update.set_id("ORG-A");
    update.mutable_profile()->set_name(name);
    update.add_update_mask("name");
    ExpectRefused(orgs->UpdateOrganisation(As("ORG-A").get(), update, &org),
                  kInvalid, reason, "profile.name", before, "update " + name);
  }
  for (const std::string& reason_text : {bad[0], bad[1], bad[2], too_long(501)}) {
    v1::GrantExtensionRequest req;
    req.set_request_id(Key());
    req.set_round_id(round_.id());
    req.set_organisation_id("ORG-B");
    req.set_closes_local("2025-02-08T12:00");
    req.set_reason(reason_text);
    v1::Extension out;
    ExpectRefused(Apps()->GrantExtension(server_.As(Role::kOfficer).get(), req, &out),
                  kInvalid, reason_text.size() > 500 ? "TOO_LONG" : "CONTROL_CHARACTERS",
                  "reason", before, "extension " + reason_text);
  }
  for (const std::string& comment : {bad[0], bad[1], bad[2], too_long(2001)}) {
    v1::ReturnApplicationRequest req;
    req.set_request_id(Key());
    req.set_id(draft_.id());
    req.set_comment(comment);
    v1::Application out;
    ExpectRefused(Apps()->ReturnApplication(server_.As(Role::kOfficer).get(), req, &out),
                  kInvalid, comment.size() > 2000 ? "TOO_LONG" : "CONTROL_CHARACTERS",
                  "comment", before, "return " + comment);
  }
  EXPECT_EQ(db_.Scalar("SELECT state FROM applications WHERE id = '" +
                       draft_.id() + "'"),
            "submitted");
}

}  // namespace
}  // namespace grants::testing
