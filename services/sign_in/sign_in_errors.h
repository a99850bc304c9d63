// The sign-in area's error catalog.
#pragma once

#include "common/status.h"

namespace grants::sign_in {

// Unknown, used and expired codes get the same answer: no oracle.
inline absl::Status LinkInvalid() {
  return MakeError(absl::StatusCode::kUnauthenticated, "SIGN_IN_LINK_INVALID",
                   "this sign-in link is not valid: it may have been used "
                   "or have expired; ask for a new one",
                   {{"code", "SIGN_IN_LINK_INVALID", "ask for a new link"}});
}

inline absl::Status RateLimited() {
  return MakeError(absl::StatusCode::kResourceExhausted,
                   "SIGN_IN_RATE_LIMITED",
                   "too many sign-in links for this address; wait an hour",
                   {{"email", "SIGN_IN_RATE_LIMITED", "wait an hour"}});
}

inline absl::Status NotListed() {
  return MakeError(absl::StatusCode::kPermissionDenied,
                   "ORGANISATION_NOT_LISTED",
                   "that organisation does not list this address as a contact",
                   {{"organisation_id", "ORGANISATION_NOT_LISTED",
                     "choose one of the organisations offered"}});
}

}  // namespace grants::sign_in
