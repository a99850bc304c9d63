// Assessment use cases: the reviewer's view, scoring, moderation and the
// ranking. A declared conflict is checked on every read and score, and
// conflicted reviewers' scores never count.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "services/assessment/assessment_errors.h"
#include "services/assessment/assessment_rules.h"
#include "services/assessment/assessment_service.h"
#include "services/organisations/interest_guard.h"
#include "services/programmes/programme_errors.h"
#include "storage/application_repository.h"
#include "storage/assessment_repository.h"
#include "storage/idempotency.h"
#include "storage/programme_repository.h"
#include "storage/transaction.h"

namespace grants::assessment {
namespace repo = storage::assessment_repo;
namespace apps = storage::application_repo;
namespace rounds = storage::programme_repo;
using storage::Tx;

namespace {

// A reviewer reaches an application only when assigned and not conflicted
// (the conflict first: it holds even for an assigned reviewer). Both
// refusals are PERMISSION_DENIED, which the request pipeline audits.
absl::Status CheckReviewerAccess(Tx& tx, const std::string& reviewer,
                                 const std::string& application_id) {
  if (repo::IsConflicted(tx, reviewer, application_id))
    return ConflictedReviewerRefused(application_id);
  if (!repo::IsAssigned(tx, application_id, reviewer))
    return NotAssigned(application_id);
  return absl::OkStatus();
}

nlohmann::json Values(const std::vector<Score>& sheet) {
  nlohmann::json out = nlohmann::json::object();
  for (const Score& s : sheet)
    out[s.criterion_code] = {{"value", s.value},
                             {"comment", audit::Words(s.comment)}};
  return out;
}

nlohmann::json Describe(const Score& s) {
  return {{"value", s.value},
          {"moderated_value", s.moderated_value ? nlohmann::json(*s.moderated_value)
                                                : nlohmann::json(nullptr)},
          {"moderation_reason", audit::Words(s.moderation_reason)},
          {"moderated_by", s.moderated_by}};
}

bool AnyModerated(const std::vector<Score>& sheet) {
  return std::any_of(sheet.begin(), sheet.end(),
                     [](const Score& s) { return s.moderated_value.has_value(); });
}

}  // namespace

absl::StatusOr<ReviewView> AssessmentService::GetForReview(
    const RequestContext& ctx, const std::string& application_id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<ReviewView> {
        auto app = apps::Get(tx, application_id);
        if (!app) return ApplicationNotFound("id");
        RETURN_IF_ERROR(
            CheckReviewerAccess(tx, ctx.caller.subject, application_id));
        ReviewView view;
        if (app->submission_version > 0) {
          app->submission =
              apps::GetSubmission(tx, application_id, app->submission_version);
          // Reviewers see what was submitted, never a later draft.
          if (app->submission) app->content = app->submission->content;
        }
        view.application = std::move(*app);
        auto rubric = repo::GetRubric(tx, view.application.round_id);
        view.rubric = rubric ? *rubric : Rubric{view.application.round_id};
        view.my_scores =
            repo::ScoreSheet(tx, application_id, ctx.caller.subject);
        return view;
      });
}

