// The applications area's error catalog.
#pragma once

#include "common/status.h"

namespace grants::applications {

inline absl::Status ApplicationNotFound() {
  return MakeError(absl::StatusCode::kNotFound, "APPLICATION_NOT_FOUND",
                   "application not found",
                   {{"id", "APPLICATION_NOT_FOUND", "no such application"}});
}

inline absl::Status NotEditable() {
  return MakeError(absl::StatusCode::kFailedPrecondition,
                   "APPLICATION_NOT_EDITABLE",
                   "only a draft or returned application can be changed or "
                   "submitted");
}

inline absl::Status AlreadyReturnedOnce() {
  return MakeError(absl::StatusCode::kFailedPrecondition,
                   "ALREADY_RETURNED_ONCE",
                   "an application can be returned for changes only once");
}

inline absl::Status NotSubmitted() {
  return MakeError(absl::StatusCode::kFailedPrecondition, "NOT_SUBMITTED",
                   "only a submitted application can be returned");
}

inline absl::Status AlreadyWithdrawn() {
  return MakeError(absl::StatusCode::kFailedPrecondition, "ALREADY_WITHDRAWN",
                   "the application was withdrawn");
}

inline absl::Status AlreadyDecided() {
  return MakeError(absl::StatusCode::kFailedPrecondition, "ALREADY_DECIDED",
                   "the application has been decided");
}

inline absl::Status OrganisationNotRegistered() {
  return MakeError(absl::StatusCode::kFailedPrecondition,
                   "ORGANISATION_NOT_REGISTERED",
                   "register the organisation before applying");
}

inline absl::Status ExtensionNotLater() {
  return MakeError(absl::StatusCode::kInvalidArgument, "EXTENSION_NOT_LATER",
                   "closes_local: must be after the round's own deadline",
                   {{"closes_local", "EXTENSION_NOT_LATER",
                     "must be after the round's own deadline"}});
}

}  // namespace grants::applications
