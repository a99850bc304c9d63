// Assessment use cases: rubrics, reviewer assignments, conflict
// declarations (enforced on every read, score and aggregate), scoring,
// moderation and the ranking. Each mutation is one transaction with its
// idempotency key and audit event.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/applications.h"
#include "domain/assessment.h"
#include "services/audit/audit_recorder.h"
#include "common/caller.h"
#include "storage/pool.h"

namespace grants::assessment {

// What a reviewer sees of an assigned application.
struct ReviewView {
  applications::Application application;  // content as submitted
  Rubric rubric;                          // no criteria when not set
  std::vector<Score> my_scores;
};

class AssessmentService {
 public:
  AssessmentService(storage::ConnectionPool& pool, const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // Replaces the round's rubric. Errors: see CheckRubric, ROUND_NOT_FOUND,
  // RUBRIC_NOT_EDITABLE, RUBRIC_IN_USE.
  absl::StatusOr<Rubric> SetRubric(const RequestContext& ctx,
                                   const std::string& round_id,
                                   const std::vector<Criterion>& criteria);
  // Errors: RUBRIC_NOT_SET.
  absl::StatusOr<Rubric> GetRubric(const std::string& round_id);

  // Assigns `reviewers` (subjects) to a submitted application. Errors:
  // APPLICATION_NOT_FOUND, APPLICATION_NOT_SUBMITTED, REVIEWER_CONFLICTED
  // (audited in a transaction of its own).
  absl::StatusOr<Assignments> Assign(const RequestContext& ctx,
                                     const std::string& application_id,
                                     const std::vector<std::string>& reviewers);
  // The caller's assignments, without conflicted ones; `round_id` may be "".
  absl::StatusOr<std::vector<Assignment>> ListMyAssignments(
      const RequestContext& ctx, const std::string& round_id);
  // Records the caller's interest (c.organisation_id or c.application_id,
  // and c.note). Errors: ORGANISATION_NOT_FOUND, APPLICATION_NOT_FOUND.
  // `person`'s declarations ("" or the caller: the caller's own). Only
  // officers and auditors read another's (PERMISSION_DENIED
  // CONFLICTS_NOT_YOURS otherwise).
  absl::StatusOr<std::vector<Conflict>> ListConflicts(
      const RequestContext& ctx, const std::string& person);
  absl::StatusOr<Conflict> DeclareConflict(const RequestContext& ctx,
                                           const Conflict& c);

  // Errors: APPLICATION_NOT_FOUND, PERMISSION_DENIED REVIEWER_CONFLICTED,
  // NOT_ASSIGNED.
  absl::StatusOr<ReviewView> GetForReview(const RequestContext& ctx,
                                          const std::string& application_id);
  // Scores (or re-scores) the caller's sheet. Errors: as GetForReview,
  // APPLICATION_NOT_SUBMITTED, RUBRIC_NOT_SET, SCORE_MODERATED, and see
  // CheckScoreSheet.
  absl::StatusOr<ScoreSheet> ScoreApplication(
      const RequestContext& ctx, const std::string& application_id,
      const std::vector<ScoreEntry>& entries);
  // Errors: APPLICATION_NOT_FOUND.
  absl::StatusOr<std::vector<Score>> ListScores(
      const RequestContext& ctx, const std::string& application_id);
  // Sets the moderated value of one score with a reason. Errors:
  // SCORE_NOT_FOUND, SCORE_OUT_OF_RANGE.
  struct Moderation {
    std::string application_id, reviewer, criterion_code, reason;
    int value = 0;
  };
  absl::StatusOr<Score> Moderate(const RequestContext& ctx,
                                 const Moderation& m);
  // Errors: ROUND_NOT_FOUND, RUBRIC_NOT_SET.
  absl::StatusOr<std::vector<RankingEntry>> Ranking(const RequestContext& ctx,
                                                    const std::string& round_id);

 private:
  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::assessment
