// Notification repository: one function per statement in queries/.
#include "storage/notification_repository.h"

#include "storage/rows.h"

namespace grants::storage::notification_repo {

bool Enqueue(Tx& tx, const std::string& dedupe_key, const std::string& kind,
             const std::string& organisation_id, const std::string& params,
             absl::Time now) {
  return !tx.exec_prepared("notification_enqueue", dedupe_key, kind,
                           organisation_id, params, Micros(now))
              .empty();
}

bool EnqueueAboutAward(Tx& tx, const std::string& dedupe_key,
                       const std::string& kind, const std::string& award_id,
                       const std::string& params, absl::Time now) {
  return !tx.exec_prepared("notification_enqueue_about_award", dedupe_key, kind,
                           award_id, params, Micros(now))
              .empty();
}

bool EnqueueTo(Tx& tx, const std::string& dedupe_key, const std::string& kind,
               const std::string& recipient, const std::string& language,
               const std::string& params, absl::Time now) {
  return !tx.exec_prepared("notification_enqueue_to", dedupe_key, kind,
                           recipient, language, params, Micros(now))
              .empty();
}

bool Exists(Tx& tx, const std::string& dedupe_key) {
  return !tx.exec_prepared("notification_exists", dedupe_key).empty();
}

std::vector<std::string> SweepReminders(Tx& tx, const std::string& today,
                                        absl::Time now) {
  auto id = [](const pqxx::row& r) { return r[0].as<std::string>(); };
  auto ids = MapRows<std::string>(
      tx.exec_prepared("notification_sweep_reminders", today, Micros(now)), id);
  // Recoveries still owed are reminded like reports.
  for (auto& more : MapRows<std::string>(
           tx.exec_prepared("notification_sweep_recovery_reminders", today,
                            Micros(now)),
           id))
    ids.push_back(std::move(more));
  return ids;
}

std::vector<std::string> SweepExpiringOffers(Tx& tx, absl::Time now) {
  return MapRows<std::string>(
      tx.exec_prepared("notification_sweep_offers_expiring", Micros(now)),
      [](const pqxx::row& r) { return r[0].as<std::string>(); });
}

std::vector<grants::notifications::DigestItem> DigestItems(
    Tx& tx, absl::Time now, const std::string& today) {
  return MapRows<grants::notifications::DigestItem>(
      tx.exec_prepared("notification_digest_items", Micros(now), today),
      [](const pqxx::row& r) {
        return grants::notifications::DigestItem{r[0].as<std::string>(),
                                                 r[1].as<std::string>(),
                                                 r[2].as<std::string>()};
      });
}

std::vector<Outgoing> Claim(Tx& tx, int limit, absl::Time now) {
  return MapRows<Outgoing>(tx.exec_prepared("notification_claim", limit,
                                            Micros(now)),
                           [](const pqxx::row& r) {
                             return Outgoing{r[0].as<std::string>(),
                                             r[1].as<std::string>(),
                                             r[2].as<std::string>(),
                                             r[3].as<std::string>(),
                                             r[4].as<std::string>(),
                                             r[5].as<std::string>(),
                                             TimeAt(r[6])};
                           });
}

void Mark(Tx& tx, const std::string& id, DeliveryOutcome outcome,
          const std::string& error, absl::Time now) {
  const char* name = outcome == DeliveryOutcome::kDelivered ? "delivered"
                     : outcome == DeliveryOutcome::kRetry   ? "retry"
                                                            : "rejected";
  tx.exec_prepared0("notification_mark", id, name, Micros(now), error);
}

}  // namespace grants::storage::notification_repo
