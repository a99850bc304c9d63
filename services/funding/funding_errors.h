// The funding area's error catalog.
#pragma once

#include <string_view>

#include "common/status.h"

namespace grants::funding {

inline absl::Status FundNotFound() {
  return MakeError(absl::StatusCode::kNotFound, "FUND_NOT_FOUND",
                   "fund not found", {{"fund_id", "FUND_NOT_FOUND", "no such fund"}});
}

inline absl::Status FunderNotFound(std::string_view field = "id") {
  return MakeError(absl::StatusCode::kNotFound, "FUNDER_NOT_FOUND",
                   "funder not found",
                   {{std::string(field), "FUNDER_NOT_FOUND", "no such funder"}});
}

inline absl::Status CurrencyMismatch(std::string_view field) {
  return InvalidField(field, "CURRENCY_MISMATCH",
                      "must be in the fund's currency");
}

// A funder-role caller asked for another funder's records.
inline absl::Status OutsideFunderScope() {
  return MakeError(absl::StatusCode::kPermissionDenied, "FUNDER_SCOPE",
                   "funders may only read their own records");
}

inline absl::Status ContributionTooLarge() {
  return InvalidField("amount.minor_units", "AMOUNT_TOO_LARGE",
                      "would overflow the fund's total");
}

}  // namespace grants::funding
