// Pure payment rules: schedule sums, when a payment is due, who may
// authorise it, and how a remittance compares with its instruction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "domain/payments.h"

namespace grants::payments {

// The instalments are in `currency` and sum exactly to `award_minor`.
// Errors: CURRENCY_MISMATCH, SCHEDULE_SUM_MISMATCH.
absl::Status CheckSchedule(const std::vector<Instalment>& instalments,
                           const std::string& currency, int64_t award_minor);

// A payment's time has come on London date `today` ("YYYY-MM-DD"): on
// acceptance (schedules exist only for accepted awards), its date is today
// or past, or (on the final report) the final report has been accepted.
bool IsDue(const Payment& p, const std::string& today);

// The authoriser is not the requester, and the payment is within their
// limit. Errors: PAYMENT_STATE_INVALID, FOUR_EYES_REQUIRED,
// AUTHORISATION_LIMIT_EXCEEDED.
absl::Status CheckAuthorise(const Payment& p, const std::string& authoriser,
                            const std::optional<AuthorisationLimit>& limit);

// How a remittance compares with its payment: nullopt applies it (or it
// repeats the applied one: `repeat` is set), else the mismatch.
std::optional<MismatchReason> CompareRemittance(const Payment& p,
                                                const Remittance& r,
                                                bool* repeat);

// The refusal that goes with a mismatch.
absl::Status MismatchStatus(MismatchReason reason);

}  // namespace grants::payments
