// Payment conversions.
#include "services/payments/payment_converters.h"

#include <charconv>

#include <fmt/format.h>

#include "absl/time/time.h"
#include "services/common/proto_convert.h"
#include "services/common/validation.h"
#include "services/payments/payment_rules.h"

namespace grants::payments {
namespace {

constexpr int kMaxInstalments = 24;
constexpr size_t kMaxReferenceChars = 100;

v1::PaymentState ProtoState(const Payment& p, const std::string& today) {
  if (p.state == PaymentState::kScheduled)
    return IsDue(p, today) ? v1::PAYMENT_STATE_DUE : v1::PAYMENT_STATE_SCHEDULED;
  return static_cast<v1::PaymentState>(static_cast<int>(p.state) + 2);
}

}  // namespace

static_assert(v1::PAYMENT_STATE_CANCELLED ==
              static_cast<int>(PaymentState::kCancelled) + 2);
static_assert(v1::DUE_KIND_ON_FINAL_REPORT ==
              static_cast<int>(DueKind::kOnFinalReport) + 1);
static_assert(v1::DUE_KIND_ON_CONDITIONS ==
              static_cast<int>(DueKind::kOnConditions) + 1);
static_assert(v1::RECONCILIATION_REASON_DUPLICATE ==
              static_cast<int>(MismatchReason::kDuplicate) + 1);

namespace {

// When an instalment falls due: DUE_REQUIRED, DATE_INVALID,
// DUE_DATE_UNEXPECTED.
void CheckDue(Validator& v, const std::string& field, v1::DueKind due,
              const std::string& due_date) {
  if (due == v1::DUE_KIND_UNSPECIFIED || !v1::DueKind_IsValid(due))
    v.Add(field + "due", "DUE_REQUIRED", "when the instalment falls due");
  else if (due == v1::DUE_KIND_ON_DATE)
    v.Date(field + "due_date", due_date);
  else if (!due_date.empty())
    v.Add(field + "due_date", "DUE_DATE_UNEXPECTED", "only for ON_DATE");
}

}  // namespace

absl::StatusOr<Replacement> ToReplacement(const v1::ReplacePaymentRequest& r) {
  Validator v;
  v.Id("id", r.id());
  CheckDue(v, "", r.due(), r.due_date());
  RETURN_IF_ERROR(v.Finish());
  return Replacement{r.id(), static_cast<DueKind>(r.due() - 1), r.due_date()};
}

absl::StatusOr<std::vector<Instalment>> ToInstalments(
    const v1::SetPaymentScheduleRequest& r) {
  Validator v;
  v.Id("award_id", r.award_id());
  if (r.instalments().empty() || r.instalments().size() > kMaxInstalments)
    v.Add("instalments", "COUNT_INVALID", "1-24 instalments");
  std::vector<Instalment> out;
  for (int i = 0; i < r.instalments().size() && i < kMaxInstalments; ++i) {
    const v1::Instalment& in = r.instalments(i);
    std::string field = fmt::format("instalments[{}]", i);
    v.Amount(field + ".amount", in.has_amount() ? &in.amount() : nullptr);
    CheckDue(v, field + ".", in.due(), in.due_date());
    out.push_back({in.amount().currency_code(), in.amount().minor_units(),
                   static_cast<DueKind>(in.due() - 1), in.due_date()});
  }
  RETURN_IF_ERROR(v.Finish());
  return out;
}

absl::StatusOr<AuthorisationLimit> ToLimit(
    const v1::SetAuthorisationLimitRequest& r) {
  Validator v;
  v.Text("officer", r.officer(), 1, kMaxNameChars)
      .Amount("limit", r.has_limit() ? &r.limit() : nullptr, /*allow_zero=*/true);
  RETURN_IF_ERROR(v.Finish());
  return AuthorisationLimit{r.officer(), r.limit().currency_code(),
                            r.limit().minor_units(), "", absl::Time()};
}

absl::StatusOr<Remittance> ToRemittance(const v1::RecordRemittanceRequest& r) {
  Validator v;
  v.Id("instruction_id", r.instruction_id())
      .Amount("paid_amount", r.has_paid_amount() ? &r.paid_amount() : nullptr)
      .Text("bank_reference", r.bank_reference(), 1, kMaxReferenceChars);
  v.Date("paid_date", r.paid_date());
  RETURN_IF_ERROR(v.Finish());
  return Remittance{r.instruction_id(), r.paid_amount().currency_code(),
                    r.paid_amount().minor_units(), r.paid_date(),
                    r.bank_reference()};
}

absl::StatusOr<std::string> ToStateFilter(const v1::ListPaymentsRequest& r) {
  Validator v;
  if (!r.award_id().empty()) v.Id("award_id", r.award_id());
  if (!v1::PaymentState_IsValid(r.state()))
    v.Add("state", "STATE_INVALID", "unknown payment state");
  RETURN_IF_ERROR(v.Finish());
  switch (r.state()) {
    case v1::PAYMENT_STATE_UNSPECIFIED:
      return std::string();
    case v1::PAYMENT_STATE_DUE:
      return std::string("due");
    case v1::PAYMENT_STATE_SCHEDULED:
      return std::string("scheduled");
    default:
      return std::string(StateName(
          static_cast<PaymentState>(r.state() - 2)));
  }
}

absl::StatusOr<InstructionCursor> ToCursor(const std::string& token) {
  InstructionCursor cursor;
  if (token.empty()) return cursor;
  size_t sep = token.find('_');
  auto invalid = InvalidField("page_token", "PAGE_TOKEN_INVALID",
                              "must be a next_page_token from an earlier response");
  if (token[0] != 'k' || sep == std::string::npos) return invalid;
  std::string micros = token.substr(1, sep - 1);
  auto [ptr, ec] = std::from_chars(micros.data(), micros.data() + micros.size(),
                                   cursor.micros);
  cursor.id = token.substr(sep + 1);
  if (ec != std::errc() || ptr != micros.data() + micros.size() ||
      cursor.micros < 0 || !Validator().Id("page_token", cursor.id).Finish().ok())
    return invalid;
  return cursor;
}

std::string InstructionToken(const Payment& last) {
  int64_t micros = last.authorised_at ? absl::ToUnixMicros(*last.authorised_at) : 0;
  return fmt::format("k{}_{}", micros, last.id);
}

void ToProto(const Payment& p, const std::string& today, v1::Payment* out) {
  out->set_id(p.id);
  out->set_award_id(p.award_id);
  out->set_organisation_id(p.organisation_id);
  out->set_instalment(p.instalment);
  grants::ToProto(p.currency, p.amount_minor, out->mutable_amount());
  out->set_due(static_cast<v1::DueKind>(static_cast<int>(p.due) + 1));
  out->set_due_date(p.due_date);
  out->set_state(ProtoState(p, today));
  out->set_requested_by(p.requested_by);
  if (p.requested_at) grants::ToProto(*p.requested_at, out->mutable_request_time());
  out->set_authorised_by(p.authorised_by);
  if (p.authorised_at)
    grants::ToProto(*p.authorised_at, out->mutable_authorise_time());
  out->set_instruction_id(p.instruction_id);
  if (p.paid_minor)
    grants::ToProto(p.currency, *p.paid_minor, out->mutable_paid_amount());
  out->set_paid_date(p.paid_date);
  out->set_bank_reference(p.bank_reference);
  out->set_replaces_payment_id(p.replaces);
  out->set_replaced_by_payment_id(p.replaced_by);
}

void ToProto(const Schedule& s, const std::string& today,
             v1::PaymentSchedule* out) {
  out->set_award_id(s.id);
  grants::ToProto(s.currency, s.award_minor, out->mutable_award_amount());
  for (const auto& p : s.payments) ToProto(p, today, out->add_payments());
}

void ToProto(const Payment& p, const std::string& today,
             v1::PaymentInstruction* out) {
  out->set_instruction_id(p.instruction_id);
  ToProto(p, today, out->mutable_payment());
  out->mutable_payee()->set_account_name(p.payee.account_name);
  out->mutable_payee()->set_sort_code(p.payee.sort_code);
  out->mutable_payee()->set_account_number(p.payee.account_number);
}

void ToProto(const AuthorisationLimit& l, v1::AuthorisationLimit* out) {
  out->set_officer(l.id);
  grants::ToProto(l.currency, l.limit_minor, out->mutable_limit());
  out->set_set_by(l.set_by);
  grants::ToProto(l.set_at, out->mutable_set_time());
}

void ToProto(const ReconciliationItem& i, v1::ReconciliationItem* out) {
  out->set_id(i.id);
  out->set_reason(static_cast<v1::ReconciliationReason>(
      static_cast<int>(i.reason) + 1));
  const Remittance& r = i.remittance;
  out->set_instruction_id(r.instruction_id);
  grants::ToProto(r.currency, r.paid_minor, out->mutable_paid_amount());
  out->set_paid_date(r.paid_date);
  out->set_bank_reference(r.bank_reference);
  out->set_payment_id(i.payment_id);
  out->set_reported_by(i.reported_by);
  grants::ToProto(i.reported_at, out->mutable_report_time());
  out->set_resolved(i.resolved);
  out->set_resolution_note(i.resolution_note);
  out->set_resolved_by(i.resolved_by);
  if (i.resolved_at) grants::ToProto(*i.resolved_at, out->mutable_resolve_time());
}

namespace {

v1::RecoveryState RecoveryStateToProto(RecoveryState s) {
  switch (s) {
    case RecoveryState::kRaised:
      return v1::RECOVERY_STATE_RAISED;
    case RecoveryState::kReceived:
      return v1::RECOVERY_STATE_RECEIVED;
    case RecoveryState::kWrittenOff:
      return v1::RECOVERY_STATE_WRITTEN_OFF;
  }
  return v1::RECOVERY_STATE_UNSPECIFIED;
}

}  // namespace

void ToProto(const Recovery& r, v1::Recovery* out) {
  out->set_id(r.id);
  out->set_award_id(r.award_id);
  out->set_payment_id(r.payment_id);
  out->set_organisation_id(r.organisation_id);
  grants::ToProto(r.currency, r.amount_minor, out->mutable_amount());
  out->set_reason(r.reason);
  out->set_state(RecoveryStateToProto(r.state));
  out->set_raised_by(r.raised_by);
  grants::ToProto(r.raised_at, out->mutable_raise_time());
  out->set_received_date(r.received_date);
  out->set_bank_reference(r.bank_reference);
  out->set_received_by(r.received_by);
  if (r.received_at)
    grants::ToProto(*r.received_at, out->mutable_receive_time());
  grants::ToProto(r.currency, r.received_minor, out->mutable_received());
  grants::ToProto(r.currency, r.outstanding_minor(),
                  out->mutable_outstanding());
  for (const auto& x : r.receipts) {
    v1::RecoveryReceipt* p = out->add_receipts();
    grants::ToProto(x.currency, x.amount_minor, p->mutable_amount());
    p->set_received_date(x.received_date);
    p->set_bank_reference(x.bank_reference);
    p->set_received_by(x.received_by);
    grants::ToProto(x.received_at, p->mutable_receive_time());
  }
  out->set_written_off_by(r.written_off_by);
  if (r.written_off_at)
    grants::ToProto(*r.written_off_at, out->mutable_write_off_time());
  out->set_write_off_reason(r.write_off_reason);
  grants::ToProto(r.currency, r.written_off_minor, out->mutable_written_off());
  out->set_due_date(r.due_date);
}

absl::StatusOr<RecoveryReceipt> ToReceipt(
    const v1::RecordRecoveryReceiptRequest& r) {
  Validator v;
  v.Id("recovery_id", r.recovery_id())
      .Amount("amount", r.has_amount() ? &r.amount() : nullptr)
      .Date("received_date", r.received_date())
      .Text("bank_reference", r.bank_reference(), 1, kMaxReferenceChars);
  RETURN_IF_ERROR(v.Finish());
  return RecoveryReceipt{.recovery_id = r.recovery_id(),
                         .currency = r.amount().currency_code(),
                         .amount_minor = r.amount().minor_units(),
                         .received_date = r.received_date(),
                         .bank_reference = r.bank_reference()};
}

std::string RecoveryStateFilter(v1::RecoveryState s) {
  switch (s) {
    case v1::RECOVERY_STATE_RAISED:
      return "raised";
    case v1::RECOVERY_STATE_RECEIVED:
      return "received";
    case v1::RECOVERY_STATE_WRITTEN_OFF:
      return "written_off";
    default:
      return "";
  }
}

absl::Status CheckWriteOff(const v1::WriteOffRecoveryRequest& r) {
  constexpr size_t kMaxReasonChars = 2000;
  Validator v;
  v.Id("id", r.id()).Multiline("reason", r.reason(), 1, kMaxReasonChars);
  return v.Finish();
}

}  // namespace grants::payments
