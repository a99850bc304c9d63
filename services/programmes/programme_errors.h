// The programmes area's error catalog.
#pragma once

#include "common/status.h"

namespace grants::programmes {

inline absl::Status ProgrammeNotFound(std::string_view field = "id") {
  return MakeError(absl::StatusCode::kNotFound, "PROGRAMME_NOT_FOUND",
                   "programme not found",
                   {{std::string(field), "PROGRAMME_NOT_FOUND",
                     "no such programme"}});
}

inline absl::Status RoundNotFound(std::string_view field = "id") {
  return MakeError(absl::StatusCode::kNotFound, "ROUND_NOT_FOUND",
                   "round not found",
                   {{std::string(field), "ROUND_NOT_FOUND", "no such round"}});
}

inline absl::Status FundBalanceExceeded() {
  return MakeError(absl::StatusCode::kFailedPrecondition,
                   "FUND_BALANCE_EXCEEDED",
                   "budget: the fund does not hold enough uncommitted money",
                   {{"spec.budget", "FUND_BALANCE_EXCEEDED",
                     "exceeds what the fund has available"}});
}

inline absl::Status RoundCurrencyMismatch() {
  return MakeError(absl::StatusCode::kInvalidArgument, "CURRENCY_MISMATCH",
                   "spec.budget: must be in the fund's currency",
                   {{"spec.budget.currency_code", "CURRENCY_MISMATCH",
                     "must be in the fund's currency"}});
}

}  // namespace grants::programmes
