// Indicator use cases.
#include "services/monitoring/indicator_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/status.h"
#include "services/monitoring/reach_service.h"
#include "storage/idempotency.h"
#include "storage/monitoring_repository.h"
#include "storage/programme_repository.h"

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
        auto indicators = repo::ListIndicators(tx, programme_id);
        if (ctx.caller.role != Role::kFunder) return indicators;
        // A funder never sees a small actual.
        for (auto& i : indicators)
          for (auto& p : i.periods)
            if (p.actual > 0 && p.actual < kSmallCount) {
              p.actual = 0;
              p.actual_suppressed = true;
            }
        return indicators;
      });
}

}  // namespace grants::monitoring
