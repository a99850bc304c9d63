// Decision use cases.
#include "services/awards/decision_service.h"

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "services/assessment/assessment_errors.h"
#include "services/awards/award_errors.h"
#include "services/awards/award_rules.h"
#include "services/organisations/interest_guard.h"
#include "services/organisations/on_behalf.h"
#include "services/programmes/programme_errors.h"
#include "storage/application_repository.h"
#include "storage/assessment_repository.h"
#include "storage/award_repository.h"
#include "storage/decision_repository.h"
#include "storage/idempotency.h"
#include "storage/notification_repository.h"
#include "storage/programme_repository.h"

namespace grants::awards {
namespace apps = storage::application_repo;
namespace repo = storage::decision_repo;
using applications::Application;
using storage::Tx;

namespace {

// What a recommendation or decision acts on: the application (locked, so
// a resubmission or another decision waits), its round and settings.
struct Subject {
  Application app;
  programmes::Round round;
  RoundSettings settings;
};

absl::StatusOr<Subject> LoadSubject(Tx& tx, const std::string& application_id) {
  auto app = apps::Get(tx, application_id, /*for_update=*/true);
  if (!app) return ApplicationNotFound();
  auto round = storage::programme_repo::GetRound(tx, app->round_id);
  auto settings = repo::GetSettings(tx, app->round_id);
  if (!round || !settings) return Internal("application without its round");
  return Subject{*app, round->round, *settings};
}

auto ReplayDecision(Tx& tx) {
  return [&tx](const std::string& application_id) -> absl::StatusOr<Decision> {
    auto app = apps::Get(tx, application_id);
    auto round = app ? storage::programme_repo::GetRound(tx, app->round_id)
                     : std::nullopt;
    if (!app || !round) return ApplicationNotFound();
    return LoadDecision(tx, *app, round->round.spec.currency);
  };
}

nlohmann::json Describe(const RoundSettings& s) {
  return {{"microgrant_threshold_minor", s.microgrant_threshold_minor},
          {"offer_validity_days", s.offer_validity_days},
          {"fast_path", s.fast_path},
          {"fast_path_mark_percent", s.fast_path_mark_percent},
          {"standard_conditions", s.standard_conditions}};
}

}  // namespace

Decision LoadDecision(Tx& tx, const Application& a,
                      const std::string& currency) {
  Decision d;
  d.id = a.id;
  d.round_id = a.round_id;
  d.organisation_id = a.organisation_id;
  d.currency = currency;
  d.current_submission_version = a.submission_version;
  d.recommendation = repo::LatestRecommendation(tx, a.id);
  if (auto decided = repo::GetDecided(tx, a.id)) {
    d.decided = true;
    d.outcome = decided->outcome;
    d.approved_minor = decided->approved_minor;
    d.comment = decided->comment;
    d.decided_by = decided->decided_by;
    d.decided_at = decided->decided_at;
  }
  return d;
}

absl::StatusOr<RoundSettings> DecisionService::SetSettings(
    const RequestContext& ctx, const RoundSettings& s) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<RoundSettings>(
        tx, ctx,
        [&](const std::string& round_id) -> absl::StatusOr<RoundSettings> {
          return *repo::GetSettings(tx, round_id);
        },
        [&]() -> absl::StatusOr<RoundSettings> {
          auto before = repo::GetSettings(tx, s.id);
          if (!before) return programmes::RoundNotFound("round_id");
          if (s.currency != before->currency)
            return InvalidField("microgrant_threshold.currency_code",
                                "CURRENCY_MISMATCH",
                                "must be in the round's currency");
          repo::UpsertSettings(tx, s, ctx.caller.subject, ctx.now);
          RoundSettings after = *repo::GetSettings(tx, s.id);
          audit_.Record(tx, ctx,
                        {"round_award_settings", s.id,
                         nlohmann::json{{"before", Describe(*before)},
                                        {"after", Describe(after)}}
                             .dump()});
          return after;
        });
  });
}

absl::StatusOr<RoundSettings> DecisionService::GetSettings(
    const RequestContext& ctx, const std::string& round_id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<RoundSettings> {
        auto s = repo::GetSettings(tx, round_id);
        if (!s) return programmes::RoundNotFound("round_id");
        RETURN_IF_ERROR(organisations::CheckNoInterestInRound(tx, ctx, round_id,
                                                              "round_id"));
        return *s;
      });
}

