// Variation and termination use cases.
#include "services/awards/variation_service.h"

#include <nlohmann/json.hpp>

#include "common/money.h"
#include "services/awards/award_errors.h"
#include "services/awards/award_rules.h"
#include "services/awards/award_service.h"
#include "services/awards/variation_rules.h"
#include "services/organisations/interest_guard.h"
#include "services/organisations/on_behalf.h"
#include "storage/award_repository.h"
#include "storage/decision_repository.h"
#include "storage/idempotency.h"
#include "storage/notification_repository.h"
#include "storage/payment_repository.h"
#include "storage/programme_repository.h"
#include "storage/recovery_repository.h"

namespace grants::awards {
namespace repo = storage::variation_repo;
namespace award_repo = storage::award_repo;
namespace payment_repo = storage::payment_repo;
namespace recovery_repo = storage::recovery_repo;
using storage::Tx;

namespace {

nlohmann::json Json(const Variation& v) {
  return {{"award_id", v.award_id},
          {"state", StateName(v.state)},
          {"previous_minor", v.previous_minor},
          {"new_minor", v.new_minor},
          {"previous_end_date", v.previous_end_date},
          {"new_end_date", v.new_end_date},
          {"reason", audit::Words(v.reason)},
          {"decision_comment", audit::Words(v.decision_comment)}};
}

absl::StatusOr<Variation> LoadVariation(Tx& tx, const std::string& id,
                                        bool for_update = false) {
  auto v = repo::Get(tx, id, for_update);
  if (!v)
    return MakeError(absl::StatusCode::kNotFound, "VARIATION_NOT_FOUND",
                     "variation not found",
                     {{"id", "VARIATION_NOT_FOUND", "no such variation"}});
  return *v;
}

// The schedule follows the amount: a new instalment due at once for an
// increase; smaller or fewer scheduled instalments for a decrease.
absl::Status ReshapeSchedule(Tx& tx, const RequestContext& ctx,
                             const Award& award, int64_t delta) {
  auto payments = payment_repo::ListForAward(tx, award.id, /*lock=*/true);
  ASSIGN_OR_RETURN(SchedulePlan plan, PlanSchedule(payments, delta));
  for (const auto& [id, amount] : plan.resized)
    payment_repo::SetAmount(tx, id, amount, ctx.now);
  for (const auto& id : plan.removed) payment_repo::Delete(tx, id);
  if (plan.added > 0) {
    int last = payments.empty() ? 0 : payments.back().instalment;
    payment_repo::Insert(tx,
                         {.award_id = award.id,
                          .instalment = last + 1,
                          .currency = award.currency,
                          .amount_minor = plan.added,
                          .due = payments::DueKind::kOnAcceptance},
                         ctx.caller.subject, ctx.now);
  }
  return absl::OkStatus();
}

// Re-splits the award among its funders in the proportions of today's
// shares (pro rata or an officer's split alike), to the penny.
void Resplit(Tx& tx, const Award& award, int64_t amount) {
  std::vector<int64_t> weights;
  for (const auto& s : award.shares) weights.push_back(s.amount_minor);
  std::vector<int64_t> parts = SplitProRata(amount, weights);
  std::vector<Share> shares;
  for (size_t i = 0; i < parts.size(); ++i)
    shares.push_back({award.shares[i].funder_id, parts[i]});
  award_repo::ReplaceShares(tx, award.id, shares);
}

}  // namespace

absl::StatusOr<Variation> VariationService::Propose(
    const RequestContext& ctx, const VariationCommand& cmd) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Variation>(
        tx, ctx,
        [&](const std::string& prior) { return LoadVariation(tx, prior); },
        [&]() -> absl::StatusOr<Variation> {
          // The award's lock serialises proposals, decisions and termination.
          ASSIGN_OR_RETURN(Award award, LoadAwardInScope(tx, ctx, cmd.award_id,
                                                         true, "award_id"));
          RETURN_IF_ERROR(organisations::CheckNoInterestInAward(
              tx, ctx, award.id, "award_id"));
          auto round = storage::programme_repo::GetRound(tx, award.round_id);
          if (!round) return Internal("award without round");
          RETURN_IF_ERROR(
              CheckProposal(award, cmd, round->round.spec.max_grant_minor));
          if (repo::OpenExists(tx, award.id))
            return Refused("VARIATION_OPEN", "award_id",
                           "the award already has a variation waiting for a "
                           "decision");
          Variation v = MakeVariation(award, cmd);
          v.proposed_by = ctx.caller.subject;
          v.proposer_role = std::string(RoleName(ctx.caller.role));
          v.proposed_at = ctx.now;
          v = repo::Insert(tx, v);
          audit_.Record(tx, ctx,
                        {"award_variation", v.id,
                         nlohmann::json{{"after", Json(v)}}.dump()});
          return v;
        });
  });
}

