// Recovery use cases.
#include "services/payments/recovery_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "services/audit/audit_recorder.h"
#include "services/organisations/on_behalf.h"
#include "services/payments/payment_errors.h"
#include "storage/award_repository.h"
#include "storage/idempotency.h"
#include "storage/recovery_repository.h"

namespace grants::payments {
namespace repo = storage::recovery_repo;
using storage::Tx;

namespace {

absl::StatusOr<Recovery> Load(Tx& tx, const std::string& id,
                              std::string_view field = "recovery_id") {
  auto r = repo::GetForUpdate(tx, id);
  if (!r) return RecoveryNotFound(field);
  return *r;
}

// The receipt this recovery already has under the same bank reference.
const RecoveryReceipt* Known(const Recovery& r,
                             const RecoveryReceipt& receipt) {
  auto it = std::find_if(r.receipts.begin(), r.receipts.end(),
                         [&](const RecoveryReceipt& x) {
                           return x.bank_reference == receipt.bank_reference;
                         });
  return it == r.receipts.end() ? nullptr : &*it;
}

// Repaid money goes back where termination and completion send what an
// award no longer holds: to the award's round, or, once the round is closed
// out, to its fund. The payments area applies this through storage, as it
// does for a terminated award's failed payment (awards::
// ReleaseOnFailedPayment), without calling the awards area above it.
absl::Status GiveBack(Tx& tx, const Recovery& r, int64_t amount) {
  auto award = storage::award_repo::Get(tx, r.award_id);
  if (!award) return Internal("recovery without award");
  if (!storage::award_repo::ChangeCommitted(tx, award->round_id, -amount))
    return Internal("round commitment smaller than its awards");
  return absl::OkStatus();
}

// Why a receipt cannot be recorded against `r` as it stands, or OK.
absl::Status CheckReceipt(const Recovery& r, const RecoveryReceipt& receipt) {
  if (r.state == RecoveryState::kWrittenOff)
    return RecoveryNotOpen("recovery_id",
                           "the recovery was written off; nothing is owed");
  if (r.state == RecoveryState::kReceived)
    return RecoveryConflict("the recovery was already received in full");
  if (receipt.currency != r.currency)
    return Refused("AMOUNT_MISMATCH", "amount",
                   "the amount is not in the recovery's currency");
  if (receipt.amount_minor > r.outstanding_minor())
    return RecoveryOverpaid(r.outstanding_minor());
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Listed<Recovery>> RecoveryService::List(
    const std::string& award_id, const std::string& state, const Page& page) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Recovery>> {
        auto items = repo::List(tx, award_id, state, page.limit,
                                static_cast<int>(page.position));
        std::string next = NextOffsetToken(page, items.size());
        return Listed<Recovery>{std::move(items), std::move(next)};
      });
}

absl::StatusOr<Recovery> RecoveryService::Receive(
    const RequestContext& ctx, const RecoveryReceipt& receipt) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Recovery>(
        tx, ctx, receipt.recovery_id,
        [&](const std::string& id) { return Load(tx, id); },
        [&]() -> absl::StatusOr<Recovery> {
          // Locked first: concurrent receipts queue here and see each other.
          ASSIGN_OR_RETURN(Recovery before, Load(tx, receipt.recovery_id));
          if (const RecoveryReceipt* known = Known(before, receipt)) {
            if (known->amount_minor == receipt.amount_minor &&
                known->currency == receipt.currency &&
                known->received_date == receipt.received_date)
              return before;
            return RecoveryConflict(
                "a receipt with this bank reference has other details");
          }
          RETURN_IF_ERROR(CheckReceipt(before, receipt));
          if (!repo::Receive(tx, receipt, ctx.caller.subject, ctx.now))
            return Internal("recovery changed under its lock");
          RETURN_IF_ERROR(GiveBack(tx, before, receipt.amount_minor));
          ASSIGN_OR_RETURN(Recovery after, Load(tx, receipt.recovery_id));
          audit_.Record(
              tx, ctx,
              {"recovery", after.id,
               nlohmann::json{{"state", std::string(StateName(after.state))},
                              {"payment_id", after.payment_id},
                              {"receipt_minor", receipt.amount_minor},
                              {"received_minor", after.received_minor},
                              {"outstanding_minor", after.outstanding_minor()},
                              {"received_date", receipt.received_date},
                              {"bank_reference", receipt.bank_reference}}
                   .dump()});
          return after;
        });
  });
}

absl::StatusOr<Recovery> RecoveryService::WriteOff(const RequestContext& ctx,
                                                   const std::string& id,
                                                   const std::string& reason) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Recovery>(
        tx, ctx, id, [&](const std::string&) { return Load(tx, id, "id"); },
        [&]() -> absl::StatusOr<Recovery> {
          ASSIGN_OR_RETURN(Recovery before, Load(tx, id, "id"));
          if (before.state != RecoveryState::kRaised)
            return RecoveryNotOpen(
                "id", "only a recovery still owed can be written off");
          if (before.raised_by == ctx.caller.subject) return WriteOffFourEyes();
          RETURN_IF_ERROR(organisations::CheckNotActedOnBehalfForAward(
              tx, ctx, before.award_id, "id"));
          if (!repo::WriteOff(tx, id, ctx.caller.subject, ctx.now, reason))
            return Internal("recovery changed under its lock");
          ASSIGN_OR_RETURN(Recovery after, Load(tx, id, "id"));
          audit_.Record(
              tx, ctx,
              {"recovery", after.id,
               nlohmann::json{{"state", "written_off"},
                              {"raised_by", before.raised_by},
                              {"written_off_minor", after.written_off_minor},
                              {"received_minor", after.received_minor},
                              {"reason", audit::Words(reason)}}
                   .dump()});
          return after;
        });
  });
}

}  // namespace grants::payments
