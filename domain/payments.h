// Payment domain types: instalments, payments and their states, officers'
// authorisation limits, remittances and reconciliation items.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "domain/names.h"
#include "domain/organisations.h"

namespace grants::payments {

// kOnConditions: when every condition of the offer is signed off.
enum class DueKind { kOnAcceptance, kOnDate, kOnFinalReport, kOnConditions };

// Stored states; "due" is computed (a scheduled payment whose time came).
enum class PaymentState {
  kScheduled,
  kRequested,
  kAuthorised,
  kInstructed,
  kPaid,
  kFailed,
  kCancelled
};

struct Instalment {
  std::string currency;
  int64_t amount_minor = 0;
  DueKind due = DueKind::kOnAcceptance;
  std::string due_date;  // "YYYY-MM-DD" for kOnDate
};

struct Payment {
  std::string id;
  std::string award_id;
  std::string organisation_id;
  // Whom finance pays: the organisation's bank details when the payment
  // was authorised (filled on finance's reads only).
  organisations::BankDetails payee;
  int instalment = 0;
  std::string currency;
  int64_t amount_minor = 0;
  DueKind due = DueKind::kOnAcceptance;
  std::string due_date;
  PaymentState state = PaymentState::kScheduled;
  std::string requested_by;
  std::optional<absl::Time> requested_at;
  std::string authorised_by;
  std::optional<absl::Time> authorised_at;
  std::string instruction_id;
  std::optional<int64_t> paid_minor;
  std::string paid_date;
  std::string bank_reference;
  std::string replaces;     // the cancelled or failed payment it replaces
  std::string replaced_by;  // the payment that replaced this one
  // kOnFinalReport: the London date the final report was accepted, or "".
  std::string released_on;
};

struct Schedule {
  std::string id;  // the award's id
  std::string currency;
  int64_t award_minor = 0;
  std::vector<Payment> payments;
};

struct AuthorisationLimit {
  std::string id;  // the officer
  std::string currency;
  int64_t limit_minor = 0;
  std::string set_by;
  absl::Time set_at;
};

// What finance reports it paid.
struct Remittance {
  std::string instruction_id;
  std::string currency;
  int64_t paid_minor = 0;
  std::string paid_date;  // "YYYY-MM-DD"
  std::string bank_reference;
};

// Where a page of instructions starts: after the one authorised at
// `micros` with `id` (micros -1: the first page).
struct InstructionCursor {
  int64_t micros = -1;
  std::string id;
};

enum class MismatchReason { kUnknownInstruction, kAmountMismatch, kDuplicate };

struct ReconciliationItem {
  std::string id;
  MismatchReason reason = MismatchReason::kUnknownInstruction;
  Remittance remittance;
  std::string payment_id;  // "" when the instruction is unknown
  std::string reported_by;
  absl::Time reported_at;
  bool resolved = false;
  std::string resolution_note;
  std::string resolved_by;
  std::optional<absl::Time> resolved_at;
};

enum class RecoveryState { kRaised, kReceived, kWrittenOff };

// What finance reports came back for a recovery (in full or in part), and
// who recorded it when.
struct RecoveryReceipt {
  std::string recovery_id;
  std::string currency;
  int64_t amount_minor = 0;
  std::string received_date;
  std::string bank_reference;
  std::string received_by;
  absl::Time received_at;
};

// Money a grantee owes back, recovered from one paid payment.
struct Recovery {
  std::string id;
  std::string award_id;
  std::string payment_id;
  std::string organisation_id;
  std::string currency;
  int64_t amount_minor = 0;
  std::string reason;
  RecoveryState state = RecoveryState::kRaised;
  std::string raised_by;
  absl::Time raised_at;
  std::string received_date;  // "YYYY-MM-DD"
  std::string bank_reference;
  std::string received_by;
  std::optional<absl::Time> received_at;
  // The sum of the receipts; the rest is owed until written off.
  int64_t received_minor = 0;
  std::string due_date;  // "YYYY-MM-DD", London
  std::string written_off_by;
  std::optional<absl::Time> written_off_at;
  std::string write_off_reason;
  int64_t written_off_minor = 0;
  std::vector<RecoveryReceipt> receipts;  // oldest first

  int64_t outstanding_minor() const {
    return state == RecoveryState::kRaised ? amount_minor - received_minor : 0;
  }
};

inline constexpr NameTable<PaymentState, 7> kPaymentStateNames = {{
    {PaymentState::kScheduled, "scheduled"},
    {PaymentState::kRequested, "requested"},
    {PaymentState::kAuthorised, "authorised"},
    {PaymentState::kInstructed, "instructed"},
    {PaymentState::kPaid, "paid"},
    {PaymentState::kFailed, "failed"},
    {PaymentState::kCancelled, "cancelled"},
}};
constexpr std::string_view StateName(PaymentState s) {
  return NameOf(kPaymentStateNames, s);
}

inline constexpr NameTable<DueKind, 4> kDueNames = {{
    {DueKind::kOnAcceptance, "on_acceptance"},
    {DueKind::kOnDate, "on_date"},
    {DueKind::kOnFinalReport, "on_final_report"},
    {DueKind::kOnConditions, "on_conditions"},
}};
constexpr std::string_view DueName(DueKind d) { return NameOf(kDueNames, d); }

inline constexpr NameTable<MismatchReason, 3> kMismatchReasonNames = {{
    {MismatchReason::kUnknownInstruction, "unknown_instruction"},
    {MismatchReason::kAmountMismatch, "amount_mismatch"},
    {MismatchReason::kDuplicate, "duplicate"},
}};
constexpr std::string_view ReasonName(MismatchReason r) {
  return NameOf(kMismatchReasonNames, r);
}

inline constexpr NameTable<RecoveryState, 3> kRecoveryStateNames = {{
    {RecoveryState::kRaised, "raised"},
    {RecoveryState::kReceived, "received"},
    {RecoveryState::kWrittenOff, "written_off"},
}};
constexpr std::string_view StateName(RecoveryState s) {
  return NameOf(kRecoveryStateNames, s);
}

}  // namespace grants::payments
