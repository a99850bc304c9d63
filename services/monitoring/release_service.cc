// Reach releases.
#include "services/monitoring/release_service.h"

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "services/monitoring/release_errors.h"
#include "services/monitoring/release_rules.h"
#include "storage/idempotency.h"
#include "storage/programme_repository.h"
#include "storage/release_repository.h"

namespace grants::monitoring {
namespace repo = storage::release_repo;
using storage::Tx;

namespace {

int HiddenCount(const std::vector<ReleasedFigure>& figures) {
  int n = 0;
  for (const auto& f : figures) n += f.suppression != reach::Suppression::kNone;
  return n;
}

// Protects and stores the quarter: both measures, every dimension.
absl::StatusOr<ReachRelease> Make(Tx& tx, const RequestContext& ctx,
                                  const audit::Recorder& audit,
                                  const std::string& programme_id,
                                  const std::string& quarter,
                                  const QuarterSpan& span) {
  if (!storage::programme_repo::GetProgramme(tx, programme_id))
    return release_errors::ProgrammeNotFound();
  if (!repo::List(tx, programme_id, quarter).empty())
    return release_errors::ReleaseExists();
  const std::vector<ReachCount> counts =
      repo::AcceptedCounts(tx, programme_id, span.start, span.end);
  ReachRelease release{.programme_id = programme_id,
                       .quarter = quarter,
                       .released_by = ctx.caller.subject,
                       .released_at = ctx.now};
  for (const ReachCount& c : counts)
    if (c.dimension.empty()) release.reports = c.reports;
  std::vector<ReleasedFigure> figures;
  for (std::string_view measure : kMeasures)
    AppendFigures(
        reach::ProtectPeriod(CountsOf(counts, measure), kReleaseThreshold),
        measure, quarter, &figures, &release.withheld);
  std::optional<std::string> id = repo::Insert(tx, release, figures);
  if (!id) return release_errors::ReleaseExists();  // released meanwhile
  release.id = *id;
  audit.Record(tx, ctx,
               {"reach_release", release.id,
                nlohmann::json{{"programme_id", programme_id},
                               {"quarter", quarter},
                               {"reports", release.reports},
                               {"figures", figures.size()},
                               {"hidden", HiddenCount(figures)},
                               {"withheld", release.withheld}}
                    .dump()});
  return release;
}

}  // namespace

absl::StatusOr<ReachRelease> ReleaseService::Release(
    const RequestContext& ctx, const std::string& programme_id,
    const std::string& quarter) {
  ASSIGN_OR_RETURN(QuarterSpan span, SpanOf("quarter", quarter));
  if (!CanRelease(span, ctx.now)) return release_errors::PeriodOpen();
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<ReachRelease>(
        tx, ctx,
        [&](const std::string& id) -> absl::StatusOr<ReachRelease> {
          auto found = repo::Get(tx, id);
          if (!found) return Internal("release vanished");
          return *found;
        },
        [&] { return Make(tx, ctx, audit_, programme_id, quarter, span); });
  });
}

absl::StatusOr<std::vector<ReachRelease>> ReleaseService::List(
    const RequestContext& ctx, const std::string& programme_id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<ReachRelease>> {
        RETURN_IF_ERROR(CheckFunds(tx, ctx, programme_id, "programme_id"));
        return repo::List(tx, programme_id);
      });
}

absl::Status CheckFunds(Tx& tx, const RequestContext& ctx,
                        const std::string& programme_id,
                        std::string_view field) {
  if (ctx.caller.role != Role::kFunder) return absl::OkStatus();
  if (!repo::FundedBy(tx, programme_id, ctx.caller.funder_id))
    return release_errors::ProgrammeNotFunded(field);
  return absl::OkStatus();
}

absl::StatusOr<ReachSummary> ReadReleased(Tx& tx, const ReachKey& key) {
  std::vector<ReachRelease> releases = repo::List(tx, key.scope_id, key.period);
  if (releases.empty()) return release_errors::PeriodNotReleased("period");
  ReleasedPeriods periods = PeriodsOf(
      releases, repo::Figures(tx, key.scope_id, key.period, key.dimension),
      key.dimension);
  return ReleasedSummary(key, periods);
}

}  // namespace grants::monitoring
