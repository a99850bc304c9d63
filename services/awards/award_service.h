// Award use cases: offers that commit the round's budget in the same
// transaction, the grantee's answer, expiry, and funder attribution. Each
// mutation owns its transaction, is idempotent and is audited in it;
// grantees act on and see only their own organisation's awards.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/awards.h"
#include "services/audit/audit_recorder.h"
#include "services/common/paging.h"
#include "storage/award_repository.h"
#include "storage/pool.h"

namespace grants::awards {

// The award with its shares, for a caller who may see it: a grantee only
// its own organisation's (ORGANISATION_SCOPE), a funder only one it has a
// share of (FUNDER_SCOPE). AWARD_NOT_FOUND.
absl::StatusOr<Award> LoadAwardInScope(storage::Tx& tx,
                                       const RequestContext& ctx,
                                       const std::string& id, bool for_update,
                                       std::string_view field = "id");
// Gives `amount` back to the round's budget.
absl::Status Release(storage::Tx& tx, const std::string& round_id,
                     int64_t amount);

class AwardService {
 public:
  AwardService(storage::ConnectionPool& pool, const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // Offers an award for an approved application, attributes it pro rata to
  // the fund's funders and commits its amount against the round's budget.
  // Errors: APPLICATION_NOT_FOUND, ROUND_NOT_CLOSED, CheckOffer's,
  // AWARD_EXISTS, BUDGET_EXHAUSTED.
  absl::StatusOr<Award> Offer(const RequestContext& ctx,
                              const OfferCommand& cmd);
  // The grantee accepts (before expiry: OFFER_EXPIRED) or declines (the
  // money is released). AWARD_NOT_FOUND, ORGANISATION_SCOPE,
  // AWARD_NOT_OFFERED.
  // Also an officer's, acting on behalf of the organisation (`on_behalf`;
  // its errors in services/organisations/on_behalf.h).
  absl::StatusOr<Award> Accept(
      const RequestContext& ctx, const std::string& id,
      const std::optional<OnBehalf>& on_behalf = std::nullopt);
  absl::StatusOr<Award> Decline(const RequestContext& ctx,
                                const std::string& id,
                                const std::string& reason);
  // Expires every overdue offer (of `round_id`, or all when empty) and
  // releases its money. ROUND_NOT_FOUND.
  absl::StatusOr<ExpiryRun> Expire(const RequestContext& ctx,
                                   const std::string& round_id);
  // The background loop's sweep: expires every offer past its answer-by
  // time at `now`, releases its money and tells the grantee. Safe in
  // several grantsd at once (an offer expires, and is told, once).
  absl::StatusOr<std::vector<Award>> ExpireDue(absl::Time now);
  // The microgrant fast path (fast_path.cc): one transaction records the
  // reviewer's qualifying score as the recommendation and the caller's
  // approval as the decision, and offers the award at once with the
  // round's standard conditions. Errors: CheckDecidable's,
  // CheckRecommendation's, CheckFastPath's, FAST_PATH_MARK_NOT_MET,
  // AWARD_EXISTS, BUDGET_EXHAUSTED, CONFLICT_OF_INTEREST.
  absl::StatusOr<Award> ApproveFastPath(const RequestContext& ctx,
                                        const FastPathCommand& cmd);
  // AWARD_NOT_FOUND, ORGANISATION_SCOPE.
  absl::StatusOr<Award> Get(const RequestContext& ctx, const std::string& id);
  absl::StatusOr<Listed<Award>> List(const RequestContext& ctx,
                                     awards::ListFilter filter,
                                     const Page& page);
  // Replaces the shares with an explicit split (see CheckShares).
  // AWARD_NOT_LIVE for a declined or expired award.
  absl::StatusOr<Award> SetAttribution(const RequestContext& ctx,
                                       const std::string& id,
                                       const std::vector<Share>& shares);
  // An offer's conditions (conditions.cc); see MeetCondition,
  // SignOffCondition and ReturnCondition in awards.proto.
  absl::StatusOr<Condition> MeetCondition(const RequestContext& ctx,
                                          const MeetCommand& cmd);
  absl::StatusOr<Condition> SignOffCondition(const RequestContext& ctx,
                                             const std::string& condition_id);
  absl::StatusOr<Condition> ReturnCondition(const RequestContext& ctx,
                                            const std::string& condition_id,
                                            const std::string& comment);
  // Gives the award's conditions in one language (see
  // SetConditionTranslation in awards.proto).
  absl::StatusOr<Award> SetConditionTranslation(
      const RequestContext& ctx, const std::string& award_id,
      const ConditionsTranslation& translation);

 private:
  // Computes the locked condition's new state from (tx, its award, before).
  using ConditionChange = std::function<absl::StatusOr<Condition>(
      storage::Tx&, const Award&, const Condition&)>;
  // One transaction: the key, the condition and its award locked and in
  // scope (no interest, the award offered or running), `change`, the
  // write, the audit event, and the payments due on conditions released
  // by the last sign-off.
  absl::StatusOr<Condition> ChangeCondition(const RequestContext& ctx,
                                            const std::string& condition_id,
                                            const ConditionChange& change);
  // Computes the locked award's new state from (tx, before).
  using Change =
      std::function<absl::StatusOr<Award>(storage::Tx&, const Award&)>;
  // One transaction: the key, the award locked and in scope, `change`, the
  // write, the audit event.
  absl::StatusOr<Award> ChangeAward(const RequestContext& ctx,
                                    const std::string& id,
                                    const Change& change);
  // Inserts the offer `a`, splits it among the fund's funders, commits its
  // amount, audits it and tells the grantee. BUDGET_EXHAUSTED.
  absl::StatusOr<Award> InsertOffer(storage::Tx& tx, const RequestContext& ctx,
                                    Award a) const;
  // A fast-path award just accepted: its single payment, due on
  // acceptance, already requested in the approving officer's name so one
  // authorisation by another officer within their limit releases it.
  void SchedulePaymentOnAcceptance(storage::Tx& tx, const RequestContext& ctx,
                                   const Award& award) const;
  // Commits the award's amount; on the slow path makes the round's row and
  // expires its overdue offers first. BUDGET_EXHAUSTED.
  absl::Status CommitBudget(storage::Tx& tx, const RequestContext& ctx,
                            const Award& award) const;
  // Expires overdue offers, releases their money, audits each.
  absl::StatusOr<std::vector<Award>> ExpireOverdue(
      storage::Tx& tx, const RequestContext& ctx,
      const std::string& round_id) const;

  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::awards
