// The assessment area's error catalog.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace grants::assessment {

inline absl::Status ApplicationNotFound(const std::string& field) {
  return MakeError(absl::StatusCode::kNotFound, "APPLICATION_NOT_FOUND",
                   "application not found",
                   {{field, "APPLICATION_NOT_FOUND", "no such application"}});
}

inline absl::Status RubricNotEditable() {
  return MakeError(absl::StatusCode::kFailedPrecondition,
                   "RUBRIC_NOT_EDITABLE",
                   "a rubric can be set only while the round is draft or "
                   "open");
}

inline absl::Status RubricInUse() {
  return MakeError(absl::StatusCode::kFailedPrecondition, "RUBRIC_IN_USE",
                   "applications of this round have been scored; the rubric "
                   "can no longer change");
}

inline absl::Status RubricNotSet() {
  return MakeError(absl::StatusCode::kFailedPrecondition, "RUBRIC_NOT_SET",
                   "the round has no rubric yet");
}

inline absl::Status ApplicationNotSubmitted() {
  return MakeError(absl::StatusCode::kFailedPrecondition,
                   "APPLICATION_NOT_SUBMITTED",
                   "only a submitted application can be assigned or scored",
                   {{"application_id", "APPLICATION_NOT_SUBMITTED",
                     "the application is not submitted"}});
}

// An officer tried to assign a reviewer who declared a conflict.
inline absl::Status ReviewerConflicted(const std::string& field) {
  return MakeError(absl::StatusCode::kFailedPrecondition,
                   "REVIEWER_CONFLICTED",
                   field + ": the reviewer declared a conflict of interest "
                           "with this application or its organisation",
                   {{field, "REVIEWER_CONFLICTED",
                     "declared a conflict of interest"}});
}

// A conflicted reviewer tried to read or score the application.
inline absl::Status ConflictedReviewerRefused(const std::string& application_id) {
  return MakeError(absl::StatusCode::kPermissionDenied, "REVIEWER_CONFLICTED",
                   "you declared a conflict of interest with application " +
                       application_id);
}

inline absl::Status NotAssigned(const std::string& application_id) {
  return MakeError(absl::StatusCode::kPermissionDenied, "NOT_ASSIGNED",
                   "you are not assigned to review application " +
                       application_id);
}

inline absl::Status ScoreModerated() {
  return MakeError(absl::StatusCode::kFailedPrecondition, "SCORE_MODERATED",
                   "an officer has moderated these scores; they can no "
                   "longer be replaced");
}

inline absl::Status ScoreNotFound() {
  return MakeError(absl::StatusCode::kNotFound, "SCORE_NOT_FOUND",
                   "no such score",
                   {{"criterion_code", "SCORE_NOT_FOUND",
                     "the reviewer has not scored this criterion"}});
}

inline absl::Status ConflictTargetRequired() {
  return MakeError(absl::StatusCode::kInvalidArgument,
                   "CONFLICT_TARGET_REQUIRED",
                   "give exactly one of organisation_id and application_id",
                   {{"organisation_id", "CONFLICT_TARGET_REQUIRED",
                     "give exactly one of organisation_id and "
                     "application_id"}});
}

}  // namespace grants::assessment
