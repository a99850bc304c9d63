// Award use cases.
#include "services/awards/award_service.h"

#include <map>
#include <nlohmann/json.hpp>

#include "common/london_time.h"
#include "common/money.h"
#include "services/awards/award_errors.h"
#include "services/awards/award_rules.h"
#include "services/awards/decision_service.h"
#include "services/organisations/interest_guard.h"
#include "services/organisations/on_behalf.h"
#include "services/organisations/organisation_service.h"
#include "services/programmes/programme_errors.h"
#include "storage/application_repository.h"
#include "storage/condition_repository.h"
#include "storage/decision_repository.h"
#include "storage/idempotency.h"
#include "storage/notification_repository.h"
#include "storage/programme_repository.h"

namespace grants::awards {
namespace repo = storage::award_repo;
using storage::Tx;

namespace {

nlohmann::json Describe(const Award& a) {
  auto shares = nlohmann::json::array();
  for (const auto& s : a.shares)
    shares.push_back(
        {{"funder_id", s.funder_id}, {"amount_minor", s.amount_minor}});
  auto languages = nlohmann::json::array();
  for (const auto& t : a.condition_translations)
    languages.push_back(t.language);
  return {{"state", StateName(a.state)},
          {"application_id", a.application_id},
          {"condition_languages", languages},
          {"amount_minor", a.amount_minor},
          {"expires_at_micros", absl::ToUnixMicros(a.expires_at)},
          {"attribution", a.explicit_attribution ? "explicit" : "pro_rata"},
          {"shares", shares}};
}

absl::StatusOr<Award> LoadAward(Tx& tx, const std::string& id,
                                bool for_update = false,
                                std::string_view field = "id") {
  auto a = repo::Get(tx, id, for_update);
  if (!a) return AwardNotFound(field);
  a->shares = repo::GetShares(tx, a->id);
  a->condition_items = storage::condition_repo::List(tx, a->id);
  a->condition_translations =
      storage::condition_repo::ListTranslations(tx, a->id);
  return *a;
}

// The award's amount split pro rata to the fund's contributions.
absl::StatusOr<std::vector<Share>> ProRataShares(Tx& tx, const Award& a) {
  auto totals = repo::FunderTotals(tx, a.fund_id);
  std::vector<int64_t> weights;
  for (const auto& [funder, total] : totals) weights.push_back(total);
  std::vector<int64_t> parts = SplitProRata(a.amount_minor, weights);
  if (parts.empty()) return Internal("award from a fund without contributions");
  std::vector<Share> shares;
  for (size_t i = 0; i < parts.size(); ++i)
    shares.push_back({totals[i].first, parts[i]});
  return shares;
}

// {"ro": ["...", ""], ...}: what the offer message reads in the group's
// language.
nlohmann::json ConditionTranslationsJson(
    const std::vector<ConditionsTranslation>& translations) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& t : translations) out[t.language] = t.conditions;
  return out;
}

std::vector<std::string> FundersOf(Tx& tx, const std::string& fund_id) {
  std::vector<std::string> out;
  for (const auto& [funder, total] : repo::FunderTotals(tx, fund_id))
    out.push_back(funder);
  return out;
}

// The award an offer would make, after every check but the budget's.
absl::StatusOr<Award> PrepareOffer(Tx& tx, const RequestContext& ctx,
                                   const OfferCommand& cmd) {
  // Locks the application: two offers for it queue here.
  auto app = storage::application_repo::Get(tx, cmd.application_id, true);
  if (!app) return ApplicationNotFound();
  RETURN_IF_ERROR(organisations::CheckNoInterestInApplication(
      tx, ctx, app->id, "application_id"));
  auto round = storage::programme_repo::GetRound(tx, app->round_id);
  auto settings = storage::decision_repo::GetSettings(tx, app->round_id);
  if (!round || !settings) return Internal("application without round");
  RETURN_IF_ERROR(CheckRoundClosed(round->round.state));
  Decision d = LoadDecision(tx, *app, round->round.spec.currency);
  absl::Time expires = cmd.expires_at.value_or(
      ctx.now + absl::Hours(24) * settings->offer_validity_days);
  RETURN_IF_ERROR(CheckOffer(d, cmd, expires, ctx.now));
  if (repo::HasLiveAward(tx, app->id))
    return Refused("AWARD_EXISTS", "application_id",
                   "the application already has a live award");
  return Award{.application_id = app->id,
               .round_id = app->round_id,
               .organisation_id = app->organisation_id,
               .fund_id = round->fund_id,
               .currency = d.currency,
               .amount_minor = cmd.amount_minor,
               .conditions = cmd.conditions,
               .expires_at = expires,
               .offered_by = ctx.caller.subject,
               .offered_at = ctx.now,
               .start_date = cmd.start_date,
               .end_date = cmd.end_date,
               .condition_translations = cmd.condition_translations};
}

}  // namespace

