// Recovery use cases.
#include "services/payments/recovery_service.h"

#include <nlohmann/json.hpp>

#include "services/payments/payment_errors.h"
#include "storage/idempotency.h"
#include "storage/recovery_repository.h"

namespace grants::payments {
namespace repo = storage::recovery_repo;
using storage::Tx;

namespace {

absl::StatusOr<Recovery> Load(Tx& tx, const std::string& id) {
  auto r = repo::GetForUpdate(tx, id);
  if (!r)
    return MakeError(
        absl::StatusCode::kNotFound, "RECOVERY_NOT_FOUND", "recovery not found",
        {{"recovery_id", "RECOVERY_NOT_FOUND", "no such recovery"}});
  return *r;
}

bool SameReceipt(const Recovery& r, const RecoveryReceipt& receipt) {
  return r.received_date == receipt.received_date &&
         r.bank_reference == receipt.bank_reference &&
         r.currency == receipt.currency &&
         r.amount_minor == receipt.amount_minor;
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
          // Locked first: concurrent retries queue here and find it received.
          ASSIGN_OR_RETURN(Recovery before, Load(tx, receipt.recovery_id));
          if (before.state == RecoveryState::kReceived) {
            if (SameReceipt(before, receipt)) return before;
            return MakeError(absl::StatusCode::kAlreadyExists,
                             "RECOVERY_CONFLICT",
                             "the recovery was already received with other "
                             "details",
                             {{"recovery_id", "RECOVERY_CONFLICT",
                               "already received differently"}});
          }
          if (receipt.currency != before.currency ||
              receipt.amount_minor != before.amount_minor)
            return Refused("AMOUNT_MISMATCH", "amount",
                           "the amount differs from the recovery's");
          repo::Receive(tx, receipt, ctx.caller.subject, ctx.now);
          ASSIGN_OR_RETURN(Recovery after, Load(tx, receipt.recovery_id));
          audit_.Record(
              tx, ctx,
              {"recovery", after.id,
               nlohmann::json{{"state", "received"},
                              {"payment_id", after.payment_id},
                              {"amount_minor", after.amount_minor},
                              {"received_date", after.received_date},
                              {"bank_reference", after.bank_reference}}
                   .dump()});
          return after;
        });
  });
}

}  // namespace grants::payments
