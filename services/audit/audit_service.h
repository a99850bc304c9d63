// Audit use cases: seal pending events into the chain, verify the chain,
// list events.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/audit_checkpoint.h"
#include "common/caller.h"
#include "domain/audit.h"
#include "services/audit/audit_chain.h"
#include "services/common/paging.h"
#include "storage/audit_repository.h"
#include "storage/pool.h"

namespace grants::audit {

struct VerifyReport {
  Finding finding;  // problem kNone when the chain verifies
  int64_t checked = 0;
  int64_t head_seq = 0;
  std::string head_hash;
  int64_t checkpoint_seq = 0;  // the checkpoint checked against, if any
};

struct EventPage {
  std::vector<Event> events;
  std::string next_page_token;
};

class AuditService {
 public:
  // `checkpoint_key`: Ed25519 private PEM, "" when checkpoints are off.
  AuditService(storage::ConnectionPool& pool, std::string key,
               std::string checkpoint_key);

  // Seals committed events into the chain, in batches, until none are left.
  // Returns how many were sealed. Safe to run from several processes: the
  // chain head row serialises sealers.
  absl::StatusOr<int64_t> SealPending();

  // Seals, then walks the whole chain; with `checkpoint` (its text, "" for
  // none) also checks that the trail still extends it. Errors are for the
  // checkpoint itself (see audit.proto); a trail that fails is a report.
  absl::StatusOr<VerifyReport> Verify(std::string_view checkpoint,
                                      absl::Time now);

  // Seals, verifies, and signs the head as of `now`.
  absl::StatusOr<Checkpoint> CreateCheckpoint(absl::Time now);
  // The checkpoint key's public half (PEM); "" when checkpoints are off.
  const std::string& checkpoint_public_key() const { return public_key_; }

  absl::StatusOr<EventPage> List(const audit::ListFilter& filter,
                                 const Page& page);

 private:
  absl::StatusOr<int> SealBatch(int limit);
  absl::StatusOr<VerifyReport> Walk(const std::optional<Checkpoint>& checkpoint);

  storage::ConnectionPool& pool_;
  std::string key_;
  std::string checkpoint_key_;
  std::string public_key_;
};

}  // namespace grants::audit
