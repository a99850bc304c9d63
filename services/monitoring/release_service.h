// Reach releases: an officer freezes a programme's figures for a closed
// quarter into a protected release (reach::ProtectPeriod), the only reach a
// funder or the public sees; and the reads of released figures that the
// reach summaries and indicators share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/monitoring.h"
#include "services/audit/audit_recorder.h"
#include "storage/pool.h"

namespace grants::monitoring {

class ReleaseService {
 public:
  ReleaseService(storage::ConnectionPool& pool, const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // Releases the quarter (audited). A retry with the same request_id gets
  // the release it made. Errors: PERIOD_INVALID, PERIOD_OPEN,
  // PROGRAMME_NOT_FOUND, RELEASE_EXISTS.
  absl::StatusOr<ReachRelease> Release(const RequestContext& ctx,
                                       const std::string& programme_id,
                                       const std::string& quarter);

  // The programme's releases, oldest first. PROGRAMME_NOT_FUNDED for a
  // funder that does not fund it.
  absl::StatusOr<std::vector<ReachRelease>> List(
      const RequestContext& ctx, const std::string& programme_id);

 private:
  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

// PROGRAMME_NOT_FUNDED (naming `field`) when the caller is a funder that
// does not fund the programme; OK for everyone else.
absl::Status CheckFunds(storage::Tx& tx, const RequestContext& ctx,
                        const std::string& programme_id,
                        std::string_view field);

// The released figures of `key` (scope programme): a quarter's release, or
// the sum of the released quarters for period "". PERIOD_NOT_RELEASED when
// there is none.
absl::StatusOr<ReachSummary> ReadReleased(storage::Tx& tx, const ReachKey& key);

}  // namespace grants::monitoring
