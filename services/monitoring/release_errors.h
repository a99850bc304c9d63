// Reach releases' error catalogue: each error's code and stable reason, and
// the field it names.
#pragma once

#include "common/status.h"

namespace grants::monitoring::release_errors {

inline absl::Status PeriodInvalid(std::string_view field) {
  return InvalidField(field, "PERIOD_INVALID", "a quarter such as 2025-Q1");
}

inline absl::Status PeriodOpen() {
  return MakeError(
      absl::StatusCode::kFailedPrecondition, "PERIOD_OPEN",
      "the quarter has not ended: it can be released from an "
      "hour after its end (London time)",
      {{"quarter", "PERIOD_OPEN", "release a quarter that ended"}});
}

inline absl::Status ReleaseExists() {
  return MakeError(absl::StatusCode::kFailedPrecondition, "RELEASE_EXISTS",
                   "this quarter of the programme is released; a release "
                   "never changes",
                   {{"quarter", "RELEASE_EXISTS", "released already"}});
}

inline absl::Status ProgrammeNotFound() {
  return MakeError(
      absl::StatusCode::kNotFound, "PROGRAMME_NOT_FOUND", "programme not found",
      {{"programme_id", "PROGRAMME_NOT_FOUND", "no such programme"}});
}

inline absl::Status PeriodNotReleased(std::string_view field) {
  return MakeError(absl::StatusCode::kFailedPrecondition, "PERIOD_NOT_RELEASED",
                   "funders and the public read released quarters only; "
                   "this one is not released",
                   {{std::string(field), "PERIOD_NOT_RELEASED",
                     "ask for a released quarter"}});
}

// A funder reading a programme it does not fund (or one that does not
// exist: a funder is not told which).
inline absl::Status ProgrammeNotFunded(std::string_view field) {
  return MakeError(
      absl::StatusCode::kPermissionDenied, "PROGRAMME_NOT_FUNDED",
      "a funder reads the figures of programmes it funds",
      {{std::string(field), "PROGRAMME_NOT_FUNDED", "a programme you fund"}});
}

inline absl::Status FunderScope() {
  return MakeError(absl::StatusCode::kPermissionDenied, "FUNDER_SCOPE",
                   "a funder reads the released figures of a programme it "
                   "funds",
                   {{"scope", "FUNDER_SCOPE", "ask for scope PROGRAMME"}});
}

inline absl::Status ReleasedScope() {
  return InvalidField("scope", "RELEASED_SCOPE",
                      "released figures are a programme's: scope PROGRAMME");
}

}  // namespace grants::monitoring::release_errors
