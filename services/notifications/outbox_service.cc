// The reminder sweep and the dispatcher.
#include "services/notifications/outbox_service.h"

#include <nlohmann/json.hpp>

#include "common/caller.h"
#include "common/london_time.h"
#include "common/status.h"
#include "services/notifications/message.h"
#include "storage/notification_repository.h"
#include "storage/transaction.h"

namespace grants::notifications {
namespace repo = storage::notification_repo;
using storage::Tx;

namespace {

RequestContext SystemContext(const char* method, absl::Time now) {
  return {{"grantsd-outbox", Role::kOfficer, "", ""},
          method,
          "",
          "",
          "grantsd",
          now};
}

}  // namespace

absl::StatusOr<std::vector<std::string>> OutboxService::SweepReminders(
    absl::Time now) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<std::string>> {
        std::vector<std::string> ids =
            repo::SweepReminders(tx, LondonDate(now), now);
        if (!ids.empty())
          audit_.Record(tx, SystemContext("SweepReminders", now),
                        {"notification_sweep", LondonDate(now),
                         nlohmann::json{{"queued", ids}}.dump()});
        return ids;
      });
}

absl::StatusOr<int> OutboxService::DeliverPending(absl::Time now, int limit) {
  // One transaction per message: its claim (a row lock other dispatchers
  // skip), the handover and the record of it commit together, so a crash
  // or failover mid-pass resends at most the one message in hand, never
  // the ones delivered before it.
  int delivered = 0;
  for (int i = 0; i < limit; ++i) {
    enum class Step { kNone, kDelivered, kOther, kRetry };
    ASSIGN_OR_RETURN(
        Step step,
        storage::RunInTransaction(pool_, [&](Tx& tx) -> absl::StatusOr<Step> {
          std::vector<Outgoing> next = repo::Claim(tx, 1, now);
          if (next.empty()) return Step::kNone;
          const Outgoing& n = next.front();
          Handover h = transport_->Deliver(n, RenderEmail(n, from_));
          repo::Mark(tx, n.id, h.outcome, h.error, now);
          if (h.outcome == DeliveryOutcome::kDelivered) return Step::kDelivered;
          return h.outcome == DeliveryOutcome::kRetry ? Step::kRetry
                                                      : Step::kOther;
        }));
    if (step == Step::kNone) break;
    if (step == Step::kDelivered) ++delivered;
    // The relay or the disk is failing: the rest wait for the next pass.
    if (step == Step::kRetry) break;
  }
  return delivered;
}

}  // namespace grants::notifications
