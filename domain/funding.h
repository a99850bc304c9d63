// Funding domain types: funders, pooled funds, contributions.
#pragma once

#include <cstdint>
#include <string>

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

}  // namespace grants::funding
