// Programme and round use cases.
#include "services/programmes/programme_service.h"

#include <nlohmann/json.hpp>

#include "services/programmes/programme_errors.h"
#include "storage/funding_repository.h"
#include "storage/idempotency.h"
#include "storage/programme_repository.h"
#include "storage/transaction.h"

namespace grants::programmes {
namespace repo = storage::programme_repo;
namespace funds = storage::funding_repo;
using storage::Tx;

namespace {

nlohmann::json Describe(const Round& r) {
  return {{"state", StateName(r.state)},
          {"name", r.spec.name},
          {"opens_at_micros", absl::ToUnixMicros(r.spec.opens_at)},
          {"closes_at_micros", absl::ToUnixMicros(r.spec.closes_at)},
          {"budget_minor", r.spec.budget_minor},
          {"min_grant_minor", r.spec.min_grant_minor},
          {"max_grant_minor", r.spec.max_grant_minor},
          {"cancel_reason", r.cancel_reason}};
}

void RecordRound(const audit::Recorder& audit, Tx& tx,
                 const RequestContext& ctx, const Round* before,
                 const Round& after) {
  nlohmann::json summary{{"after", Describe(after)}};
  if (before) summary["before"] = Describe(*before);
  audit.Record(tx, ctx, {"round", after.id, summary.dump()});
}

// Draws `delta` from the fund (negative releases); FUND_BALANCE_EXCEEDED
// when the fund's contributions cannot cover it.
absl::Status DrawFromFund(Tx& tx, const std::string& fund_id, int64_t delta) {
  if (delta == 0) return absl::OkStatus();
  if (!funds::Draw(tx, fund_id, delta)) return FundBalanceExceeded();
  return absl::OkStatus();
}

RoundSpec Apply(const RoundSpec& base, const RoundPatch& p) {
  RoundSpec s = base;
  if (p.name) s.name = *p.name;
  if (p.opens_at) s.opens_at = *p.opens_at;
  if (p.closes_at) s.closes_at = *p.closes_at;
  if (p.budget_minor) s.budget_minor = *p.budget_minor;
  if (p.min_grant_minor) s.min_grant_minor = *p.min_grant_minor;
  if (p.max_grant_minor) s.max_grant_minor = *p.max_grant_minor;
  if (p.eligibility) s.eligibility = *p.eligibility;
  if (p.questions) s.questions = *p.questions;
  if (p.description) s.description = *p.description;
  return s;
}

// The round with its description and translations, kept beside its row.
Round WithTexts(Tx& tx, Round r) {
  repo::RoundTexts texts = repo::GetTexts(tx, r.id);
  r.spec.description = std::move(texts.description);
  r.translations = std::move(texts.translations);
  return r;
}

absl::StatusOr<Round> LoadRound(Tx& tx, const std::string& id) {
  auto row = repo::GetRound(tx, id);
  if (!row) return RoundNotFound();
  return WithTexts(tx, row->round);
}

}  // namespace

absl::StatusOr<Programme> ProgrammeService::CreateProgramme(
    const RequestContext& ctx, const Programme& cmd) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Programme>(
        tx, ctx,
        [&](const std::string& id) -> absl::StatusOr<Programme> {
          return *repo::GetProgramme(tx, id);
        },
        [&]() -> absl::StatusOr<Programme> {
          if (!funds::GetFund(tx, cmd.fund_id))
            return MakeError(absl::StatusCode::kNotFound, "FUND_NOT_FOUND",
                             "fund not found",
                             {{"fund_id", "FUND_NOT_FOUND", "no such fund"}});
          Programme p = repo::InsertProgramme(tx, cmd, ctx.now);
          audit_.Record(
              tx, ctx,
              {"programme", p.id,
               nlohmann::json{{"after",
                               {{"code", p.code},
                                {"name", p.name},
                                {"fund_id", p.fund_id},
                                {"priority_communities",
                                 p.priority_communities}}}}
                   .dump()});
          return p;
        });
  });
}

absl::StatusOr<Programme> ProgrammeService::GetProgramme(const std::string& id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Programme> {
        auto p = repo::GetProgramme(tx, id);
        if (!p) return ProgrammeNotFound();
        return *p;
      });
}

absl::StatusOr<Listed<Programme>> ProgrammeService::ListProgrammes(
    const Page& page) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Programme>> {
        auto items = repo::ListProgrammes(tx, page.limit,
                                          static_cast<int>(page.position));
        std::string next = NextOffsetToken(page, items.size());
        return Listed<Programme>{std::move(items), std::move(next)};
      });
}

absl::StatusOr<Round> ProgrammeService::CreateRound(
    const RequestContext& ctx, const std::string& programme_id,
    const RoundSpec& spec) {
  RETURN_IF_ERROR(CheckSpec(spec));
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Round>(
        tx, ctx, [&](const std::string& id) { return LoadRound(tx, id); },
        [&]() -> absl::StatusOr<Round> {
          auto next = repo::TakeNextRoundNumber(tx, programme_id);
          if (!next) return ProgrammeNotFound("programme_id");
          auto fund = funds::GetFund(tx, next->fund_id);
          if (!fund || fund->currency != spec.currency)
            return RoundCurrencyMismatch();
          RETURN_IF_ERROR(DrawFromFund(tx, next->fund_id, spec.budget_minor));
          Round r =
              repo::InsertRound(tx, programme_id, next->number, spec, ctx.now)
                  .round;
          if (!spec.description.empty())
            repo::SetDescription(tx, r.id, spec.description);
          r.spec.description = spec.description;
          RecordRound(audit_, tx, ctx, nullptr, r);
          return r;
        });
  });
}

