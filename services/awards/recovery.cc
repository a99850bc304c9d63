// VariationService::RaiseRecovery: asking for unspent paid money back from a
// running or completed award, and the raising shared with termination.
#include <nlohmann/json.hpp>

#include "absl/time/civil_time.h"
#include "common/money.h"
#include "common/london_time.h"
#include "services/awards/award_errors.h"
#include "services/awards/award_service.h"
#include "services/awards/variation_rules.h"
#include "services/awards/variation_service.h"
#include "services/organisations/interest_guard.h"
#include "storage/idempotency.h"
#include "storage/notification_repository.h"
#include "storage/payment_repository.h"
#include "storage/recovery_repository.h"

namespace grants::awards {
namespace payment_repo = storage::payment_repo;
namespace recovery_repo = storage::recovery_repo;
using payments::Recovery;
using storage::Tx;

namespace {

constexpr int kRecoveryDays = 28;

// Running awards may still hold unspent money; a completed one's final
// report may show it. An offer was never paid; a terminated award's
// recovery is raised by its termination.
bool Recoverable(AwardState s) {
  return IsRunning(s) || s == AwardState::kCompleted;
}

// On a retry: the award and the entries raised with the first one (the
// same award, officer and instant).
absl::StatusOr<RaisedRecovery> LoadRaised(Tx& tx, const RequestContext& ctx,
                                          const std::string& first_id) {
  auto first = recovery_repo::GetForUpdate(tx, first_id);
  if (!first) return Internal("raised recovery missing");
  ASSIGN_OR_RETURN(Award award, LoadAwardInScope(tx, ctx, first->award_id,
                                                 false, "award_id"));
  RaisedRecovery out{first_id, award, {}};
  auto all = recovery_repo::List(tx, award.id, "", 1000, 0);
  for (auto it = all.rbegin(); it != all.rend(); ++it)
    if (it->raised_at == first->raised_at && it->raised_by == first->raised_by)
      out.recoveries.push_back(*it);
  return out;
}

// The due date asked for, or the default; never before today (London).
absl::StatusOr<std::string> DueDate(const RecoveryCommand& cmd,
                                    absl::Time now) {
  if (cmd.due_date.empty()) return DefaultRecoveryDue(now);
  if (cmd.due_date < LondonDate(now))
    return InvalidField("due_date", "DUE_DATE_IN_PAST",
                        "the due date is before today (London)");
  return cmd.due_date;
}

}  // namespace

std::string DefaultRecoveryDue(absl::Time now) {
  absl::CivilDay today;
  (void)absl::ParseCivilTime(LondonDate(now), &today);
  return absl::FormatCivilTime(today + kRecoveryDays);
}

absl::StatusOr<std::vector<Recovery>> RaiseAgainstPaid(
    Tx& tx, const RequestContext& ctx, const Award& award,
    const std::vector<payments::Payment>& payments, int64_t amount,
    const std::string& reason, const std::string& due_date,
    std::string_view field) {
  auto earlier = recovery_repo::List(tx, award.id, "", 1000, 0);
  ASSIGN_OR_RETURN(auto parts,
                   AllocateRecovery(payments, earlier, amount, field));
  std::vector<Recovery> raised;
  for (const auto& part : parts)
    raised.push_back(
        recovery_repo::Insert(tx, Recovery{.award_id = award.id,
                                           .payment_id = part.payment_id,
                                           .currency = award.currency,
                                           .amount_minor = part.amount,
                                           .reason = reason,
                                           .raised_by = ctx.caller.subject,
                                           .raised_at = ctx.now,
                                           .due_date = due_date}));
  return raised;
}

absl::StatusOr<RaisedRecovery> VariationService::RaiseRecovery(
    const RequestContext& ctx, const RecoveryCommand& cmd) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<RaisedRecovery>(
        tx, ctx, [&](const std::string& id) { return LoadRaised(tx, ctx, id); },
        [&]() -> absl::StatusOr<RaisedRecovery> {
          // The award locked first, as termination and completion lock it.
          ASSIGN_OR_RETURN(Award award, LoadAwardInScope(tx, ctx, cmd.award_id,
                                                         true, "award_id"));
          RETURN_IF_ERROR(organisations::CheckNoInterestInAward(
              tx, ctx, award.id, "award_id"));
          if (!Recoverable(award.state))
            return Refused("AWARD_NOT_RECOVERABLE", "award_id",
                           "only a running or completed award's paid money "
                           "is recovered this way");
          if (cmd.currency != award.currency)
            return InvalidField("amount", "CURRENCY_MISMATCH",
                                "the recovery must be in the award's currency");
          ASSIGN_OR_RETURN(std::string due, DueDate(cmd, ctx.now));
          auto payments = payment_repo::ListForAward(tx, award.id, true);
          ASSIGN_OR_RETURN(
              auto raised,
              RaiseAgainstPaid(tx, ctx, award, payments, cmd.amount_minor,
                               cmd.reason, due, "amount"));
          nlohmann::json entries = nlohmann::json::array();
          for (const auto& r : raised)
            entries.push_back({{"recovery_id", r.id},
                               {"payment_id", r.payment_id},
                               {"amount_minor", r.amount_minor}});
          audit_.Record(tx, ctx,
                        {"award", award.id,
                         nlohmann::json{{"recovery_raised", entries},
                                        {"amount_minor", cmd.amount_minor},
                                        {"due_date", due},
                                        {"reason", audit::Words(cmd.reason)}}
                             .dump()});
          // The group hears of it through the outbox, in this transaction
          // (each raising once: a later one is another message).
          storage::notification_repo::EnqueueAboutAward(
              tx, "recovery_raised:" + raised.front().id, "recovery_raised",
              award.id,
              nlohmann::json{
                  {"award_id", award.id},
                  {"amount", FormatMoney(award.currency, cmd.amount_minor)},
                  {"due_date", due}}
                  .dump(),
              ctx.now);
          return RaisedRecovery{raised.front().id, award, std::move(raised)};
        });
  });
}

}  // namespace grants::awards
