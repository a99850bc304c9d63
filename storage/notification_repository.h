// The notification outbox in PostgreSQL.
#pragma once

#include <string>
#include <vector>

#include "domain/notifications.h"
#include "storage/transaction.h"

namespace grants::storage::notification_repo {

using grants::notifications::DeliveryOutcome;
using grants::notifications::Outgoing;

// Queues a message to `organisation_id`'s main contact in this transaction,
// unless one with `dedupe_key` exists. True when it was queued.
bool Enqueue(Tx& tx, const std::string& dedupe_key, const std::string& kind,
             const std::string& organisation_id, const std::string& params,
             absl::Time now);
// Queues a message about award `award_id` to its organisation's main
// contact, with the application's tracking reference added to `params`
// ("reference"), unless one with `dedupe_key` exists. True when queued.
bool EnqueueAboutAward(Tx& tx, const std::string& dedupe_key,
                       const std::string& kind, const std::string& award_id,
                       const std::string& params, absl::Time now);
// Queues a message to the address `recipient` (no organisation: a
// sign-in link) in this transaction, unless one with `dedupe_key` exists.
bool EnqueueTo(Tx& tx, const std::string& dedupe_key, const std::string& kind,
               const std::string& recipient, const std::string& language,
               const std::string& params, absl::Time now);
// Whether a message with `dedupe_key` was queued.
bool Exists(Tx& tx, const std::string& dedupe_key);
// Queues every reminder due on London date `today` (reports not yet in,
// recoveries still owed); returns their ids.
std::vector<std::string> SweepReminders(Tx& tx, const std::string& today,
                                        absl::Time now);
// Queues "offer_expiring" for every offer not yet answered that expires
// within 3 days of `now`, each once; returns their ids.
std::vector<std::string> SweepExpiringOffers(Tx& tx, absl::Time now);
// What needs an officer at `now` (London date `today`), by kind then
// reference.
std::vector<grants::notifications::DigestItem> DigestItems(
    Tx& tx, absl::Time now, const std::string& today);
// Up to `limit` undelivered, unrejected messages whose next attempt is due
// at `now`, oldest first, locked (other dispatchers skip them).
std::vector<Outgoing> Claim(Tx& tx, int limit, absl::Time now);
// Records an attempt at `now`: a delivery, a passing failure (the next
// attempt waits 2^n minutes after the n-th, at most 6 hours) or a
// rejection (no more attempts), with the error unless delivered.
void Mark(Tx& tx, const std::string& id, DeliveryOutcome outcome,
          const std::string& error, absl::Time now);

}  // namespace grants::storage::notification_repo
