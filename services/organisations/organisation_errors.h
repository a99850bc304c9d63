// The organisations area's error catalog.
#pragma once

#include "common/status.h"

namespace grants::organisations {

inline absl::Status OrganisationNotFound(std::string_view field = "id") {
  return MakeError(absl::StatusCode::kNotFound, "ORGANISATION_NOT_FOUND",
                   "organisation not found",
                   {{std::string(field), "ORGANISATION_NOT_FOUND",
                     "no such organisation"}});
}

// A grantee asked for, or acted on, another organisation's records.
inline absl::Status OtherOrganisation() {
  return MakeError(absl::StatusCode::kPermissionDenied, "ORGANISATION_SCOPE",
                   "grantees may only see and change their own organisation");
}

inline absl::Status OrganisationExists() {
  return MakeError(absl::StatusCode::kAlreadyExists, "ORGANISATION_EXISTS",
                   "this organisation is already registered; update it instead");
}

}  // namespace grants::organisations
