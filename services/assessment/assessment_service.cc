// Assessment use cases: rubrics, assignments and conflict declarations
// (scoring, moderation and the ranking are in assessment_scoring.cc).
#include "services/assessment/assessment_service.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "services/assessment/assessment_errors.h"
#include "services/assessment/assessment_rules.h"
#include "services/organisations/organisation_errors.h"
#include "services/programmes/programme_errors.h"
#include "storage/application_repository.h"
#include "storage/assessment_repository.h"
#include "storage/idempotency.h"
#include "storage/organisation_repository.h"
#include "storage/programme_repository.h"
#include "storage/transaction.h"

namespace grants::assessment {
namespace repo = storage::assessment_repo;
namespace apps = storage::application_repo;
namespace rounds = storage::programme_repo;
using storage::Tx;

namespace {

nlohmann::json Describe(const std::vector<Criterion>& criteria) {
  auto out = nlohmann::json::array();
  for (const Criterion& c : criteria)
    out.push_back({{"code", c.code},
                   {"title", c.title},
                   {"weight", c.weight},
                   {"min_score", c.min_score},
                   {"max_score", c.max_score},
                   {"comment_required", c.comment_required}});
  return out;
}

absl::StatusOr<Rubric> LoadRubric(Tx& tx, const std::string& round_id) {
  auto rubric = repo::GetRubric(tx, round_id);
  if (!rubric) return RubricNotSet();
  return *rubric;
}

// The reviewers once each, sorted: locks are then always taken in the same
// order, so two assignments cannot deadlock on them.
std::vector<std::string> SortedUnique(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return items;
}

}  // namespace

absl::StatusOr<Rubric> AssessmentService::SetRubric(
    const RequestContext& ctx, const std::string& round_id,
    const std::vector<Criterion>& criteria) {
  RETURN_IF_ERROR(CheckRubric(criteria));
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Rubric>(
        tx, ctx, [&](const std::string& id) { return LoadRubric(tx, id); },
        [&]() -> absl::StatusOr<Rubric> {
          auto round = rounds::GetRound(tx, round_id, rounds::Lock::kUpdate);
          if (!round) return programmes::RoundNotFound("round_id");
          RETURN_IF_ERROR(CheckRubricEditable(round->round.state));
          // Locks the rubric row: a concurrent first score waits for this
          // change, or this change sees that score.
          repo::LockRubricForChange(tx, round_id, ctx.caller.subject, ctx.now);
          if (repo::RoundHasScores(tx, round_id)) return RubricInUse();
          std::vector<Criterion> before = repo::ListCriteria(tx, round_id);
          repo::ReplaceCriteria(tx, round_id, criteria);
          audit_.Record(tx, ctx,
                        {"rubric", round_id,
                         nlohmann::json{{"before", Describe(before)},
                                        {"after", Describe(criteria)}}
                             .dump()});
          return LoadRubric(tx, round_id);
        });
  });
}

absl::StatusOr<Rubric> AssessmentService::GetRubric(const std::string& round_id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) { return LoadRubric(tx, round_id); });
}

absl::StatusOr<Assignments> AssessmentService::Assign(
    const RequestContext& ctx, const std::string& application_id,
    const std::vector<std::string>& reviewers) {
  auto assigned = storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Assignments>(
        tx, ctx,
        [&](const std::string& id) -> absl::StatusOr<Assignments> {
          return Assignments{id, repo::ListAssignments(tx, id)};
        },
        [&]() -> absl::StatusOr<Assignments> {
          auto app = apps::Get(tx, application_id);
          if (!app) return ApplicationNotFound("application_id");
          if (app->state != applications::State::kSubmitted)
            return ApplicationNotSubmitted();
          for (const std::string& r : SortedUnique(reviewers))
            repo::LockReviewer(tx, r);
          for (size_t i = 0; i < reviewers.size(); ++i)
            if (repo::IsConflicted(tx, reviewers[i], application_id))
              return ReviewerConflicted(fmt::format("reviewers[{}]", i));
          auto added = nlohmann::json::array();
          for (const std::string& r : SortedUnique(reviewers))
            if (repo::InsertAssignment(
                    tx, {application_id, app->round_id, app->reference, r,
                         ctx.caller.subject, ctx.now, false}))
              added.push_back(r);
          audit_.Record(tx, ctx,
                        {"assignment", application_id,
                         nlohmann::json{{"added", added},
                                        {"reviewers", SortedUnique(reviewers)}}
                             .dump()});
          return Assignments{application_id,
                             repo::ListAssignments(tx, application_id)};
        });
  });
  if (ReasonOf(assigned.status()) == "REVIEWER_CONFLICTED")
    audit_.RecordRefusal(pool_, ctx, application_id, assigned.status());
  return assigned;
}

absl::StatusOr<std::vector<Assignment>> AssessmentService::ListMyAssignments(
    const RequestContext& ctx, const std::string& round_id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<Assignment>> {
        return repo::ListMyAssignments(tx, ctx.caller.subject, round_id);
      });
}

absl::StatusOr<std::vector<Conflict>> AssessmentService::ListConflicts(
    const RequestContext& ctx, const std::string& person) {
  std::string whose = person.empty() ? ctx.caller.subject : person;
  if (whose != ctx.caller.subject && ctx.caller.role != Role::kOfficer &&
      ctx.caller.role != Role::kAuditor)
    return MakeError(absl::StatusCode::kPermissionDenied, "CONFLICTS_NOT_YOURS",
                     "a reviewer lists only their own declarations",
                     {{"person", "CONFLICTS_NOT_YOURS", "not the caller"}});
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<Conflict>> {
        return repo::ListConflicts(tx, whose);
      });
}

absl::StatusOr<Conflict> AssessmentService::DeclareConflict(
    const RequestContext& ctx, const Conflict& c) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Conflict>(
        tx, ctx,
        [&](const std::string& id) -> absl::StatusOr<Conflict> {
          Conflict saved = *repo::GetConflict(tx, id);
          saved.excluded_application_ids =
              repo::ScoredApplicationsCovered(tx, saved);
          return saved;
        },
        [&]() -> absl::StatusOr<Conflict> {
          if (!c.organisation_id.empty() &&
              !storage::organisation_repo::Get(tx, c.organisation_id))
            return organisations::OrganisationNotFound("organisation_id");
          if (!c.application_id.empty() && !apps::Get(tx, c.application_id))
            return ApplicationNotFound("application_id");
          Conflict declared = c;
          declared.reviewer = ctx.caller.subject;
          declared.declared_at = ctx.now;
          repo::LockReviewer(tx, declared.reviewer);
          Conflict saved = repo::InsertConflict(tx, declared);
          saved.excluded_application_ids =
              repo::ScoredApplicationsCovered(tx, saved);
          audit_.Record(
              tx, ctx,
              {"conflict", saved.id,
               nlohmann::json{
                   {"after",
                    {{"reviewer", saved.reviewer},
                     {"organisation_id", saved.organisation_id},
                     {"application_id", saved.application_id},
                     {"note", audit::Words(saved.note)}}},
                   {"excluded_application_ids",
                    saved.excluded_application_ids}}
                   .dump()});
          return saved;
        });
  });
}

}  // namespace grants::assessment
