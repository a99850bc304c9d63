// The outbox's jobs: the sweeps, which queue the reminders and the offer
// expiry warnings due by the server's clock (each once, however often they
// run), the officers' daily digest, and the dispatcher, which hands queued
// messages to a transport (a spool directory or an SMTP relay). All are
// safe to run in several processes at once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/audit/audit_recorder.h"
#include "services/notifications/transport.h"
#include "storage/pool.h"

namespace grants::notifications {

// Where links in messages point, and where the officers' digest goes.
struct OutboxSettings {
  std::string portal_url;  // "" leaves links relative ("/awards")
  std::string digest_to;   // "" sends no digest
};

class OutboxService {
 public:
  OutboxService(storage::ConnectionPool& pool, const audit::Recorder& audit,
                std::unique_ptr<Transport> transport, std::string from,
                OutboxSettings settings = {})
      : pool_(pool),
        audit_(audit),
        transport_(std::move(transport)),
        from_(std::move(from)),
        settings_(std::move(settings)) {}

  // Queues every reminder due on `now`'s London date that was not queued
  // before, and audits the sweep when it queued any. Returns their ids.
  absl::StatusOr<std::vector<std::string>> SweepReminders(absl::Time now);

  // Queues "offer_expiring" for every unanswered offer that expires within
  // 3 days of `now`, once each. Returns their ids.
  absl::StatusOr<std::vector<std::string>> SweepExpiringOffers(absl::Time now);

  // What needs an officer at `now`: submissions awaiting a decision, offers
  // expiring within 3 days, overdue reports, unresolved reconciliation
  // items (by kind, then reference).
  absl::StatusOr<std::vector<DigestItem>> Digest(absl::Time now);

  // Queues the day's digest to the officers' mailbox (settings.digest_to)
  // once per London date, from 07:00 London, when anything needs them.
  // True when it queued one now.
  absl::StatusOr<bool> QueueDigest(absl::Time now);

  // Hands up to `limit` waiting messages whose next attempt is due to the
  // transport, oldest first, each in a transaction of its own that records
  // the attempt: a crash or a lost database mid-pass keeps the deliveries
  // before it, and hands over again only the message in hand (the same
  // spool file, the same Message-ID). A passing failure leaves the message
  // queued with its error (the next attempt waits 2^n minutes after the
  // n-th, at most 6 hours) and ends the pass; a rejected message is not
  // tried again. Returns how many were delivered. UNAVAILABLE when the
  // database is (the deliveries already committed stay delivered).
  absl::StatusOr<int> DeliverPending(absl::Time now, int limit = 100);

 private:
  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
  std::unique_ptr<Transport> transport_;
  std::string from_;
  OutboxSettings settings_;
};

}  // namespace grants::notifications
