// The outbox's two jobs: the reminder sweep, which queues the reminders due
// by the server's clock (each once, whatever how often it runs), and the
// dispatcher, which delivers queued messages into a spool directory. Both
// are safe to run in several processes at once.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/audit/audit_recorder.h"
#include "storage/pool.h"

namespace grants::notifications {

class OutboxService {
 public:
  OutboxService(storage::ConnectionPool& pool, const audit::Recorder& audit,
                std::string spool_dir, std::string from)
      : pool_(pool),
        audit_(audit),
        spool_dir_(std::move(spool_dir)),
        from_(std::move(from)) {}

  // Queues every reminder due on `now`'s London date that was not queued
  // before, and audits the sweep when it queued any. Returns their ids.
  absl::StatusOr<std::vector<std::string>> SweepReminders(absl::Time now);

  // Delivers up to `limit` waiting messages, oldest first: each is written
  // to the spool directory as <id>.eml (to a temporary name, synced, then
  // renamed) and marked sent in the same transaction. A crash between the
  // two delivers it again under the same name. Returns how many were
  // delivered; a message that cannot be written is left queued with its
  // error. UNAVAILABLE when the database is.
  absl::StatusOr<int> DeliverPending(absl::Time now, int limit = 100);

 private:
  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
  std::string spool_dir_;
  std::string from_;
};

}  // namespace grants::notifications
