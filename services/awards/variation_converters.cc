// Variation and termination conversions.
#include "services/awards/variation_converters.h"

#include "services/awards/award_converters.h"
#include "services/common/proto_convert.h"
#include "services/common/validation.h"
#include "services/payments/payment_converters.h"

namespace grants::awards {
namespace {

constexpr size_t kMaxReasonChars = 2000;

static_assert(v1::VARIATION_STATE_WITHDRAWN ==
              static_cast<int>(VariationState::kWithdrawn) + 1);

}  // namespace

absl::StatusOr<VariationCommand> ToCommand(
    const v1::ProposeVariationRequest& r) {
  Validator v;
  v.Id("award_id", r.award_id())
      .Multiline("reason", r.reason(), 1, kMaxReasonChars);
  if (r.has_new_amount()) v.Amount("new_amount", &r.new_amount());
  if (!r.new_end_date().empty()) v.Date("new_end_date", r.new_end_date());
  if (!r.has_new_amount() && r.new_end_date().empty())
    v.Add("new_amount", "VARIATION_EMPTY",
          "give a new amount, a new end date, or both");
  RETURN_IF_ERROR(v.Finish());
  VariationCommand cmd{.award_id = r.award_id(),
                       .new_end_date = r.new_end_date(),
                       .reason = r.reason()};
  if (r.has_new_amount()) {
    cmd.new_minor = r.new_amount().minor_units();
    cmd.currency = r.new_amount().currency_code();
  }
  return cmd;
}

absl::StatusOr<VariationDecision> ToCommand(
    const v1::DecideVariationRequest& r) {
  Validator v;
  v.Id("id", r.id()).Multiline("comment", r.comment(), 0, kMaxReasonChars);
  if (r.outcome() != v1::OUTCOME_APPROVE && r.outcome() != v1::OUTCOME_DECLINE)
    v.Add("outcome", "OUTCOME_REQUIRED", "approve or decline");
  if (r.outcome() == v1::OUTCOME_DECLINE && r.comment().empty())
    v.Add("comment", "COMMENT_REQUIRED", "say why the variation is rejected");
  RETURN_IF_ERROR(v.Finish());
  return VariationDecision{r.id(), FromProto(r.outcome()), r.comment()};
}

absl::StatusOr<TerminateCommand> ToCommand(const v1::TerminateAwardRequest& r) {
  Validator v;
  v.Id("id", r.id()).Multiline("reason", r.reason(), 1, kMaxReasonChars);
  if (r.has_recovery_amount())
    v.Amount("recovery_amount", &r.recovery_amount(), /*allow_zero=*/true);
  RETURN_IF_ERROR(v.Finish());
  return TerminateCommand{r.id(), r.reason(),
                          r.recovery_amount().currency_code(),
                          r.recovery_amount().minor_units()};
}

absl::StatusOr<RecoveryCommand> ToCommand(const v1::RaiseRecoveryRequest& r) {
  Validator v;
  v.Id("award_id", r.award_id())
      .Amount("amount", r.has_amount() ? &r.amount() : nullptr)
      .Multiline("reason", r.reason(), 1, kMaxReasonChars);
  if (!r.due_date().empty()) v.Date("due_date", r.due_date());
  RETURN_IF_ERROR(v.Finish());
  return RecoveryCommand{.award_id = r.award_id(),
                         .currency = r.amount().currency_code(),
                         .amount_minor = r.amount().minor_units(),
                         .reason = r.reason(),
                         .due_date = r.due_date()};
}

absl::StatusOr<awards::VariationFilter> ToFilter(
    const v1::ListVariationsRequest& r) {
  Validator v;
  if (!r.award_id().empty()) v.Id("award_id", r.award_id());
  if (!v1::VariationState_IsValid(r.state()))
    v.Add("state", "STATE_INVALID", "unknown variation state");
  RETURN_IF_ERROR(v.Finish());
  awards::VariationFilter f{.award_id = r.award_id()};
  if (r.state() != v1::VARIATION_STATE_UNSPECIFIED)
    f.state = std::string(StateName(
        static_cast<VariationState>(r.state() - 1)));
  return f;
}

void ToProto(const Variation& v, v1::Variation* out) {
  out->set_id(v.id);
  out->set_award_id(v.award_id);
  out->set_state(
      static_cast<v1::VariationState>(static_cast<int>(v.state) + 1));
  grants::ToProto(v.currency, v.previous_minor, out->mutable_previous_amount());
  grants::ToProto(v.currency, v.new_minor, out->mutable_new_amount());
  out->set_previous_end_date(v.previous_end_date);
  out->set_new_end_date(v.new_end_date);
  out->set_reason(v.reason);
  out->set_proposed_by(v.proposed_by);
  out->set_proposer_role(v.proposer_role);
  grants::ToProto(v.proposed_at, out->mutable_propose_time());
  out->set_decided_by(v.decided_by);
  if (v.decided_at) grants::ToProto(*v.decided_at, out->mutable_decide_time());
  out->set_decision_comment(v.decision_comment);
  out->set_endorsed_by(v.endorsed_by);
  if (v.endorsed_at)
    grants::ToProto(*v.endorsed_at, out->mutable_endorse_time());
}

void ToProto(const Termination& t, const std::string& today,
             v1::Termination* out) {
  ToProto(t.award, out->mutable_award());
  for (const auto& p : t.cancelled)
    payments::ToProto(p, today, out->add_cancelled_payments());
  for (const auto& r : t.recoveries)
    payments::ToProto(r, out->add_recoveries());
}

void ToProto(const RaisedRecovery& r, v1::RaiseRecoveryResponse* out) {
  ToProto(r.award, out->mutable_award());
  for (const auto& x : r.recoveries)
    payments::ToProto(x, out->add_recoveries());
}

}  // namespace grants::awards