absl::StatusOr<Award> VariationService::Apply(Tx& tx, const RequestContext& ctx,
                                              const Variation& v,
                                              const Award& award) const {
  int64_t delta = v.new_minor - award.amount_minor;
  if (delta > 0 && !award_repo::ChangeCommitted(tx, award.round_id, delta))
    return BudgetExhausted();
  if (delta < 0) RETURN_IF_ERROR(Release(tx, award.round_id, -delta));
  RETURN_IF_ERROR(ReshapeSchedule(tx, ctx, award, delta));
  Award after = award;
  after.amount_minor = v.new_minor;
  after.end_date = v.new_end_date;
  after = award_repo::Update(tx, after, ctx.now);
  if (delta != 0) Resplit(tx, award, v.new_minor);
  return after;
}

absl::StatusOr<Variation> VariationService::Decide(
    const RequestContext& ctx, const VariationDecision& cmd) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Variation>(
        tx, ctx, cmd.id,
        [&](const std::string& prior) { return LoadVariation(tx, prior); },
        [&]() -> absl::StatusOr<Variation> {
          ASSIGN_OR_RETURN(Variation v, LoadVariation(tx, cmd.id));
          ASSIGN_OR_RETURN(Award award,
                           LoadAwardInScope(tx, ctx, v.award_id, true));
          RETURN_IF_ERROR(
              organisations::CheckNoInterestInAward(tx, ctx, award.id, "id"));
          ASSIGN_OR_RETURN(v, LoadVariation(tx, cmd.id, /*for_update=*/true));
          RETURN_IF_ERROR(CheckVariationDecision(v, award, ctx.caller.subject));
          RETURN_IF_ERROR(organisations::CheckNotActedOnBehalfForAward(
              tx, ctx, award.id, "id"));
          bool approve = cmd.outcome == Outcome::kApprove;
          auto settings =
              storage::decision_repo::GetSettings(tx, award.round_id);
          if (!settings) return Internal("award without round settings");
          if (approve &&
              NextApprovalStep(v, *settings) == ApprovalStep::kEndorse) {
            // The first of two officers: the variation waits for a second.
            repo::Endorse(tx, v.id, ctx.caller.subject, ctx.now);
          } else {
            int64_t amount = award.amount_minor;
            if (approve) {
              ASSIGN_OR_RETURN(Award applied, Apply(tx, ctx, v, award));
              amount = applied.amount_minor;
            }
            repo::Decide(
                tx, v.id,
                approve ? VariationState::kApproved : VariationState::kRejected,
                ctx.caller.subject, ctx.now, cmd.comment);
            // The grantee hears the outcome through the outbox, in this
            // transaction (an endorsement alone is not an outcome).
            const std::string kind =
                approve ? "variation_approved" : "variation_rejected";
            storage::notification_repo::EnqueueAboutAward(
                tx, kind + ":" + v.id, kind, award.id,
                nlohmann::json{{"variation_id", v.id},
                               {"amount", FormatMoney(award.currency, amount)},
                               {"comment", cmd.comment}}
                    .dump(),
                ctx.now);
          }
          ASSIGN_OR_RETURN(Variation after, LoadVariation(tx, v.id));
          audit_.Record(
              tx, ctx,
              {"award_variation", v.id,
               nlohmann::json{{"before", Json(v)},
                              {"after", Json(after)},
                              {"award_minor_before", award.amount_minor}}
                   .dump()});
          return after;
        });
  });
}

absl::StatusOr<Listed<Variation>> VariationService::List(
    const RequestContext& ctx, VariationFilter filter, const Page& page) {
  if (ctx.caller.role == Role::kGrantee)
    filter.organisation_id = ctx.caller.organisation_id;
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Variation>> {
        auto items =
            repo::List(tx, filter, page.limit, static_cast<int>(page.position));
        std::string next = NextOffsetToken(page, items.size());
        return Listed<Variation>{std::move(items), std::move(next)};
      });
}

}  // namespace grants::awards