absl::StatusOr<Award> LoadAwardInScope(Tx& tx, const RequestContext& ctx,
                                       const std::string& id, bool for_update,
                                       std::string_view field) {
  ASSIGN_OR_RETURN(Award a, LoadAward(tx, id, for_update, field));
  RETURN_IF_ERROR(
      organisations::CheckOrganisationScope(ctx, a.organisation_id));
  if (ctx.caller.role == Role::kFunder) {
    bool funded = false;
    for (const auto& s : a.shares)
      funded |= s.funder_id == ctx.caller.funder_id && s.amount_minor > 0;
    if (!funded)
      return MakeError(absl::StatusCode::kPermissionDenied, "FUNDER_SCOPE",
                       "the award is not funded by your organisation",
                       {{"id", "FUNDER_SCOPE", "not one of your awards"}});
  }
  return a;
}

absl::Status Release(Tx& tx, const std::string& round_id, int64_t amount) {
  if (!repo::ChangeCommitted(tx, round_id, -amount))
    return Internal("round commitment smaller than its awards");
  return absl::OkStatus();
}

absl::StatusOr<Award> AwardService::ChangeAward(const RequestContext& ctx,
                                                const std::string& id,
                                                const Change& change) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Award>(
        tx, ctx, [&](const std::string& prior) { return LoadAward(tx, prior); },
        [&]() -> absl::StatusOr<Award> {
          ASSIGN_OR_RETURN(Award before, LoadAwardInScope(tx, ctx, id, true));
          RETURN_IF_ERROR(
              organisations::CheckNoInterestInAward(tx, ctx, before.id, "id"));
          ASSIGN_OR_RETURN(Award changed, change(tx, before));
          Award after = repo::Update(tx, changed, ctx.now);
          after.shares = repo::GetShares(tx, id);
          after.condition_items = storage::condition_repo::List(tx, id);
          after.condition_translations = changed.condition_translations;
          audit_.Record(tx, ctx,
                        {"award", id,
                         nlohmann::json{{"before", Describe(before)},
                                        {"after", Describe(after)}}
                             .dump()});
          return after;
        });
  });
}

absl::Status AwardService::CommitBudget(Tx& tx, const RequestContext& ctx,
                                        const Award& award) const {
  if (repo::ChangeCommitted(tx, award.round_id, award.amount_minor))
    return absl::OkStatus();
  // Slow path: the row may be missing, and offers past their expiry may
  // still hold money that can be released now (expiry done lazily).
  repo::EnsureCommitment(tx, award.round_id);
  RETURN_IF_ERROR(ExpireOverdue(tx, ctx, award.round_id).status());
  if (repo::ChangeCommitted(tx, award.round_id, award.amount_minor))
    return absl::OkStatus();
  return BudgetExhausted();
}

