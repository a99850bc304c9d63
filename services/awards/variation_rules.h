// Pure rules of award variations and termination: who may propose and
// decide, how a changed amount reshapes the payment schedule, what a
// termination cancels and releases, and how a recovery is spread over the
// paid payments. No I/O; unit-tested directly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/awards.h"
#include "domain/payments.h"

namespace grants::awards {

// True for an accepted or active award: the only ones that vary or end.
bool IsRunning(AwardState state);

// What stands between a running award and its completion.
struct CompletionBlockers {
  std::vector<std::string> unsettled_payments;  // not paid, cancelled, failed
  bool final_report_accepted = false;
  int64_t reports_awaiting_review = 0;
  int64_t open_variations = 0;
  int64_t open_conditions = 0;  // not signed off
};
// Whether an award can be completed: FAILED_PRECONDITION (field id)
// PAYMENTS_UNSETTLED naming each payment, FINAL_REPORT_NOT_ACCEPTED,
// REPORT_AWAITING_REVIEW, VARIATION_OPEN, CONDITIONS_OPEN.
absl::Status CheckCanComplete(const CompletionBlockers& b);

// A proposal for `award`: running (FAILED_PRECONDITION AWARD_NOT_RUNNING);
// in the award's currency (INVALID_ARGUMENT CURRENCY_MISMATCH); at most the
// round's maximum grant (AMOUNT_OUT_OF_RANGE); an end not before the start
// (END_BEFORE_START); something actually changing (VARIATION_EMPTY).
absl::Status CheckProposal(const Award& award, const VariationCommand& cmd,
                           int64_t max_grant_minor);

// The variation a valid proposal makes (previous values from `award`).
Variation MakeVariation(const Award& award, const VariationCommand& cmd);

// Whether `decider` may decide `v` now: VARIATION_NOT_PROPOSED,
// FOUR_EYES_REQUIRED (PERMISSION_DENIED: the decider proposed or endorsed
// it), AWARD_NOT_RUNNING, VARIATION_STALE (the award's amount or end changed
// since the proposal).
absl::Status CheckVariationDecision(const Variation& v, const Award& award,
                                    std::string_view decider);

// How many officers must approve `v` under the round's `settings`: an
// increase to an amount above the microgrant threshold needs two, as the
// original award did above it, whoever proposed it; anything else one.
int OfficersNeeded(const Variation& v, const RoundSettings& settings);

// What an officer's approval of `v` does: applies it when it completes the
// officers needed (an officer proposer and an endorser each count), else
// endorses it as the first of two.
enum class ApprovalStep { kApply, kEndorse };
ApprovalStep NextApprovalStep(const Variation& v, const RoundSettings& settings);

// How the payment schedule follows an amount change of `delta`: an increase
// is one new instalment (`added`); a decrease comes off the last instalments
// not yet requested (`resized` to a smaller amount, or `removed`).
struct SchedulePlan {
  std::vector<std::pair<std::string, int64_t>> resized;  // payment id, amount
  std::vector<std::string> removed;
  int64_t added = 0;
};
// An award without payments keeps none. FAILED_PRECONDITION
// VARIATION_BELOW_PAYMENTS when the scheduled instalments cannot absorb a
// decrease (payments under way already need the money).
absl::StatusOr<SchedulePlan> PlanSchedule(
    const std::vector<payments::Payment>& payments, int64_t delta);

// What a termination does to the payments of an award of `amount`: cancels
// those not yet instructed; keeps instructed and paid ones committed; and
// releases the rest of the award to the round's budget.
struct TerminationPlan {
  std::vector<std::string> cancel;
  int64_t kept = 0;
  int64_t release = 0;
};
TerminationPlan PlanTermination(const std::vector<payments::Payment>& payments,
                                int64_t amount);

// Spreads a recovery of `amount` over the paid payments, latest instalment
// first, each up to what it paid less what `existing` recoveries already
// take from it. FAILED_PRECONDITION RECOVERY_EXCEEDS_PAID (naming `field`)
// when they cannot cover it.
struct RecoveryPart {
  std::string payment_id;
  int64_t amount = 0;
  bool operator==(const RecoveryPart&) const = default;
};
absl::StatusOr<std::vector<RecoveryPart>> AllocateRecovery(
    const std::vector<payments::Payment>& payments,
    const std::vector<payments::Recovery>& existing, int64_t amount,
    std::string_view field = "recovery_amount");

}  // namespace grants::awards
