// Audit use cases: seal pending events into the chain, verify the chain,
// list events.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
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
};

struct EventPage {
  std::vector<Event> events;
  std::string next_page_token;
};

class AuditService {
 public:
  AuditService(storage::ConnectionPool& pool, std::string key)
      : pool_(pool), key_(std::move(key)) {}

  // Seals committed events into the chain, in batches, until none are left.
  // Returns how many were sealed. Safe to run from several processes: the
  // chain head row serialises sealers.
  absl::StatusOr<int64_t> SealPending();

  // Seals, then walks the whole chain.
  absl::StatusOr<VerifyReport> Verify();

  absl::StatusOr<EventPage> List(const audit::ListFilter& filter,
                                 const Page& page);

 private:
  absl::StatusOr<int> SealBatch(int limit);

  storage::ConnectionPool& pool_;
  std::string key_;
};

}  // namespace grants::audit
