// Reach use cases: summaries read from the maintained totals (O(groups)),
// exact and live for officers and auditors; the released, protected figures
// of a programme for a funder (only programmes it funds) and for anyone
// asking for them (what is published); and the consistency check that
// recomputes every figure from the accepted reports.
#pragma once

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/monitoring.h"
#include "storage/pool.h"

namespace grants::monitoring {

class ReachService {
 public:
  explicit ReachService(storage::ConnectionPool& pool) : pool_(pool) {}

  // The totals and the key's breakdown, with a "not_recorded" group for
  // people no breakdown placed: live and exact, or (key.released, and
  // always for a funder) the programme's released figures. Errors:
  // FUNDER_SCOPE (a funder asking for a scope but programme),
  // RELEASED_SCOPE, PROGRAMME_NOT_FUNDED, PERIOD_NOT_RELEASED.
  absl::StatusOr<ReachSummary> Summary(const RequestContext& ctx,
                                       const ReachKey& key);
  absl::StatusOr<ReachCheck> Verify();

 private:
  storage::ConnectionPool& pool_;
};

}  // namespace grants::monitoring
