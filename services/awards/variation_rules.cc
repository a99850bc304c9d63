// Variation and termination rules.
#include "services/awards/variation_rules.h"

#include <algorithm>
#include <map>

#include "services/awards/award_errors.h"
#include "common/status.h"

namespace grants::awards {
namespace {

using payments::Payment;
using payments::PaymentState;

absl::Status AwardNotRunning() {
  return Refused("AWARD_NOT_RUNNING", "id",
                 "only an accepted or active award can be varied or "
                 "terminated");
}

// Payments in instalment order, latest first.
std::vector<const Payment*> LatestFirst(const std::vector<Payment>& ps) {
  std::vector<const Payment*> out;
  for (const auto& p : ps) out.push_back(&p);
  std::sort(out.begin(), out.end(), [](const Payment* a, const Payment* b) {
    return a->instalment > b->instalment;
  });
  return out;
}

}  // namespace

bool IsRunning(AwardState state) {
  return state == AwardState::kAccepted || state == AwardState::kActive;
}

absl::Status CheckProposal(const Award& award, const VariationCommand& cmd,
                           int64_t max_grant_minor) {
  if (!IsRunning(award.state)) return AwardNotRunning();
  if (cmd.new_minor) {
    if (cmd.currency != award.currency)
      return InvalidField("new_amount", "CURRENCY_MISMATCH",
                          "the new amount must be in the award's currency");
    if (*cmd.new_minor > max_grant_minor)
      return InvalidField("new_amount", "AMOUNT_OUT_OF_RANGE",
                          "above the round's maximum grant");
  }
  if (!cmd.new_end_date.empty() && !award.start_date.empty() &&
      cmd.new_end_date < award.start_date)
    return InvalidField("new_end_date", "END_BEFORE_START",
                        "the end is before the award's start");
  bool amount_changes = cmd.new_minor && *cmd.new_minor != award.amount_minor;
  bool end_changes =
      !cmd.new_end_date.empty() && cmd.new_end_date != award.end_date;
  if (!amount_changes && !end_changes)
    return InvalidField("new_amount", "VARIATION_EMPTY",
                        "the proposal changes neither amount nor end date");
  return absl::OkStatus();
}

Variation MakeVariation(const Award& award, const VariationCommand& cmd) {
  return Variation{.award_id = award.id,
                   .organisation_id = award.organisation_id,
                   .currency = award.currency,
                   .previous_minor = award.amount_minor,
                   .new_minor = cmd.new_minor.value_or(award.amount_minor),
                   .previous_end_date = award.end_date,
                   .new_end_date = cmd.new_end_date.empty() ? award.end_date
                                                            : cmd.new_end_date,
                   .reason = cmd.reason};
}

absl::Status CheckVariationDecision(const Variation& v, const Award& award,
                                    std::string_view decider) {
  if (v.state != VariationState::kProposed)
    return Refused("VARIATION_NOT_PROPOSED", "id",
                   "the variation has already been decided");
  if (v.proposed_by == decider)
    return MakeError(absl::StatusCode::kPermissionDenied, "FOUR_EYES_REQUIRED",
                     "the variation must be decided by someone other than "
                     "the proposer",
                     {{"id", "FOUR_EYES_REQUIRED", "you proposed it"}});
  if (v.endorsed_by == decider)
    return MakeError(absl::StatusCode::kPermissionDenied, "FOUR_EYES_REQUIRED",
                     "a second officer must decide the variation you endorsed",
                     {{"id", "FOUR_EYES_REQUIRED", "you endorsed it"}});
  if (!IsRunning(award.state)) return AwardNotRunning();
  if (award.amount_minor != v.previous_minor ||
      award.end_date != v.previous_end_date)
    return Refused("VARIATION_STALE", "id",
                   "the award changed after the proposal; propose again");
  return absl::OkStatus();
}

int OfficersNeeded(const Variation& v, const RoundSettings& settings) {
  bool increase = v.new_minor > v.previous_minor;
  bool light = settings.microgrant_threshold_minor > 0 &&
               v.new_minor <= settings.microgrant_threshold_minor;
  return increase && !light ? 2 : 1;
}

ApprovalStep NextApprovalStep(const Variation& v,
                              const RoundSettings& settings) {
  int approved = (v.proposer_role == "officer" ? 1 : 0) +
                 (v.endorsed_by.empty() ? 0 : 1);
  return approved + 1 >= OfficersNeeded(v, settings) ? ApprovalStep::kApply
                                                     : ApprovalStep::kEndorse;
}

absl::StatusOr<SchedulePlan> PlanSchedule(const std::vector<Payment>& payments,
                                          int64_t delta) {
  SchedulePlan plan;
  if (payments.empty() || delta == 0) return plan;
  if (delta > 0) {
    plan.added = delta;
    return plan;
  }
  int64_t cut = -delta;
  for (const Payment* p : LatestFirst(payments)) {
    if (cut == 0) break;
    if (p->state != PaymentState::kScheduled) continue;
    if (p->amount_minor <= cut) {
      plan.removed.push_back(p->id);
      cut -= p->amount_minor;
    } else {
      plan.resized.emplace_back(p->id, p->amount_minor - cut);
      cut = 0;
    }
  }
  if (cut > 0)
    return Refused("VARIATION_BELOW_PAYMENTS", "id",
                   "payments already under way need more than the new "
                   "amount leaves");
  return plan;
}

TerminationPlan PlanTermination(const std::vector<Payment>& payments,
                                int64_t amount) {
  TerminationPlan plan;
  for (const auto& p : payments) {
    switch (p.state) {
      case PaymentState::kScheduled:
      case PaymentState::kRequested:
      case PaymentState::kAuthorised:
        plan.cancel.push_back(p.id);
        break;
      case PaymentState::kInstructed:
      case PaymentState::kPaid:
        plan.kept += p.amount_minor;
        break;
      case PaymentState::kFailed:
      case PaymentState::kCancelled:
        break;
    }
  }
  plan.release = amount - plan.kept;
  return plan;
}

absl::StatusOr<std::vector<RecoveryPart>> AllocateRecovery(
    const std::vector<Payment>& payments,
    const std::vector<payments::Recovery>& existing, int64_t amount,
    std::string_view field) {
  std::map<std::string, int64_t> taken;
  for (const auto& r : existing) taken[r.payment_id] += r.amount_minor;
  std::vector<RecoveryPart> parts;
  int64_t left = amount;
  for (const Payment* p : LatestFirst(payments)) {
    if (left == 0) break;
    if (p->state != PaymentState::kPaid) continue;
    int64_t room = p->paid_minor.value_or(0) - taken[p->id];
    if (room <= 0) continue;
    int64_t part = std::min(room, left);
    parts.push_back({p->id, part});
    left -= part;
  }
  if (left > 0)
    return Refused("RECOVERY_EXCEEDS_PAID", field,
                   "more than the award has paid (less earlier recoveries)");
  return parts;
}

absl::Status CheckCanComplete(const CompletionBlockers& b) {
  if (!b.unsettled_payments.empty()) {
    std::string ids;
    for (const auto& id : b.unsettled_payments)
      ids += (ids.empty() ? "" : ", ") + id;
    return Refused("PAYMENTS_UNSETTLED", "id",
                   "payments not yet paid, cancelled or failed: " + ids);
  }
  if (b.reports_awaiting_review > 0)
    return Refused("REPORT_AWAITING_REVIEW", "id",
                   "a submitted report awaits review");
  if (!b.final_report_accepted)
    return Refused("FINAL_REPORT_NOT_ACCEPTED", "id",
                   "the award's final report is not accepted yet");
  if (b.open_variations > 0)
    return Refused("VARIATION_OPEN", "id",
                   "a proposed variation awaits a decision");
  if (b.open_conditions > 0)
    return Refused("CONDITIONS_OPEN", "id",
                   "conditions of the award are not all signed off");
  return absl::OkStatus();
}

}  // namespace grants::awards
