// Reach use cases: summaries read from the maintained totals (O(groups)),
// exact for officers and auditors, disclosure-controlled for a funder, who
// sees only the reach of the awards it has a share of; and the consistency
// check that recomputes every figure from the accepted reports.
#pragma once

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/monitoring.h"
#include "storage/pool.h"

namespace grants::monitoring {

// The threshold below which a count is never shown to a funder.
inline constexpr int64_t kSmallCount = 5;

class ReachService {
 public:
  explicit ReachService(storage::ConnectionPool& pool) : pool_(pool) {}

  // The totals and the key's breakdown, with a "not_recorded" group for
  // people no breakdown placed. FUNDER_SCOPE (PERMISSION_DENIED) for a
  // funder asking for anything but its own funder scope.
  absl::StatusOr<ReachSummary> Summary(const RequestContext& ctx,
                                       const ReachKey& key);
  absl::StatusOr<ReachCheck> Verify();

 private:
  storage::ConnectionPool& pool_;
};

// Suppresses `s`'s small counts so that none can be worked out from the
// others and the total (each measure separately).
void ControlDisclosure(ReachSummary& s, int64_t threshold = kSmallCount);

}  // namespace grants::monitoring
