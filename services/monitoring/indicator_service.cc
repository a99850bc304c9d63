// Indicator use cases.
#include "services/monitoring/indicator_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/status.h"
#include "services/monitoring/release_rules.h"
#include "services/monitoring/release_service.h"
#include "storage/idempotency.h"
#include "storage/monitoring_repository.h"
#include "storage/programme_repository.h"
#include "storage/release_repository.h"

namespace grants::monitoring {
namespace repo = storage::monitoring_repo;
using storage::Tx;

namespace {

absl::StatusOr<Indicator> Load(Tx& tx, const std::string& programme_id,
                               const std::string& code) {
  auto found = repo::ListIndicators(tx, programme_id, code);
  if (found.empty()) return Internal("indicator vanished");
  return found.front();
}

// The released actual of one period of `i` (see List).
void SetReleasedActual(const ReleasedPeriods& periods, const Indicator& i,
                       IndicatorPeriod& p) {
  reach::Figure actual;
  if (p.period.empty() && !periods.empty()) {
    std::vector<reach::ProtectedPeriod> parts;
    for (const auto& [quarter, by_measure] : periods)
      parts.push_back(by_measure.at(i.measure));
    actual = ActualOf(reach::SumPeriods(parts, kReleaseThreshold), i.community);
  } else if (auto q = periods.find(p.period); q != periods.end()) {
    actual = ActualOf(q->second.at(i.measure), i.community);
  } else {
    p.actual = 0;
    p.actual_pending = true;
    return;
  }
  p.actual = actual.value;
  p.actual_suppressed = actual.hidden();
  p.actual_suppression = actual.suppression;
}

}  // namespace

absl::StatusOr<Indicator> IndicatorService::Set(const RequestContext& ctx,
                                                Indicator indicator) {
  indicator.updated_by = ctx.caller.subject;
  const std::string& programme_id = indicator.programme_id;
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Indicator>(
        tx, ctx, programme_id + "/" + indicator.code,
        [&](const std::string&) {
          return Load(tx, programme_id, indicator.code);
        },
        [&]() -> absl::StatusOr<Indicator> {
          auto programme =
              storage::programme_repo::GetProgramme(tx, programme_id);
          if (!programme)
            return MakeError(absl::StatusCode::kNotFound, "PROGRAMME_NOT_FOUND",
                             "programme not found",
                             {{"indicator.programme_id", "PROGRAMME_NOT_FOUND",
                               "no such programme"}});
          const auto& communities = programme->priority_communities;
          if (!indicator.community.empty() &&
              std::find(communities.begin(), communities.end(),
                        indicator.community) == communities.end())
            return InvalidField("indicator.community", "COMMUNITY_UNKNOWN",
                                "not one of the programme's communities");
          repo::UpsertIndicator(tx, indicator, ctx.now);
          ASSIGN_OR_RETURN(Indicator saved,
                           Load(tx, programme_id, indicator.code));
          auto targets = nlohmann::json::array();
          for (const auto& p : saved.periods)
            targets.push_back({p.period, p.baseline, p.target});
          audit_.Record(tx, ctx,
                        {"indicator", saved.id,
                         nlohmann::json{{"measure", saved.measure},
                                        {"community", saved.community},
                                        {"targets", targets}}
                             .dump()});
          return saved;
        });
  });
}

absl::StatusOr<std::vector<Indicator>> IndicatorService::List(
    const RequestContext& ctx, const std::string& programme_id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<Indicator>> {
        if (ctx.caller.role != Role::kFunder)
          return repo::ListIndicators(tx, programme_id);
        RETURN_IF_ERROR(CheckFunds(tx, ctx, programme_id, "programme_id"));
        auto indicators = repo::ListIndicators(tx, programme_id);
        // A funder's actuals come from the releases, like every figure a
        // funder reads: a released quarter's figure, the sum of the
        // released quarters for the whole programme, nothing for a quarter
        // not released yet.
        const auto releases = storage::release_repo::List(tx, programme_id);
        const ReleasedPeriods periods = PeriodsOf(
            releases,
            storage::release_repo::Figures(tx, programme_id, "", "community"),
            "community");
        for (auto& i : indicators)
          for (auto& p : i.periods) SetReleasedActual(periods, i, p);
        return indicators;
      });
}

}  // namespace grants::monitoring
