// Payment rules.
#include "services/payments/payment_rules.h"

#include <fmt/format.h>

#include "common/money.h"
#include "services/payments/payment_errors.h"

namespace grants::payments {

absl::Status CheckSchedule(const std::vector<Instalment>& instalments,
                           const std::string& currency, int64_t award_minor) {
  int64_t total = 0;
  for (const auto& i : instalments) {
    if (i.currency != currency)
      return InvalidField("instalments", "CURRENCY_MISMATCH",
                          "instalments must be in the award's currency");
    auto sum = AddMinor(total, i.amount_minor);
    if (!sum) return ScheduleSumMismatch("the instalments overflow");
    total = *sum;
  }
  if (total != award_minor)
    return ScheduleSumMismatch(fmt::format(
        "the instalments sum to {}, the award is {}",
        FormatMoney(currency, total), FormatMoney(currency, award_minor)));
  return absl::OkStatus();
}

bool IsDue(const Payment& p, const std::string& today) {
  switch (p.due) {
    case DueKind::kOnAcceptance:
      return true;
    case DueKind::kOnDate:
      return p.due_date <= today;  // ISO dates order as strings
    case DueKind::kOnFinalReport:
    case DueKind::kOnConditions:  // released by the last sign-off
      return !p.released_on.empty() && p.released_on <= today;
  }
  return false;
}

absl::Status CheckAuthorise(const Payment& p, const std::string& authoriser,
                            const std::optional<AuthorisationLimit>& limit) {
  if (p.state != PaymentState::kRequested)
    return PaymentStateInvalid("only a requested payment can be authorised");
  if (p.requested_by == authoriser) return FourEyesRequired();
  if (!limit || limit->currency != p.currency ||
      limit->limit_minor < p.amount_minor)
    return LimitExceeded();
  return absl::OkStatus();
}

std::optional<MismatchReason> CompareRemittance(const Payment& p,
                                                const Remittance& r,
                                                bool* repeat) {
  *repeat = false;
  if (p.state == PaymentState::kPaid) {
    bool same = p.paid_minor == r.paid_minor && p.currency == r.currency &&
                p.paid_date == r.paid_date &&
                p.bank_reference == r.bank_reference;
    if (!same) return MismatchReason::kDuplicate;
    *repeat = true;
    return std::nullopt;
  }
  if (r.currency != p.currency || r.paid_minor != p.amount_minor)
    return MismatchReason::kAmountMismatch;
  return std::nullopt;
}

absl::Status MismatchStatus(MismatchReason reason) {
  switch (reason) {
    case MismatchReason::kUnknownInstruction:
      return UnknownInstruction();
    case MismatchReason::kAmountMismatch:
      return AmountMismatch();
    case MismatchReason::kDuplicate:
      return RemittanceConflict();
  }
  return Internal("unknown mismatch");
}

}  // namespace grants::payments