absl::StatusOr<ScoreSheet> AssessmentService::ScoreApplication(
    const RequestContext& ctx, const std::string& application_id,
    const std::vector<ScoreEntry>& entries) {
  const std::string& reviewer = ctx.caller.subject;
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<ScoreSheet>(
        tx, ctx,
        [&](const std::string& id) -> absl::StatusOr<ScoreSheet> {
          return ScoreSheet{id, reviewer, repo::ScoreSheet(tx, id, reviewer)};
        },
        [&]() -> absl::StatusOr<ScoreSheet> {
          auto app = apps::Get(tx, application_id);
          if (!app) return ApplicationNotFound("application_id");
          repo::LockReviewer(tx, reviewer);
          RETURN_IF_ERROR(CheckReviewerAccess(tx, reviewer, application_id));
          if (app->state != applications::State::kSubmitted)
            return ApplicationNotSubmitted();
          // Held until commit: the rubric cannot change under this score.
          if (!repo::LockRubricShared(tx, app->round_id)) return RubricNotSet();
          RETURN_IF_ERROR(
              CheckScoreSheet(repo::ListCriteria(tx, app->round_id), entries));
          std::vector<Score> before =
              repo::ScoreSheet(tx, application_id, reviewer);
          if (AnyModerated(before)) return ScoreModerated();
          for (const ScoreEntry& e : entries) {
            Score s;
            s.application_id = application_id;
            s.reviewer = reviewer;
            s.criterion_code = e.criterion_code;
            s.value = e.value;
            s.comment = e.comment;
            s.scored_at = ctx.now;
            repo::UpsertScore(tx, s, app->round_id);
          }
          ScoreSheet after{application_id, reviewer,
                           repo::ScoreSheet(tx, application_id, reviewer)};
          audit_.Record(tx, ctx,
                        {"score_sheet", application_id,
                         nlohmann::json{{"reviewer", reviewer},
                                        {"before", Values(before)},
                                        {"after", Values(after.scores)}}
                             .dump()});
          return after;
        });
  });
}

absl::StatusOr<std::vector<Score>> AssessmentService::ListScores(
    const RequestContext& ctx, const std::string& application_id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<Score>> {
        if (!apps::Get(tx, application_id))
          return ApplicationNotFound("application_id");
        RETURN_IF_ERROR(organisations::CheckNoInterestInApplication(tx, ctx, application_id,
                                                     "application_id"));
        return repo::ListScores(tx, application_id);
      });
}

absl::StatusOr<Score> AssessmentService::Moderate(const RequestContext& ctx,
                                                  const Moderation& m) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Score>(
        tx, ctx,
        [&](const std::string& id) -> absl::StatusOr<Score> {
          auto s = repo::GetScore(tx, id);
          if (!s) return ScoreNotFound();
          return *s;
        },
        [&]() -> absl::StatusOr<Score> {
          auto app = apps::Get(tx, m.application_id);
          if (!app) return ApplicationNotFound("application_id");
          RETURN_IF_ERROR(organisations::CheckNoInterestInApplication(tx, ctx, app->id,
                                                       "application_id"));
          auto before = repo::GetScoreForUpdate(tx, m.application_id,
                                                m.reviewer, m.criterion_code);
          if (!before) return ScoreNotFound();
          auto criteria = repo::ListCriteria(tx, app->round_id);
          auto c = std::find_if(criteria.begin(), criteria.end(),
                                [&](const Criterion& k) {
                                  return k.code == m.criterion_code;
                                });
          if (c == criteria.end()) return ScoreNotFound();
          RETURN_IF_ERROR(CheckModeratedValue(*c, m.value));
          Score after = *before;
          after.moderated_value = m.value;
          after.moderation_reason = m.reason;
          after.moderated_by = ctx.caller.subject;
          after.moderated_at = ctx.now;
          repo::Moderate(tx, after);
          audit_.Record(tx, ctx,
                        {"score", before->id,
                         nlohmann::json{{"application_id", m.application_id},
                                        {"reviewer", m.reviewer},
                                        {"criterion_code", m.criterion_code},
                                        {"before", Describe(*before)},
                                        {"after", Describe(after)}}
                             .dump()});
          return *repo::GetScore(tx, before->id);
        });
  });
}

absl::StatusOr<std::vector<RankingEntry>> AssessmentService::Ranking(
    const RequestContext& ctx, const std::string& round_id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<RankingEntry>> {
        if (!rounds::GetRound(tx, round_id))
          return programmes::RoundNotFound("round_id");
        RETURN_IF_ERROR(organisations::CheckNoInterestInRound(tx, ctx, round_id,
                                                              "round_id"));
        std::vector<Criterion> criteria = repo::ListCriteria(tx, round_id);
        if (criteria.empty()) return RubricNotSet();
        repo::RankingData data = repo::LoadRanking(tx, round_id);
        return Rank(criteria, std::move(data.applications), data.scores);
      });
}

}  // namespace grants::assessment
