// The payments area's error catalog.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace grants::payments {

inline absl::Status Refused(std::string_view reason, std::string_view field,
                            std::string_view message) {
  return MakeError(absl::StatusCode::kFailedPrecondition, reason, message,
                   {{std::string(field), std::string(reason),
                     std::string(message)}});
}

inline absl::Status PaymentNotFound() {
  return MakeError(absl::StatusCode::kNotFound, "PAYMENT_NOT_FOUND",
                   "payment not found", {{"id", "PAYMENT_NOT_FOUND", "no such payment"}});
}

inline absl::Status AwardNotFound() {
  return MakeError(absl::StatusCode::kNotFound, "AWARD_NOT_FOUND",
                   "award not found",
                   {{"award_id", "AWARD_NOT_FOUND", "no such award"}});
}

inline absl::Status InstructionNotFound() {
  return MakeError(absl::StatusCode::kNotFound, "INSTRUCTION_NOT_FOUND",
                   "instruction not found",
                   {{"instruction_id", "INSTRUCTION_NOT_FOUND",
                     "no such instruction"}});
}

inline absl::Status PaymentStateInvalid(std::string_view message) {
  return Refused("PAYMENT_STATE_INVALID", "id", message);
}

// No one grants themselves a power: an administrator's own limit is set by
// another administrator.
inline absl::Status LimitForSelf() {
  return MakeError(absl::StatusCode::kPermissionDenied, "LIMIT_FOR_SELF",
                   "no one sets their own authorisation limit",
                   {{"officer", "LIMIT_FOR_SELF",
                     "must be someone other than the caller"}});
}

// Powers go to people grantsd knows in that role: an officer who has
// signed in at least once.
inline absl::Status OfficerUnknown() {
  return MakeError(absl::StatusCode::kNotFound, "OFFICER_UNKNOWN",
                   "no officer with this subject has signed in",
                   {{"officer", "OFFICER_UNKNOWN",
                     "not an officer grantsd knows"}});
}

inline absl::Status FourEyesRequired() {
  return MakeError(absl::StatusCode::kPermissionDenied, "FOUR_EYES_REQUIRED",
                   "the payment must be authorised by someone other than "
                   "the requester",
                   {{"id", "FOUR_EYES_REQUIRED", "you requested this payment"}});
}

inline absl::Status LimitExceeded() {
  return Refused("AUTHORISATION_LIMIT_EXCEEDED", "id",
                 "the payment is above your authorisation limit");
}

inline absl::Status ScheduleSumMismatch(std::string_view detail) {
  return InvalidField("instalments", "SCHEDULE_SUM_MISMATCH", detail);
}

inline absl::Status UnknownInstruction() {
  return MakeError(absl::StatusCode::kNotFound, "UNKNOWN_INSTRUCTION",
                   "no such instruction; queued for reconciliation",
                   {{"instruction_id", "UNKNOWN_INSTRUCTION",
                     "no such instruction"}});
}

inline absl::Status AmountMismatch() {
  return Refused("AMOUNT_MISMATCH", "paid_amount",
                 "the paid amount differs from the instruction's; queued for "
                 "reconciliation");
}

inline absl::Status RemittanceConflict() {
  return MakeError(absl::StatusCode::kAlreadyExists, "REMITTANCE_CONFLICT",
                   "the instruction was already paid with other details; "
                   "queued for reconciliation",
                   {{"instruction_id", "REMITTANCE_CONFLICT",
                     "already paid differently"}});
}

inline absl::Status ItemNotFound() {
  return MakeError(absl::StatusCode::kNotFound, "ITEM_NOT_FOUND",
                   "reconciliation item not found",
                   {{"id", "ITEM_NOT_FOUND", "no such item"}});
}

// Recoveries.
inline absl::Status RecoveryNotFound(std::string_view field = "recovery_id") {
  return MakeError(
      absl::StatusCode::kNotFound, "RECOVERY_NOT_FOUND", "recovery not found",
      {{std::string(field), "RECOVERY_NOT_FOUND", "no such recovery"}});
}

inline absl::Status RecoveryOverpaid(int64_t outstanding) {
  return Refused("RECOVERY_OVERPAID", "amount",
                 "more than is still owed (" + std::to_string(outstanding) +
                     " minor units)");
}

inline absl::Status RecoveryNotOpen(std::string_view field,
                                    std::string_view message) {
  return Refused("RECOVERY_NOT_OPEN", field, message);
}

inline absl::Status RecoveryConflict(std::string_view message) {
  return MakeError(
      absl::StatusCode::kAlreadyExists, "RECOVERY_CONFLICT", message,
      {{"recovery_id", "RECOVERY_CONFLICT", std::string(message)}});
}

// Four eyes on money: the officer who raised a recovery does not write it
// off.
inline absl::Status WriteOffFourEyes() {
  return MakeError(absl::StatusCode::kPermissionDenied, "FOUR_EYES_REQUIRED",
                   "the recovery must be written off by an officer who did "
                   "not raise it",
                   {{"id", "FOUR_EYES_REQUIRED", "you raised this recovery"}});
}

}  // namespace grants::payments
