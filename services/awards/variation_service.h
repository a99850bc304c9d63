// Variation and termination use cases: a running award's amount or end date
// changed with four eyes and the round's budget re-checked, and termination
// that cancels what finance has not taken, releases the rest of the award
// and raises recoveries of paid money. Each mutation owns its transaction,
// is idempotent and is audited in it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/awards.h"
#include "domain/payments.h"
#include "services/audit/audit_recorder.h"
#include "services/common/paging.h"
#include "storage/pool.h"
#include "storage/variation_repository.h"

namespace grants::awards {

// What a termination did.
struct Termination {
  std::string id;  // the award's
  Award award;
  std::vector<payments::Payment> cancelled;
  std::vector<payments::Recovery> recoveries;
};

// What RaiseRecovery raised: one entry per payment recovered from.
struct RaisedRecovery {
  std::string id;  // the first entry's
  Award award;
  std::vector<payments::Recovery> recoveries;
};

// Raises recoveries of `amount` against the award's paid payments, newest
// first (recovery.cc), each due on `due_date`. RECOVERY_EXCEEDS_PAID, naming
// `field`.
absl::StatusOr<std::vector<payments::Recovery>> RaiseAgainstPaid(
    storage::Tx& tx, const RequestContext& ctx, const Award& award,
    const std::vector<payments::Payment>& payments, int64_t amount,
    const std::string& reason, const std::string& due_date,
    std::string_view field);
// The default due date of a recovery: 28 days from the London date of
// `now`.
std::string DefaultRecoveryDue(absl::Time now);

class VariationService {
 public:
  VariationService(storage::ConnectionPool& pool, const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // Records a proposal by an officer or the award's grantee. AWARD_NOT_FOUND,
  // ORGANISATION_SCOPE, CheckProposal's, VARIATION_OPEN.
  absl::StatusOr<Variation> Propose(const RequestContext& ctx,
                                    const VariationCommand& cmd);
  // Approves (and applies) or rejects a proposal. VARIATION_NOT_FOUND,
  // CheckVariationDecision's, BUDGET_EXHAUSTED, VARIATION_BELOW_PAYMENTS.
  absl::StatusOr<Variation> Decide(const RequestContext& ctx,
                                   const VariationDecision& cmd);
  // Newest first; a grantee sees only its own organisation's.
  absl::StatusOr<Listed<Variation>> List(const RequestContext& ctx,
                                         awards::VariationFilter filter,
                                         const Page& page);
  // Ends a running award. AWARD_NOT_FOUND, AWARD_NOT_RUNNING,
  // CURRENCY_MISMATCH, RECOVERY_EXCEEDS_PAID.
  absl::StatusOr<Termination> Terminate(const RequestContext& ctx,
                                        const TerminateCommand& cmd);
  // Closes a running award at its end (completion.cc): COMPLETED, the
  // unpaid remainder released to the round. AWARD_NOT_FOUND,
  // AWARD_NOT_RUNNING, CONFLICT_OF_INTEREST, CheckCanComplete's.
  absl::StatusOr<Award> Complete(const RequestContext& ctx,
                                 const std::string& id);
  // Raises a recovery of unspent paid money on a running or completed award
  // (recovery.cc). AWARD_NOT_FOUND, AWARD_NOT_RECOVERABLE,
  // CONFLICT_OF_INTEREST, CURRENCY_MISMATCH, DUE_DATE_IN_PAST,
  // RECOVERY_EXCEEDS_PAID.
  absl::StatusOr<RaisedRecovery> RaiseRecovery(const RequestContext& ctx,
                                               const RecoveryCommand& cmd);

 private:
  // Applies an approved variation to the locked award: budget, schedule,
  // shares, amount and end date.
  absl::StatusOr<Award> Apply(storage::Tx& tx, const RequestContext& ctx,
                              const Variation& v, const Award& award) const;

  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::awards
