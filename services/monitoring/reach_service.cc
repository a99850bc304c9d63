// Reach use cases.
#include "services/monitoring/reach_service.h"

#include "common/status.h"
#include "services/monitoring/release_errors.h"
#include "services/monitoring/release_service.h"
#include "storage/monitoring_repository.h"

namespace grants::monitoring {
namespace repo = storage::monitoring_repo;
using storage::Tx;

namespace {

// Splits the stored rows into the totals and the groups, and adds the
// people no breakdown of this dimension placed.
ReachSummary Assemble(const ReachKey& key, const std::vector<ReachRow>& rows) {
  ReachSummary s{.key = key};
  int64_t supported = 0, reached = 0;
  bool totals_seen = false;
  for (const auto& r : rows) {
    if (!totals_seen && r.code.empty()) {
      s.total = r;
      totals_seen = true;
      continue;
    }
    s.rows.push_back(r);
    supported += r.supported;
    reached += r.reached;
  }
  if (!key.dimension.empty() &&
      (s.total.supported > supported || s.total.reached > reached))
    s.rows.push_back({.code = "not_recorded",
                      .supported = s.total.supported - supported,
                      .reached = s.total.reached - reached,
                      .reports = 0});
  return s;
}

}  // namespace

absl::StatusOr<ReachSummary> ReachService::Summary(const RequestContext& ctx,
                                                   const ReachKey& key) {
  // A funder sees only what is released, never live figures: live ones
  // change with each accepted report, and comparing two readings would
  // give that report's small counts away.
  const bool funder = ctx.caller.role == Role::kFunder;
  if (!funder && !key.released)
    return storage::RunInTransaction(
        pool_, [&](Tx& tx) -> absl::StatusOr<ReachSummary> {
          return Assemble(key, repo::ReachRows(tx, key));
        });
  if (key.scope != "programme")
    return funder ? release_errors::FunderScope()
                  : release_errors::ReleasedScope();
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<ReachSummary> {
        RETURN_IF_ERROR(CheckFunds(tx, ctx, key.scope_id, "scope_id"));
        ReachKey released = key;
        released.released = true;
        return ReadReleased(tx, released);
      });
}

absl::StatusOr<ReachCheck> ReachService::Verify() {
  return storage::RunInTransaction(pool_,
                                   [&](Tx& tx) -> absl::StatusOr<ReachCheck> {
                                     return repo::DiffReach(tx);
                                   });
}

}  // namespace grants::monitoring
