// Reach use cases.
#include "services/monitoring/reach_service.h"

#include "common/status.h"
#include "domain/reach/disclosure.h"
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

void ControlDisclosure(ReachSummary& s, int64_t threshold) {
  s.disclosure_controlled = true;
  std::vector<std::string> keys;
  std::vector<int64_t> supported, reached;
  for (const auto& r : s.rows) {
    keys.push_back(r.code);
    supported.push_back(r.supported);
    reached.push_back(r.reached);
  }
  if (keys.empty()) {  // the totals alone: a line of one figure
    keys.push_back("total");
    supported.push_back(s.total.supported);
    reached.push_back(s.total.reached);
  }
  reach::List a = reach::ProtectList(keys, supported, threshold);
  reach::List b = reach::ProtectList(keys, reached, threshold);
  for (size_t i = 0; i < s.rows.size(); ++i) {
    s.rows[i].supported = a.cells[i].value;
    s.rows[i].supported_suppressed = a.cells[i].suppressed;
    s.rows[i].reached = b.cells[i].value;
    s.rows[i].reached_suppressed = b.cells[i].suppressed;
  }
  s.total.supported = a.total.value;
  s.total.supported_suppressed = a.total.suppressed;
  s.total.reached = b.total.value;
  s.total.reached_suppressed = b.total.suppressed;
}

absl::StatusOr<ReachSummary> ReachService::Summary(const RequestContext& ctx,
                                                   const ReachKey& key) {
  bool funder = ctx.caller.role == Role::kFunder;
  if (funder && (key.scope != "funder" || key.scope_id != ctx.caller.funder_id))
    return MakeError(
        absl::StatusCode::kPermissionDenied, "FUNDER_SCOPE",
        "a funder reads the reach of its own awards",
        {{"scope_id", "FUNDER_SCOPE", "ask for your own funder id"}});
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<ReachSummary> {
        ReachSummary s = Assemble(key, repo::ReachRows(tx, key));
        if (funder) ControlDisclosure(s);
        return s;
      });
}

absl::StatusOr<ReachCheck> ReachService::Verify() {
  return storage::RunInTransaction(pool_,
                                   [&](Tx& tx) -> absl::StatusOr<ReachCheck> {
                                     return repo::DiffReach(tx);
                                   });
}

}  // namespace grants::monitoring
