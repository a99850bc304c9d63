// The sweeps, the officers' digest and the dispatcher.
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

absl::StatusOr<std::vector<std::string>> OutboxService::SweepExpiringOffers(
    absl::Time now) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<std::string>> {
        std::vector<std::string> ids = repo::SweepExpiringOffers(tx, now);
        if (!ids.empty())
          audit_.Record(tx, SystemContext("SweepExpiringOffers", now),
                        {"notification_sweep", LondonDate(now),
                         nlohmann::json{{"queued", ids}}.dump()});
        return ids;
      });
}

absl::StatusOr<std::vector<DigestItem>> OutboxService::Digest(absl::Time now) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<DigestItem>> {
        return repo::DigestItems(tx, now, LondonDate(now));
      });
}

absl::StatusOr<bool> OutboxService::QueueDigest(absl::Time now) {
  if (settings_.digest_to.empty()) return false;
  // From 07:00 London: the digest is read at the start of the day.
  if (FormatLondonMinute(now).substr(11) < "07:00") return false;
  const std::string today = LondonDate(now);
  const std::string key = "officer_digest:" + today;
  return storage::RunInTransaction(pool_, [&](Tx& tx) -> absl::StatusOr<bool> {
    // The loop runs every few seconds: the day's items are worked out only
    // until one grantsd has queued the digest.
    if (repo::Exists(tx, key)) return false;
    std::vector<DigestItem> items = repo::DigestItems(tx, now, today);
    if (items.empty()) return false;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& i : items)
      list.push_back({{"kind", i.kind}, {"ref", i.ref}, {"detail", i.detail}});
    // Once a day whichever grantsd gets there first: the key is the date.
    bool queued = repo::EnqueueTo(
        tx, key, "officer_digest", settings_.digest_to, "en",
        nlohmann::json{{"date", today}, {"items", list}}.dump(), now);
    if (queued)
      audit_.Record(tx, SystemContext("QueueDigest", now),
                    {"notification_digest", today,
                     nlohmann::json{{"items", items.size()}}.dump()});
    return queued;
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
          Handover h = transport_->Deliver(
              n, RenderEmail(n, from_, settings_.portal_url));
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
