// Assessment: proto <-> domain, with field validation.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/assessment.h"
#include "grants/v1/assessment.pb.h"
#include "services/assessment/assessment_service.h"

namespace grants::assessment {

// The criteria as given; CheckRubric judges them.
std::vector<Criterion> ToCriteria(const v1::SetRubricRequest& r);
// 1-20 reviewer subjects of 1-128 characters (reviewers[i]).
absl::StatusOr<std::vector<std::string>> ToReviewers(
    const v1::AssignReviewersRequest& r);
// Exactly one target (CONFLICT_TARGET_REQUIRED) and a note of 1-500
// characters.
absl::StatusOr<Conflict> ToConflict(const v1::DeclareConflictRequest& r);
// The entries as given; CheckScoreSheet judges them against the rubric.
absl::StatusOr<std::vector<ScoreEntry>> ToEntries(
    const v1::ScoreApplicationRequest& r);
absl::StatusOr<AssessmentService::Moderation> ToModeration(
    const v1::ModerateScoreRequest& r);

void ToProto(const Rubric& r, v1::Rubric* out);
void ToProto(const Assignment& a, v1::Assignment* out);
void ToProto(const Conflict& c, v1::ConflictDeclaration* out);
void ToProto(const Score& s, v1::Score* out);
void ToProto(const ScoreSheet& s, v1::ScoreSheet* out);
void ToProto(const RankingEntry& e, v1::RankingEntry* out);
void ToProto(const ReviewView& v, v1::ApplicationForReview* out);

}  // namespace grants::assessment
