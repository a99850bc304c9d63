// VariationService::Terminate: ending a running award early.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/money.h"
#include "services/organisations/interest_guard.h"
#include "services/awards/award_errors.h"
#include "services/awards/award_service.h"
#include "services/awards/variation_rules.h"
#include "services/awards/variation_service.h"
#include "storage/award_repository.h"
#include "storage/idempotency.h"
#include "storage/notification_repository.h"
#include "storage/payment_repository.h"
#include "storage/recovery_repository.h"

namespace grants::awards {
namespace award_repo = storage::award_repo;
namespace payment_repo = storage::payment_repo;
namespace recovery_repo = storage::recovery_repo;
using payments::Payment;
using payments::PaymentState;
using payments::Recovery;
using storage::Tx;

namespace {

// On a retry: the award, its cancelled payments and its recoveries.
absl::StatusOr<Termination> LoadTermination(Tx& tx, const RequestContext& ctx,
                                            const std::string& id) {
  ASSIGN_OR_RETURN(Award award, LoadAwardInScope(tx, ctx, id, false));
  Termination t{id, award, {}, recovery_repo::List(tx, id, "", 1000, 0)};
  for (auto& p : payment_repo::ListForAward(tx, id))
    if (p.state == PaymentState::kCancelled) t.cancelled.push_back(p);
  return t;
}

// Closes a proposal still open: the award it would change is ending.
void WithdrawOpenVariation(Tx& tx, const RequestContext& ctx,
                           const std::string& award_id) {
  for (const auto& v :
       storage::variation_repo::List(tx, {award_id, "proposed", ""}, 1, 0))
    storage::variation_repo::Decide(tx, v.id, VariationState::kWithdrawn,
                                    ctx.caller.subject, ctx.now,
                                    "the award was terminated");
}

absl::StatusOr<std::vector<Recovery>> RaiseRecoveries(
    Tx& tx, const RequestContext& ctx, const Award& award,
    const std::vector<Payment>& payments, const TerminateCommand& cmd) {
  if (cmd.recovery_minor == 0) return std::vector<Recovery>{};
  if (cmd.currency != award.currency)
    return InvalidField("recovery_amount", "CURRENCY_MISMATCH",
                        "the recovery must be in the award's currency");
  return RaiseAgainstPaid(tx, ctx, award, payments, cmd.recovery_minor,
                          cmd.reason, DefaultRecoveryDue(ctx.now),
                          "recovery_amount");
}

}  // namespace

absl::StatusOr<Termination> VariationService::Terminate(
    const RequestContext& ctx, const TerminateCommand& cmd) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Termination>(
        tx, ctx, cmd.id,
        [&](const std::string& id) { return LoadTermination(tx, ctx, id); },
        [&]() -> absl::StatusOr<Termination> {
          ASSIGN_OR_RETURN(Award award,
                           LoadAwardInScope(tx, ctx, cmd.id, true));
          RETURN_IF_ERROR(
              organisations::CheckNoInterestInAward(tx, ctx, award.id, "id"));
          if (!IsRunning(award.state))
            return Refused("AWARD_NOT_RUNNING", "id",
                           "only an accepted or active award can be "
                           "terminated");
          auto payments = payment_repo::ListForAward(tx, award.id, true);
          TerminationPlan plan = PlanTermination(payments, award.amount_minor);
          ASSIGN_OR_RETURN(auto recoveries,
                           RaiseRecoveries(tx, ctx, award, payments, cmd));
          Termination out{award.id, award, {}, std::move(recoveries)};
          for (auto p : payments) {
            if (std::find(plan.cancel.begin(), plan.cancel.end(), p.id) ==
                plan.cancel.end())
              continue;
            p.state = PaymentState::kCancelled;
            payment_repo::Update(tx, p, ctx.now);
            out.cancelled.push_back(p);
          }
          WithdrawOpenVariation(tx, ctx, award.id);
          RETURN_IF_ERROR(Release(tx, award.round_id, plan.release));
          Award ended = award;
          ended.state = AwardState::kTerminated;
          ended.terminated_by = ctx.caller.subject;
          ended.terminated_at = ctx.now;
          ended.termination_reason = cmd.reason;
          ended.released_minor = plan.release;
          out.award = award_repo::Update(tx, ended, ctx.now);
          out.award.shares = award.shares;
          audit_.Record(
              tx, ctx,
              {"award", award.id,
               nlohmann::json{{"after",
                               {{"state", "terminated"},
                                {"reason", audit::Words(cmd.reason)},
                                {"released_minor", plan.release},
                                {"cancelled_payments", plan.cancel},
                                {"recovery_minor", cmd.recovery_minor}}}}
                   .dump()});
          // The grantee hears of the termination, and of any money to
          // return, through the outbox in this transaction.
          storage::notification_repo::EnqueueAboutAward(
              tx, "award_terminated:" + award.id, "award_terminated", award.id,
              nlohmann::json{{"award_id", award.id}, {"reason", cmd.reason}}
                  .dump(),
              ctx.now);
          if (!out.recoveries.empty())
            storage::notification_repo::EnqueueAboutAward(
                tx, "recovery_raised:" + award.id, "recovery_raised", award.id,
                nlohmann::json{
                    {"award_id", award.id},
                    {"amount", FormatMoney(award.currency, cmd.recovery_minor)},
                    {"due_date", out.recoveries.front().due_date}}
                    .dump(),
                ctx.now);
          return out;
        });
  });
}

}  // namespace grants::awards
