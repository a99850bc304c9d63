// Indicator use cases: a programme's indicators with baseline and target
// per period, and their actuals read from the reach totals (O(indicators)),
// exact for officers and auditors; for a funder (programmes it funds only)
// read from the releases, protected like every released figure.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/monitoring.h"
#include "services/audit/audit_recorder.h"
#include "storage/pool.h"

namespace grants::monitoring {

class IndicatorService {
 public:
  IndicatorService(storage::ConnectionPool& pool, const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // Creates or replaces the indicator. PROGRAMME_NOT_FOUND,
  // COMMUNITY_UNKNOWN (not one of the programme's communities).
  absl::StatusOr<Indicator> Set(const RequestContext& ctx, Indicator indicator);
  // PROGRAMME_NOT_FUNDED for a funder that does not fund the programme.
  absl::StatusOr<std::vector<Indicator>> List(const RequestContext& ctx,
                                              const std::string& programme_id);

 private:
  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::monitoring
