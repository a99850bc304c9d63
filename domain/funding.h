// Funding domain types: funders, pooled funds, contributions.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace grants::funding {

struct Funder {
  std::string id;
  std::string org_id;
  std::string name;
  absl::Time created_at;
};

struct Fund {
  std::string id;
  std::string name;
  std::string currency;
  int64_t contributed_minor = 0;
  int64_t drawn_minor = 0;
  absl::Time created_at;
  int64_t available_minor() const { return contributed_minor - drawn_minor; }
};

struct Contribution {
  std::string id;
  std::string fund_id;
  std::string funder_id;
  std::string currency;
  int64_t amount_minor = 0;
  std::string note;
  absl::Time created_at;
};

// One line of a fund's money (the fund's, or one funder's share of it), in
// minor units: contributed = free + committed + paid - recovered.
struct MoneyLine {
  int64_t contributed = 0;
  int64_t committed = 0;  // held by awards, not yet paid
  int64_t paid = 0;
  int64_t recovered = 0;  // repaid by grantees
  int64_t free = 0;
  int64_t recovery_outstanding = 0;  // raised, not yet repaid or written off
  bool operator==(const MoneyLine&) const = default;
};

// What one award holds of a fund, and how it is shared among funders.
struct AwardMoney {
  std::string award_id;
  int64_t held = 0;  // its amount less what it released; 0 once it lapsed
  int64_t paid = 0;
  int64_t recovered = 0;
  int64_t recovery_outstanding = 0;
  std::vector<std::pair<std::string, int64_t>> shares;  // funder, amount
};

// A funder's total contribution to a fund.
struct FunderTotal {
  std::string funder_id;
  std::string name;
  int64_t contributed = 0;
};

struct FunderMoney {
  std::string funder_id;
  std::string name;
  MoneyLine money;
};

// A fund's money in total and per funder (earliest contributor first).
struct FundMoney {
  std::string fund_id;
  std::string currency;
  bool has_total = false;  // false for a funder, who sees only its line
  MoneyLine total;
  std::vector<FunderMoney> funders;
};

}  // namespace grants::funding
