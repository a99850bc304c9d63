// Payments: proto <-> domain, with field validation (INVALID_ARGUMENT naming
// each offending field).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/payments.h"
#include "grants/v1/payments.pb.h"

namespace grants::payments {

absl::StatusOr<std::vector<Instalment>> ToInstalments(
    const v1::SetPaymentScheduleRequest& r);
// A replacement of a cancelled or failed payment.
struct Replacement {
  std::string id;
  DueKind due = DueKind::kOnAcceptance;
  std::string due_date;
};
absl::StatusOr<Replacement> ToReplacement(const v1::ReplacePaymentRequest& r);
absl::StatusOr<AuthorisationLimit> ToLimit(
    const v1::SetAuthorisationLimitRequest& r);
absl::StatusOr<Remittance> ToRemittance(const v1::RecordRemittanceRequest& r);
// The list filter: a stored state name, "due", or "" (any).
absl::StatusOr<std::string> ToStateFilter(const v1::ListPaymentsRequest& r);

// A page token of ListPaymentInstructions: "" or one InstructionToken made.
// INVALID_ARGUMENT PAGE_TOKEN_INVALID.
absl::StatusOr<InstructionCursor> ToCursor(const std::string& token);
// The token of the page after `last`: "k<authorised micros>_<id>".
std::string InstructionToken(const Payment& last);

// `today` (London, "YYYY-MM-DD") tells a due payment from a scheduled one.
void ToProto(const Payment& p, const std::string& today, v1::Payment* out);
void ToProto(const Schedule& s, const std::string& today,
             v1::PaymentSchedule* out);
void ToProto(const Payment& p, const std::string& today,
             v1::PaymentInstruction* out);
void ToProto(const AuthorisationLimit& l, v1::AuthorisationLimit* out);
void ToProto(const ReconciliationItem& i, v1::ReconciliationItem* out);
void ToProto(const Recovery& r, v1::Recovery* out);
absl::StatusOr<RecoveryReceipt> ToReceipt(
    const v1::RecordRecoveryReceiptRequest& r);
// The stored name of a recovery state filter ("" for any).
std::string RecoveryStateFilter(v1::RecoveryState s);
// The id and a reason (1-2000 characters). INVALID_ARGUMENT.
absl::Status CheckWriteOff(const v1::WriteOffRecoveryRequest& r);

}  // namespace grants::payments
