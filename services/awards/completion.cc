// VariationService::Complete: closing a running award at its end.
#include <nlohmann/json.hpp>

#include "services/awards/award_errors.h"
#include "services/awards/award_service.h"
#include "services/awards/variation_rules.h"
#include "services/awards/variation_service.h"
#include "services/organisations/interest_guard.h"
#include "storage/award_repository.h"
#include "storage/condition_repository.h"
#include "storage/idempotency.h"

namespace grants::awards {
namespace award_repo = storage::award_repo;
using storage::Tx;

absl::StatusOr<Award> VariationService::Complete(const RequestContext& ctx,
                                                 const std::string& id) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Award>(
        tx, ctx, id,
        [&](const std::string&) {
          return LoadAwardInScope(tx, ctx, id, false);
        },
        [&]() -> absl::StatusOr<Award> {
          ASSIGN_OR_RETURN(Award award, LoadAwardInScope(tx, ctx, id, true));
          RETURN_IF_ERROR(
              organisations::CheckNoInterestInAward(tx, ctx, award.id, "id"));
          if (!IsRunning(award.state))
            return Refused("AWARD_NOT_RUNNING", "id",
                           "only an accepted or active award can be "
                           "completed");
          award_repo::Completion c = award_repo::CompletionOf(tx, award.id);
          RETURN_IF_ERROR(
              CheckCanComplete({c.unsettled_payments, c.final_report_accepted,
                                c.reports_awaiting_review, c.open_variations,
                                storage::condition_repo::OpenCount(tx, award.id)}));
          // Everything not paid goes back: the award is spent as paid.
          const int64_t release = award.amount_minor - c.paid_minor;
          RETURN_IF_ERROR(Release(tx, award.round_id, release));
          Award done = award;
          done.state = AwardState::kCompleted;
          done.released_minor = release;
          Award out = award_repo::Update(tx, done, ctx.now);
          out.shares = award.shares;
          audit_.Record(
              tx, ctx,
              {"award", award.id,
               nlohmann::json{
                   {"before", {{"state", std::string(StateName(award.state))}}},
                   {"after",
                    {{"state", "completed"},
                     {"paid_minor", c.paid_minor},
                     {"released_minor", release}}}}
                   .dump()});
          return out;
        });
  });
}

}  // namespace grants::awards
