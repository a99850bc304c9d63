// Test-data builders that go through the public API as an officer, so tests
// set up funders, funds, programmes and rounds in one line each.
#pragma once

#include <string>

#include "tests/harness.h"

namespace grants::testing {

v1::Money Gbp(int64_t minor);

// A spec for a round opening and closing at the given London local times.
v1::RoundSpec Spec(int64_t budget, const std::string& opens = "2025-02-01T09:00",
                   const std::string& closes = "2025-03-01T12:00",
                   int64_t min_grant = 50000, int64_t max_grant = 500000);

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

 private:
  const TestServer& server_;
};

}  // namespace grants::testing