absl::StatusOr<std::vector<Award>> AwardService::ExpireOverdue(
    Tx& tx, const RequestContext& ctx, const std::string& round_id) const {
  std::vector<Award> expired = repo::ExpireOverdue(tx, round_id, ctx.now);
  std::map<std::string, int64_t> by_round;
  for (auto& a : expired) {
    by_round[a.round_id] += a.amount_minor;
    a.shares = repo::GetShares(tx, a.id);
    audit_.Record(
        tx, ctx,
        {"award", a.id, nlohmann::json{{"after", Describe(a)}}.dump()});
    // However the offer expired (a sweep, an officer, a later offer that
    // needed the money), the grantee hears of it once.
    storage::notification_repo::EnqueueAboutAward(
        tx, "offer_expired:" + a.id, "offer_expired", a.id,
        nlohmann::json{{"award_id", a.id},
                       {"answer_by", FormatLondonMinute(a.expires_at)}}
            .dump(),
        ctx.now);
  }
  for (const auto& [round, amount] : by_round)
    RETURN_IF_ERROR(Release(tx, round, amount));
  return expired;
}

absl::StatusOr<Award> AwardService::Offer(const RequestContext& ctx,
                                          const OfferCommand& cmd) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Award>(
        tx, ctx, [&](const std::string& prior) { return LoadAward(tx, prior); },
        [&]() -> absl::StatusOr<Award> {
          ASSIGN_OR_RETURN(Award a, PrepareOffer(tx, ctx, cmd));
          return InsertOffer(tx, ctx, std::move(a));
        });
  });
}

absl::StatusOr<Award> AwardService::InsertOffer(Tx& tx,
                                                const RequestContext& ctx,
                                                Award a) const {
  // The award as stored, with the translations it was offered with (kept
  // in their own table).
  Award stored = repo::Insert(tx, a);
  stored.condition_translations = std::move(a.condition_translations);
  a = std::move(stored);
  for (const auto& t : a.condition_translations)
    storage::condition_repo::SetTranslation(tx, a.id, t, ctx.caller.subject,
                                            ctx.now);
  ASSIGN_OR_RETURN(std::vector<Share> shares, ProRataShares(tx, a));
  repo::ReplaceShares(tx, a.id, shares);
  a.shares = repo::GetShares(tx, a.id);
  // Last: the round's row stays locked from here until commit.
  RETURN_IF_ERROR(CommitBudget(tx, ctx, a));
  audit_.Record(tx, ctx,
                {"award", a.id, nlohmann::json{{"after", Describe(a)}}.dump()});
  // The grantee hears of the offer through the outbox, queued in this
  // transaction.
  storage::notification_repo::EnqueueAboutAward(
      tx, "offer_made:" + a.id, "offer_made", a.id,
      nlohmann::json{{"award_id", a.id},
                     {"amount", FormatMoney(a.currency, a.amount_minor)},
                     {"conditions", a.conditions},
                     {"condition_translations",
                      ConditionTranslationsJson(a.condition_translations)},
                     {"answer_by", FormatLondonMinute(a.expires_at)}}
          .dump(),
      ctx.now);
  return a;
}

absl::StatusOr<Award> AwardService::Accept(
    const RequestContext& caller, const std::string& id,
    const std::optional<OnBehalf>& on_behalf) {
  ASSIGN_OR_RETURN(RequestContext ctx,
                   organisations::Acting(pool_, caller, on_behalf));
  return ChangeAward(
      ctx, id, [&](Tx& tx, const Award& before) -> absl::StatusOr<Award> {
        ASSIGN_OR_RETURN(
            AwardTransition t,
            FindAwardTransition(AwardAction::kAccept, before.state));
        RETURN_IF_ERROR(CheckNotExpired(before, ctx.now));
        RETURN_IF_ERROR(
            organisations::RecordActOnBehalf(tx, ctx, "award", before.id));
        Award after = before;
        after.state = t.to;
        after.responded_by = ctx.caller.subject;
        after.responded_at = ctx.now;
        if (after.fast_path) SchedulePaymentOnAcceptance(tx, ctx, after);
        // The group hears that its offer is accepted (and who did it, when
        // an officer did it for them), once.
        storage::notification_repo::EnqueueAboutAward(
            tx, "offer_accepted:" + before.id, "offer_accepted", before.id,
            organisations::NoteOnBehalf(
                ctx,
                {{"award_id", before.id},
                 {"amount", FormatMoney(before.currency, before.amount_minor)}})
                .dump(),
            ctx.now);
        return after;
      });
}