absl::StatusOr<Decision> DecisionService::Recommend(
    const RequestContext& ctx, const RecommendCommand& cmd) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Decision>(
        tx, ctx, ReplayDecision(tx), [&]() -> absl::StatusOr<Decision> {
          ASSIGN_OR_RETURN(Subject s, LoadSubject(tx, cmd.application_id));
          RETURN_IF_ERROR(organisations::CheckNoInterestInApplication(
              tx, ctx, s.app.id, "application_id"));
          RETURN_IF_ERROR(organisations::CheckNotActedOnBehalf(
              tx, ctx, s.app.id, "application_id"));
          // A reviewer recommends only what they were assigned to review.
          if (ctx.caller.role == Role::kReviewer &&
              !storage::assessment_repo::IsAssigned(tx, s.app.id,
                                                   ctx.caller.subject))
            return assessment::NotAssigned(s.app.id);
          RETURN_IF_ERROR(CheckDecidable(s.app));
          RETURN_IF_ERROR(CheckRoundAssessable(s.round.state));
          RETURN_IF_ERROR(CheckRecommendation(s.round.spec, cmd));
          Recommendation r;
          r.application_id = s.app.id;
          r.outcome = cmd.outcome;
          // A decline puts the amount requested at stake.
          r.amount_minor = cmd.outcome == Outcome::kApprove
                               ? cmd.amount_minor
                               : s.app.content.amount_requested().minor_units();
          r.reason = cmd.reason;
          r.submission_version = s.app.submission_version;
          r.recommended_by = ctx.caller.subject;
          r.recommender_role = std::string(RoleName(ctx.caller.role));
          r.recommended_at = ctx.now;
          RETURN_IF_ERROR(
              CheckRecommender(s.settings, r.recommender_role, r.amount_minor));
          r = repo::InsertRecommendation(tx, r);
          audit_.Record(
              tx, ctx,
              {"recommendation", r.id,
               nlohmann::json{{"application_id", r.application_id},
                              {"outcome", repo::OutcomeName(r.outcome)},
                              {"amount_minor", r.amount_minor},
                              {"submission_version", r.submission_version}}
                   .dump()});
          return LoadDecision(tx, s.app, s.round.spec.currency);
        });
  });
}

absl::StatusOr<Decision> DecisionService::Decide(const RequestContext& ctx,
                                                 const DecideCommand& cmd) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Decision>(
        tx, ctx, ReplayDecision(tx), [&]() -> absl::StatusOr<Decision> {
          ASSIGN_OR_RETURN(Subject s, LoadSubject(tx, cmd.application_id));
          if (!cmd.round_id.empty() && s.app.round_id != cmd.round_id)
            return InvalidField("application_ids", "APPLICATION_NOT_IN_ROUND",
                                "the application is not in this round");
          RETURN_IF_ERROR(organisations::CheckNoInterestInApplication(
              tx, ctx, s.app.id, "application_id"));
          RETURN_IF_ERROR(organisations::CheckNotActedOnBehalf(
              tx, ctx, s.app.id, "application_id"));
          const std::string& currency = s.round.spec.currency;
          Decision d = LoadDecision(tx, s.app, currency);
          RETURN_IF_ERROR(CheckDecision(d, s.settings, ctx.caller.subject,
                                        cmd.outcome));
          RETURN_IF_ERROR(CheckDecidable(s.app));
          RETURN_IF_ERROR(CheckRoundClosed(s.round.state));
          bool approve = cmd.outcome == Outcome::kApprove;
          repo::Decided decided{cmd.outcome,
                                approve ? d.recommendation->amount_minor : 0,
                                cmd.comment, ctx.caller.subject, ctx.now};
          repo::InsertDecision(tx, s.app.id, *d.recommendation, decided);
          Application after = s.app;
          after.state = approve ? applications::State::kApproved
                                : applications::State::kDeclined;
          after = apps::Update(tx, after, ctx.now);
          // Offers then find the round's commitment row in place.
          if (approve) storage::award_repo::EnsureCommitment(tx, s.round.id);
          audit_.Record(
              tx, ctx,
              {"decision", s.app.id,
               nlohmann::json{{"outcome", repo::OutcomeName(cmd.outcome)},
                              {"approved_minor", decided.approved_minor},
                              {"recommendation_id", d.recommendation->id},
                              {"recommended_by", d.recommendation->recommended_by},
                              {"state_after", StateName(after.state)}}
                   .dump()});
          // The grantee hears the decision through the outbox, in this
          // transaction: a decline with its reason (the decision's comment,
          // else the recommendation's reason).
          nlohmann::json params{{"application_id", s.app.id},
                                {"reference", s.app.reference}};
          if (!approve)
            params["reason"] =
                cmd.comment.empty() ? d.recommendation->reason : cmd.comment;
          storage::notification_repo::Enqueue(
              tx, "decision:" + s.app.id,
              approve ? "application_approved" : "application_declined",
              s.app.organisation_id, params.dump(), ctx.now);
          return LoadDecision(tx, after, currency);
        });
  });
}

std::vector<std::pair<std::string, absl::StatusOr<Decision>>>
DecisionService::DecideMany(const RequestContext& ctx,
                            const std::string& round_id,
                            const std::vector<std::string>& application_ids,
                            Outcome outcome, const std::string& comment) {
  std::vector<std::pair<std::string, absl::StatusOr<Decision>>> out;
  for (const auto& id : application_ids) {
    // Each application is its own idempotent change: a retry of the whole
    // request replays the decided ones and retries the refused ones.
    RequestContext one = ctx;
    one.request_id = ctx.request_id + "/" + id;
    one.payload_hash = Sha256(ctx.payload_hash + id);
    out.emplace_back(id, Decide(one, {id, outcome, comment, round_id}));
    // The call as a whole succeeds, so the pipeline does not see this
    // refusal: it is written here, naming the application.
    const absl::Status& refused = out.back().second.status();
    if (refused.code() == absl::StatusCode::kPermissionDenied)
      audit_.RecordRefusal(pool_, one, id, refused);
  }
  return out;
}

absl::StatusOr<Decision> DecisionService::Get(
    const RequestContext& ctx, const std::string& application_id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Decision> {
        ASSIGN_OR_RETURN(Decision d, ReplayDecision(tx)(application_id));
        RETURN_IF_ERROR(organisations::CheckNoInterestInApplication(
            tx, ctx, application_id, "application_id"));
        return d;
      });
}

}  // namespace grants::awards
