// DecisionService::CloseOutRound: a finished round gives back what it did
// not commit.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "services/awards/award_errors.h"
#include "services/awards/decision_service.h"
#include "services/programmes/programme_errors.h"
#include "services/programmes/programme_rules.h"
#include "storage/award_repository.h"
#include "storage/decision_repository.h"
#include "storage/funding_repository.h"
#include "storage/idempotency.h"
#include "storage/programme_repository.h"

namespace grants::awards {
namespace award_repo = storage::award_repo;
namespace programme_repo = storage::programme_repo;
using storage::Tx;

namespace {

// "2 applications undecided, 1 offer unanswered".
std::string Describe(const award_repo::CloseOutBlockers& b) {
  std::string out;
  auto add = [&](int64_t n, const char* what) {
    if (n > 0) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n, what);
  };
  add(b.undecided, "submitted application(s) undecided");
  add(b.approved_unoffered, "approval(s) without an offer");
  add(b.offers_open, "offer(s) unanswered");
  return out;
}

DecisionService::CloseOut Figures(const programme_repo::RoundRow& row,
                                  int64_t committed) {
  return {row.round.id, row.round.spec.currency, committed,
          row.round.spec.budget_minor - committed};
}

}  // namespace

absl::StatusOr<DecisionService::CloseOut> DecisionService::CloseOutRound(
    const RequestContext& ctx, const std::string& round_id) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    auto row =
        programme_repo::GetRound(tx, round_id, programme_repo::Lock::kUpdate);
    return storage::RunOnceOn<CloseOut>(
        tx, ctx, round_id,
        [&](const std::string&) -> absl::StatusOr<CloseOut> {
          if (!row) return programmes::RoundNotFound("round_id");
          auto settings = storage::decision_repo::GetSettings(tx, round_id);
          return Figures(*row, settings ? settings->committed_minor : 0);
        },
        [&]() -> absl::StatusOr<CloseOut> {
          if (!row) return programmes::RoundNotFound("round_id");
          ASSIGN_OR_RETURN(
              programmes::RoundTransition t,
              programmes::FindTransition(programmes::RoundAction::kCloseOut,
                                         row->round.state));
          award_repo::CloseOutBlockers open =
              award_repo::CloseOutBlockersOf(tx, round_id);
          if (open.undecided + open.approved_unoffered + open.offers_open > 0)
            return Refused("ROUND_UNFINISHED", "round_id",
                           "the round still has " + Describe(open));
          award_repo::EnsureCommitment(tx, round_id);
          auto [committed, budget] =
              award_repo::CloseOutCommitment(tx, round_id);
          const int64_t back = budget - committed;
          if (!storage::funding_repo::Draw(tx, row->fund_id, -back))
            return Internal("the fund drew less than the round's budget");
          programmes::Round after = row->round;
          after.state = t.to;
          programme_repo::UpdateRound(tx, after, ctx.now);
          audit_.Record(tx, ctx,
                        {"round", round_id,
                         nlohmann::json{{"state", "closed_out"},
                                        {"committed_minor", committed},
                                        {"released_to_fund_minor", back}}
                             .dump()});
          return Figures(*row, committed);
        });
  });
}

}  // namespace grants::awards