absl::StatusOr<Round> ProgrammeService::ChangeRound(
    const RequestContext& ctx, const std::string& round_id,
    const Change& change) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Round>(
        tx, ctx, [&](const std::string& id) { return LoadRound(tx, id); },
        [&]() -> absl::StatusOr<Round> {
          auto row = repo::GetRound(tx, round_id, repo::Lock::kUpdate);
          if (!row) return RoundNotFound("round_id");
          const Round before = WithTexts(tx, row->round);
          ASSIGN_OR_RETURN(Round after, change(tx, before, row->fund_id));
          if (after.spec.description != before.spec.description)
            repo::SetDescription(tx, round_id, after.spec.description);
          after = WithTexts(tx, repo::UpdateRound(tx, after, ctx.now).round);
          RecordRound(audit_, tx, ctx, &before, after);
          return after;
        });
  });
}

absl::StatusOr<Round> ProgrammeService::UpdateRound(
    const RequestContext& ctx, const std::string& round_id,
    const RoundPatch& patch) {
  return ChangeRound(
      ctx, round_id,
      [&](Tx& tx, const Round& before,
          const std::string& fund_id) -> absl::StatusOr<Round> {
        RETURN_IF_ERROR(FindTransition(RoundAction::kEdit, before.state).status());
        if (patch.currency && *patch.currency != before.spec.currency)
          return RoundCurrencyMismatch();
        Round after = before;
        after.spec = Apply(before.spec, patch);
        RETURN_IF_ERROR(CheckSpec(after.spec));
        RETURN_IF_ERROR(DrawFromFund(
            tx, fund_id, after.spec.budget_minor - before.spec.budget_minor));
        return after;
      });
}

absl::StatusOr<Round> ProgrammeService::MoveRound(const RequestContext& ctx,
                                                  const std::string& round_id,
                                                  RoundAction action,
                                                  const std::string& reason) {
  return ChangeRound(
      ctx, round_id,
      [&](Tx& tx, const Round& before,
          const std::string& fund_id) -> absl::StatusOr<Round> {
        ASSIGN_OR_RETURN(RoundTransition t, FindTransition(action, before.state));
        if (action == RoundAction::kOpen) {
          RETURN_IF_ERROR(CheckCanOpen(before, ctx.now));
          repo::CreateReferenceSequence(tx, before.id);
        }
        Round after = before;
        after.state = t.to;
        if (action == RoundAction::kCancel) {
          RETURN_IF_ERROR(DrawFromFund(tx, fund_id, -before.spec.budget_minor));
          after.cancel_reason = reason;
        }
        return after;
      });
}

absl::StatusOr<Round> ProgrammeService::OpenRound(const RequestContext& ctx,
                                                  const std::string& round_id) {
  return MoveRound(ctx, round_id, RoundAction::kOpen, "");
}

absl::StatusOr<Round> ProgrammeService::CloseRound(
    const RequestContext& ctx, const std::string& round_id) {
  return MoveRound(ctx, round_id, RoundAction::kClose, "");
}

absl::StatusOr<Round> ProgrammeService::CancelRound(
    const RequestContext& ctx, const std::string& round_id,
    const std::string& reason) {
  return MoveRound(ctx, round_id, RoundAction::kCancel, reason);
}

absl::StatusOr<Round> ProgrammeService::GetRound(const std::string& id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) { return LoadRound(tx, id); });
}

absl::StatusOr<Round> ProgrammeService::SetTranslation(
    const RequestContext& ctx, const std::string& round_id,
    const RoundTranslation& translation) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Round>(
        tx, ctx, round_id,
        [&](const std::string& id) { return LoadRound(tx, id); },
        [&]() -> absl::StatusOr<Round> {
          auto row = repo::GetRound(tx, round_id, repo::Lock::kUpdate);
          if (!row) return RoundNotFound("round_id");
          RETURN_IF_ERROR(CheckTranslation(row->round.spec, translation));
          repo::UpsertTranslation(tx, round_id, translation, ctx.caller.subject,
                                  ctx.now);
          // Officers' texts about a round, not about people: the trail
          // keeps which language and how much of it.
          audit_.Record(
              tx, ctx,
              {"round_translation", round_id,
               nlohmann::json{
                   {"language", translation.language},
                   {"name", audit::Words(translation.name)},
                   {"description", audit::Words(translation.description)},
                   {"questions", translation.questions.size()}}
                   .dump()});
          return WithTexts(tx, row->round);
        });
  });
}

absl::StatusOr<Listed<Round>> ProgrammeService::ListRounds(
    const RoundFilter& filter, const Page& page) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Round>> {
        auto items = repo::ListRounds(tx, filter.programme_id, filter.state,
                                      page.limit,
                                      static_cast<int>(page.position));
        for (Round& r : items) r = WithTexts(tx, std::move(r));
        std::string next = NextOffsetToken(page, items.size());
        return Listed<Round>{std::move(items), std::move(next)};
      });
}

}  // namespace grants::programmes
