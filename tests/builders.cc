// Test-data builders.
#include "tests/builders.h"

#include <gtest/gtest.h>

#include "services/common/crypto.h"

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