absl::StatusOr<Award> AwardService::Decline(const RequestContext& ctx,
                                            const std::string& id,
                                            const std::string& reason) {
  return ChangeAward(
      ctx, id, [&](Tx& tx, const Award& before) -> absl::StatusOr<Award> {
        ASSIGN_OR_RETURN(
            AwardTransition t,
            FindAwardTransition(AwardAction::kDecline, before.state));
        if (t.releases)
          RETURN_IF_ERROR(Release(tx, before.round_id, before.amount_minor));
        Award after = before;
        after.state = t.to;
        after.responded_by = ctx.caller.subject;
        after.responded_at = ctx.now;
        after.decline_reason = reason;
        return after;
      });
}

absl::StatusOr<ExpiryRun> AwardService::Expire(const RequestContext& ctx,
                                               const std::string& round_id) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<ExpiryRun>(
        tx, ctx,
        [&](const std::string& run_id) -> absl::StatusOr<ExpiryRun> {
          auto run = repo::GetExpiryRun(tx, run_id);
          if (!run) return Internal("expiry run vanished");
          ExpiryRun out{run_id, run->first, {}};
          for (const auto& award_id : run->second) {
            ASSIGN_OR_RETURN(Award a, LoadAward(tx, award_id));
            out.expired.push_back(std::move(a));
          }
          return out;
        },
        [&]() -> absl::StatusOr<ExpiryRun> {
          if (!round_id.empty() &&
              !storage::programme_repo::GetRound(tx, round_id))
            return programmes::RoundNotFound("round_id");
          ASSIGN_OR_RETURN(auto expired, ExpireOverdue(tx, ctx, round_id));
          std::vector<std::string> ids;
          for (const auto& a : expired) ids.push_back(a.id);
          ExpiryRun run{repo::InsertExpiryRun(tx, round_id, ids,
                                              ctx.caller.subject, ctx.now),
                        round_id, std::move(expired)};
          audit_.Record(
              tx, ctx,
              {"award_expiry_run", run.id,
               nlohmann::json{{"round_id", round_id}, {"award_ids", ids}}
                   .dump()});
          return run;
        });
  });
}

absl::StatusOr<std::vector<Award>> AwardService::ExpireDue(absl::Time now) {
  const RequestContext ctx{{"grantsd-expiry", Role::kOfficer, "", ""},
                           "ExpireOffers",
                           "",
                           "",
                           "grantsd",
                           now};
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) { return ExpireOverdue(tx, ctx, ""); });
}

absl::StatusOr<Award> AwardService::Get(const RequestContext& ctx,
                                        const std::string& id) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return LoadAwardInScope(tx, ctx, id, /*for_update=*/false);
  });
}

absl::StatusOr<Listed<Award>> AwardService::List(const RequestContext& ctx,
                                                 ListFilter filter,
                                                 const Page& page) {
  if (ctx.caller.role == Role::kGrantee)
    filter.organisation_id = ctx.caller.organisation_id;
  if (ctx.caller.role == Role::kFunder) filter.funder_id = ctx.caller.funder_id;
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Award>> {
        auto items =
            repo::List(tx, filter, page.limit, static_cast<int>(page.position));
        for (auto& a : items) a.shares = repo::GetShares(tx, a.id);
        std::string next = NextOffsetToken(page, items.size());
        return Listed<Award>{std::move(items), std::move(next)};
      });
}

absl::StatusOr<Award> AwardService::SetAttribution(
    const RequestContext& ctx, const std::string& id,
    const std::vector<Share>& shares) {
  return ChangeAward(
      ctx, id, [&](Tx& tx, const Award& before) -> absl::StatusOr<Award> {
        if (!Commits(before.state))
          return Refused("AWARD_NOT_LIVE", "id",
                         "only an offered, accepted or active award is "
                         "attributed");
        RETURN_IF_ERROR(CheckShares(before.amount_minor, before.currency,
                                    shares, FundersOf(tx, before.fund_id)));
        repo::ReplaceShares(tx, id, shares);
        Award after = before;
        after.explicit_attribution = true;
        return after;
      });
}

}  // namespace grants::awards
