// Awards, their funder shares, the rounds' budget commitments and expiry
// sweeps in PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/awards.h"
#include "storage/transaction.h"

namespace grants::storage::award_repo {

using grants::awards::Award;
using grants::awards::AwardState;
using grants::awards::Share;

// Inserts an OFFERED award (shares are written separately).
Award Insert(Tx& tx, const Award& a);
std::optional<Award> Get(Tx& tx, const std::string& id,
                         bool for_update = false);
// Writes state, response, decline reason, attribution basis, amount, end
// date and termination.
Award Update(Tx& tx, const Award& a, absl::Time now);

using Filter = awards::ListFilter;
std::vector<Award> List(Tx& tx, const Filter& f, int limit, int offset);

// True when the application has an offered, accepted or active award.
bool HasLiveAward(Tx& tx, const std::string& application_id);

// Marks every OFFERED award expiring at or before `now` EXPIRED (in one
// round, or all when `round_id` is empty) and returns them.
std::vector<Award> ExpireOverdue(Tx& tx, const std::string& round_id,
                                 absl::Time now);

std::vector<Share> GetShares(Tx& tx, const std::string& award_id);
// Replaces the award's shares.
void ReplaceShares(Tx& tx, const std::string& award_id,
                   const std::vector<Share>& shares);

// Each funder's total contribution to the fund, earliest contributor first.
std::vector<std::pair<std::string, int64_t>> FunderTotals(
    Tx& tx, const std::string& fund_id);

// Makes the round's commitment row (budget copied from the round) unless
// it exists.
void EnsureCommitment(Tx& tx, const std::string& round_id);
// Changes the round's committed amount by `delta` (negative releases) in one
// conditional UPDATE, which holds the row until commit. False, and nothing
// changed, when the row is missing or the result would leave [0, budget].
bool ChangeCommitted(Tx& tx, const std::string& round_id, int64_t delta);

// Makes an accepted award active (its first payment was paid); true when
// it changed.
bool Activate(Tx& tx, const std::string& award_id, absl::Time now);

// What stands between the award and completion, and what it has paid.
struct Completion {
  std::vector<std::string> unsettled_payments;
  bool final_report_accepted = false;
  int64_t reports_awaiting_review = 0;
  int64_t open_variations = 0;
  int64_t paid_minor = 0;
};
Completion CompletionOf(Tx& tx, const std::string& award_id);

// What keeps a round from being closed out.
struct CloseOutBlockers {
  int64_t undecided = 0;         // submitted, no decision
  int64_t approved_unoffered = 0;
  int64_t offers_open = 0;
};
CloseOutBlockers CloseOutBlockersOf(Tx& tx, const std::string& round_id);
// The round's budget becomes its commitment: (committed, budget before).
std::pair<int64_t, int64_t> CloseOutCommitment(Tx& tx,
                                               const std::string& round_id);

// Records a sweep; returns its id.
std::string InsertExpiryRun(Tx& tx, const std::string& round_id,
                            const std::vector<std::string>& award_ids,
                            const std::string& actor, absl::Time now);
// The sweep's round ("" for all) and the awards it expired.
std::optional<std::pair<std::string, std::vector<std::string>>> GetExpiryRun(
    Tx& tx, const std::string& id);

}  // namespace grants::storage::award_repo
