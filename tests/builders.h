// Test-data builders that go through the public API as an officer, so tests
// set up funders, funds, programmes and rounds in one line each.
#pragma once

#include <string>

#include "grants/v1/applications.grpc.pb.h"
#include "grants/v1/organisations.grpc.pb.h"
#include "tests/harness.h"

namespace grants::testing {

v1::Money Gbp(int64_t minor);

// A spec for a round opening and closing at the given London local times.
v1::RoundSpec Spec(int64_t budget, const std::string& opens = "2025-02-01T09:00",
                   const std::string& closes = "2025-03-01T12:00",
                   int64_t min_grant = 50000, int64_t max_grant = 500000);

// A registered charity in Tower Hamlets with £20,000 income and bank details.
v1::OrganisationProfile CharityProfile(const std::string& borough = "E09000030",
                                       int64_t income = 2'000'000);
// A complete application asking for `amount`, with budget lines that add up
// and an answer to the question "reach_plan".
v1::ApplicationContent GoodContent(int64_t amount = 250'000);
// 2025-01-10T09:00 to 2025-02-01T12:00 London (12:00Z), budget £45,000,
// grants £500-£5,000, one required question "reach_plan".
v1::RoundSpec OpenSpec();
// The fake clock's instant one second before OpenSpec()'s deadline.
absl::Time JustBeforeDeadline();

class Builder {
 public:
  explicit Builder(const TestServer& server) : server_(server) {}

  v1::Funder Funder(const std::string& name = "Trust for London");
  // A GBP fund with one contribution of `contributed` pence (none when 0).
  v1::Fund Fund(int64_t contributed, const std::string& funder_id = "");
  v1::Programme Programme(const std::string& fund_id);
  // A draft round of a new programme on a fund holding `contributed`.
  v1::Round Round(int64_t contributed, int64_t budget);
  v1::Round RoundIn(const std::string& programme_id, const v1::RoundSpec& spec);
  v1::Fund GetFund(const std::string& id);
  // A round created from `spec` on a new programme (communities roma,
  // disabled_people, low_income_families) and opened.
  v1::Round OpenRound(const v1::RoundSpec& spec = OpenSpec());
  // Registers `profile` as the grantee bound to `org`.
  v1::Organisation Register(const std::string& org,
                            const v1::OrganisationProfile& profile = CharityProfile());
  // A draft by `org` in `round_id`.
  v1::Application Draft(const std::string& org, const std::string& round_id,
                        const v1::ApplicationContent& content = GoodContent());
  // Submits as `org`; returns the status and fills `out`.
  grpc::Status Submit(const std::string& org, const std::string& id,
                      v1::Application* out, const std::string& key = Key());

 private:
  const TestServer& server_;
};

}  // namespace grants::testing
