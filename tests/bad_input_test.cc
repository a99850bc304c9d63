// Bad input through the public API: each gets INVALID_ARGUMENT (or the
// documented code) with a stable reason and the field, and writes nothing.
#include <gtest/gtest.h>

#include "tests/builders.h"

namespace grants::testing {
namespace {

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fund_ = build_.Fund(5'000'000);
    programme_ = build_.Programme(fund_.id());
    audit_count_ = db_.Scalar("SELECT count(*) FROM audit_events");
  }

  // Asserts CreateRound with `spec` fails with `reason` on `field` and that
  // nothing was written.
  void ExpectRoundRefused(const v1::RoundSpec& spec, const std::string& reason,
                          const std::string& field,
                          grpc::StatusCode code = grpc::StatusCode::INVALID_ARGUMENT) {
    v1::CreateRoundRequest req;
    req.set_request_id(Key());
    req.set_programme_id(programme_.id());
    *req.mutable_spec() = spec;
    v1::Round out;
    grpc::Status s = server_.Programmes()->CreateRound(
        server_.As(Role::kOfficer).get(), req, &out);
    EXPECT_EQ(s.error_code(), code) << reason;
    EXPECT_EQ(ReasonOf(s), reason);
    EXPECT_EQ(FieldOf(s), field) << reason;
    EXPECT_EQ(db_.Scalar("SELECT count(*) FROM rounds"), "0");
    EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events"), audit_count_);
    EXPECT_EQ(build_.GetFund(fund_.id()).drawn().minor_units(), 0);
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  Builder build_{server_};
  v1::Fund fund_;
  v1::Programme programme_;
  std::string audit_count_;
};

TEST_F(BadInputTest, RefusesNegativeMoney) {
  v1::RoundSpec spec = Spec(100'000);
  spec.mutable_budget()->set_minor_units(-1);
  ExpectRoundRefused(spec, "MUST_NOT_BE_NEGATIVE", "spec.budget.minor_units");
}

TEST_F(BadInputTest, RefusesZeroBudget) {
  v1::RoundSpec spec = Spec(100'000);
  spec.mutable_budget()->set_minor_units(0);
  ExpectRoundRefused(spec, "MUST_BE_POSITIVE", "spec.budget.minor_units");
}

TEST_F(BadInputTest, RefusesUnknownCurrency) {
  v1::RoundSpec spec = Spec(100'000);
  spec.mutable_budget()->set_currency_code("XYZ");
  ExpectRoundRefused(spec, "CURRENCY_UNKNOWN", "spec.budget.currency_code");
}

TEST_F(BadInputTest, RefusesMissingMoney) {
  v1::RoundSpec spec = Spec(100'000);
  spec.clear_max_grant();
  ExpectRoundRefused(spec, "REQUIRED", "spec.max_grant");
}

TEST_F(BadInputTest, RefusesCurrencyOtherThanTheFunds) {
  v1::RoundSpec spec = Spec(100'000);
  for (v1::Money* m : {spec.mutable_budget(), spec.mutable_min_grant(),
                       spec.mutable_max_grant()})
    m->set_currency_code("EUR");
  ExpectRoundRefused(spec, "CURRENCY_MISMATCH", "spec.budget.currency_code");
}

TEST_F(BadInputTest, RefusesRoundClosingBeforeItOpens) {
  ExpectRoundRefused(Spec(100'000, "2025-03-01T12:00", "2025-02-01T09:00"),
                     "WINDOW_INVALID", "spec.closes_local");
}

TEST_F(BadInputTest, RefusesMalformedLocalTime) {
  ExpectRoundRefused(Spec(100'000, "2025-02-30T09:00"), "LOCAL_TIME_INVALID",
                     "spec.opens_local");
  ExpectRoundRefused(Spec(100'000, "1 Feb 2025"), "LOCAL_TIME_INVALID",
                     "spec.opens_local");
}

TEST_F(BadInputTest, RefusesGrantLimitsOutsideTheBudget) {
  ExpectRoundRefused(Spec(100'000, "2025-02-01T09:00", "2025-03-01T12:00",
                          90'000, 80'000),
                     "GRANT_LIMITS_INVALID", "spec.min_grant");
  v1::RoundSpec spec = Spec(100'000);
  *spec.mutable_max_grant() = Gbp(100'001);
  ExpectRoundRefused(spec, "GRANT_LIMITS_INVALID", "spec.max_grant");
}

TEST_F(BadInputTest, RefusesBudgetBeyondFund) {
  ExpectRoundRefused(Spec(5'000'001), "FUND_BALANCE_EXCEEDED", "spec.budget",
                     grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(BadInputTest, RefusesOverlongAndControlCharacterText) {
  v1::RoundSpec spec = Spec(100'000);
  spec.set_name(std::string(201, 'a'));
  ExpectRoundRefused(spec, "TOO_LONG", "spec.name");
  spec.set_name("EUSS\x07round");
  ExpectRoundRefused(spec, "CONTROL_CHARACTERS", "spec.name");
  spec.set_name("");
  ExpectRoundRefused(spec, "REQUIRED", "spec.name");
}

TEST_F(BadInputTest, RefusesMalformedAndUnknownIds) {
  v1::CreateRoundRequest req;
  req.set_request_id(Key());
  req.set_programme_id("not-an-id");
  *req.mutable_spec() = Spec(100'000);
  v1::Round out;
  grpc::Status s = server_.Programmes()->CreateRound(
      server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_EQ(ReasonOf(s), "ID_INVALID");
  EXPECT_EQ(FieldOf(s), "programme_id");
  req.set_programme_id("00000000-0000-4000-8000-000000000000");
  s = server_.Programmes()->CreateRound(server_.As(Role::kOfficer).get(), req,
                                        &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ReasonOf(s), "PROGRAMME_NOT_FOUND");
}

TEST_F(BadInputTest, RefusesFunderWithMalformedOrUnknownOrgId) {
  for (const char* org_id : {"1234567", "GB-CHC-", "XX-NOPE-123", "GB-CHC-12 34"}) {
    v1::CreateFunderRequest req;
    req.set_request_id(Key());
    req.set_org_id(org_id);
    req.set_name("Trust");
    v1::Funder out;
    grpc::Status s = server_.Funding()->CreateFunder(
        server_.As(Role::kOfficer).get(), req, &out);
    EXPECT_EQ(ReasonOf(s), "ORG_ID_INVALID") << org_id;
    EXPECT_EQ(FieldOf(s), "org_id");
  }
}

TEST_F(BadInputTest, RefusesDuplicateFunderOrgId) {
  v1::Funder first = build_.Funder();
  v1::CreateFunderRequest req;
  req.set_request_id(Key());
  req.set_org_id(first.org_id());
  req.set_name("Another name");
  v1::Funder out;
  grpc::Status s = server_.Funding()->CreateFunder(
      server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ReasonOf(s), "FUNDER_ORG_ID_TAKEN");
  EXPECT_EQ(FieldOf(s), "org_id");
}

TEST_F(BadInputTest, RefusesContributionInAnotherCurrency) {
  v1::AddContributionRequest req;
  req.set_request_id(Key());
  req.set_fund_id(fund_.id());
  req.set_funder_id(build_.Funder().id());
  *req.mutable_amount() = Gbp(100);
  req.mutable_amount()->set_currency_code("EUR");
  v1::Contribution out;
  grpc::Status s = server_.Funding()->AddContribution(
      server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_EQ(ReasonOf(s), "CURRENCY_MISMATCH");
  EXPECT_EQ(build_.GetFund(fund_.id()).contributed().minor_units(), 5'000'000);
}

TEST_F(BadInputTest, RefusesMessagesOverTheSizeLimit) {
  v1::CreateProgrammeRequest req;
  req.set_request_id(Key());
  req.set_code("BIG");
  req.set_name("Big");
  req.set_fund_id(fund_.id());
  // The transport takes no more than the server's own 2 MiB: a bigger
  // request is refused before it is read in full or queued.
  req.set_description(std::string(2 * 1024 * 1024 + 100, 'a'));
  v1::Programme out;
  grpc::Status s = server_.Programmes()->CreateProgramme(
      server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  req.set_description(std::string(5 * 1024 * 1024, 'a'));
  s = server_.Programmes()->CreateProgramme(server_.As(Role::kOfficer).get(),
                                            req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  // Just under the limit is read (and judged on its content).
  req.set_description(std::string(2 * 1024 * 1024 - 1024, 'a'));
  s = server_.Programmes()->CreateProgramme(server_.As(Role::kOfficer).get(),
                                            req, &out);
  EXPECT_NE(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM programmes WHERE code = 'BIG' "
                       "AND length(description) > 2 * 1024 * 1024"),
            "0");
}

TEST_F(BadInputTest, RefusesBadPageTokens) {
  v1::ListFundsRequest req;
  req.set_page_token("garbage");
  v1::ListFundsResponse out;
  grpc::Status s =
      server_.Funding()->ListFunds(server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_EQ(ReasonOf(s), "PAGE_TOKEN_INVALID");
  req.set_page_token("");
  req.set_page_size(501);
  s = server_.Funding()->ListFunds(server_.As(Role::kOfficer).get(), req, &out);
  EXPECT_EQ(ReasonOf(s), "PAGE_SIZE_INVALID");
}

}  // namespace
}  // namespace grants::testing
