// The microgrant fast path (#18 item 2): one officer approves and offers at
// once what one reviewer scored at or above the round's mark, at or under
// its microgrant threshold; accepting the offer schedules its single
// payment, requested already, so one authorisation releases it.
#include <nlohmann/json.hpp>

#include "services/awards/award_errors.h"
#include "services/awards/award_rules.h"
#include "services/awards/award_service.h"
#include "services/awards/decision_service.h"
#include "services/awards/fast_path_rules.h"
#include "services/organisations/interest_guard.h"
#include "services/organisations/on_behalf.h"
#include "services/payments/payment_service.h"
#include "storage/application_repository.h"
#include "storage/assessment_repository.h"
#include "storage/award_repository.h"
#include "storage/decision_repository.h"
#include "storage/idempotency.h"
#include "storage/notification_repository.h"
#include "storage/payment_repository.h"
#include "storage/programme_repository.h"

namespace grants::awards {
namespace apps = storage::application_repo;
namespace decisions = storage::decision_repo;
using applications::Application;
using storage::Tx;

namespace {

// The reviewer whose complete score meets the round's mark, after every
// check of the application, the round's policy and the amount.
absl::StatusOr<std::string> QualifyingReviewer(Tx& tx,
                                               const RequestContext& ctx,
                                               const Application& app,
                                               const programmes::Round& round,
                                               const RoundSettings& settings,
                                               const FastPathCommand& cmd) {
  RETURN_IF_ERROR(CheckDecidable(app));
  RETURN_IF_ERROR(CheckRecommendation(
      round.spec,
      {app.id, Outcome::kApprove, cmd.currency, cmd.amount_minor, ""}));
  RETURN_IF_ERROR(CheckFastPath(settings, round.state, cmd.amount_minor));
  std::optional<std::string> reviewer =
      ReviewerMeetingMark(storage::assessment_repo::ListCriteria(tx, round.id),
                          storage::assessment_repo::ListScores(tx, app.id),
                          settings.fast_path_mark_percent, ctx.caller.subject);
  if (!reviewer) return MarkNotMet(settings.fast_path_mark_percent);
  return *reviewer;
}

}  // namespace

absl::StatusOr<Award> AwardService::ApproveFastPath(
    const RequestContext& ctx, const FastPathCommand& cmd) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Award>(
        tx, ctx,
        [&](const std::string& prior) {
          return LoadAwardInScope(tx, ctx, prior, false);
        },
        [&]() -> absl::StatusOr<Award> {
          // Locks the application: a resubmission or another decision waits.
          auto app = apps::Get(tx, cmd.application_id, /*for_update=*/true);
          if (!app) return ApplicationNotFound();
          RETURN_IF_ERROR(organisations::CheckNoInterestInApplication(
              tx, ctx, app->id, "application_id"));
          // The one officer deciding did not also act for the group.
          RETURN_IF_ERROR(organisations::CheckNotActedOnBehalf(
              tx, ctx, app->id, "application_id"));
          auto round = storage::programme_repo::GetRound(tx, app->round_id);
          auto settings = decisions::GetSettings(tx, app->round_id);
          if (!round || !settings) return Internal("application without round");
          ASSIGN_OR_RETURN(
              std::string reviewer,
              QualifyingReviewer(tx, ctx, *app, round->round, *settings, cmd));
          if (storage::award_repo::HasLiveAward(tx, app->id))
            return Refused("AWARD_EXISTS", "application_id",
                           "the application already has a live award");
          // The reviewer's score stands as the recommendation (four eyes:
          // reviewer and officer), the officer's approval as the decision.
          Recommendation r{.application_id = app->id,
                           .outcome = Outcome::kApprove,
                           .amount_minor = cmd.amount_minor,
                           .reason = "fast path: scored at or above the mark",
                           .submission_version = app->submission_version,
                           .recommended_by = reviewer,
                           .recommender_role = "reviewer",
                           .recommended_at = ctx.now};
          r = decisions::InsertRecommendation(tx, r);
          decisions::InsertDecision(tx, app->id, r,
                                    {Outcome::kApprove, cmd.amount_minor,
                                     cmd.comment, ctx.caller.subject, ctx.now});
          Application after = *app;
          after.state = applications::State::kApproved;
          after = apps::Update(tx, after, ctx.now);
          storage::award_repo::EnsureCommitment(tx, app->round_id);
          audit_.Record(tx, ctx,
                        {"decision", app->id,
                         nlohmann::json{
                             {"outcome", "approve"},
                             {"path", "fast"},
                             {"approved_minor", cmd.amount_minor},
                             {"recommendation_id", r.id},
                             {"recommended_by", reviewer},
                             {"mark_percent", settings->fast_path_mark_percent},
                             {"state_after", StateName(after.state)}}
                             .dump()});
          storage::notification_repo::Enqueue(
              tx, "decision:" + app->id, "application_approved",
              app->organisation_id,
              nlohmann::json{{"application_id", app->id},
                             {"reference", app->reference}}
                  .dump(),
              ctx.now);
          return InsertOffer(
              tx, ctx,
              Award{.application_id = app->id,
                    .round_id = app->round_id,
                    .organisation_id = app->organisation_id,
                    .fund_id = round->fund_id,
                    .currency = cmd.currency,
                    .amount_minor = cmd.amount_minor,
                    .conditions = settings->standard_conditions,
                    .expires_at = ctx.now + absl::Hours(24) *
                                                settings->offer_validity_days,
                    .offered_by = ctx.caller.subject,
                    .offered_at = ctx.now,
                    .fast_path = true,
                    .condition_translations =
                        settings->standard_condition_translations});
        });
  });
}

void AwardService::SchedulePaymentOnAcceptance(Tx& tx,
                                               const RequestContext& ctx,
                                               const Award& award) const {
  payments::Payment p{.award_id = award.id,
                      .instalment = 1,
                      .currency = award.currency,
                      .amount_minor = award.amount_minor,
                      .due = payments::DueKind::kOnAcceptance};
  p.id = storage::payment_repo::Insert(tx, p, award.offered_by, ctx.now);
  // The approval was the request: the officer who approved it asked for
  // this payment, so the authoriser must be someone else (payments_four_eyes).
  p.state = payments::PaymentState::kRequested;
  p.requested_by = award.offered_by;
  p.requested_at = ctx.now;
  storage::payment_repo::Update(tx, p, ctx.now);
  audit_.Record(
      tx, ctx,
      {"payment", p.id,
       nlohmann::json{
           {"after", nlohmann::json::parse(payments::DescribePayment(p))},
           {"note",
            "fast path: scheduled and requested "
            "on acceptance"}}
           .dump()});
}

}  // namespace grants::awards
