// The audit area's error catalog. The checkpoint file's own errors
// (CHECKPOINT_MALFORMED, CHECKPOINT_KEY_UNKNOWN,
// CHECKPOINT_SIGNATURE_INVALID) are in common/audit_checkpoint.h, which
// grantsctl shares.
#pragma once

#include "common/status.h"

namespace grants::audit {

inline absl::Status CheckpointKeyNotConfigured() {
  return MakeError(absl::StatusCode::kFailedPrecondition,
                   "CHECKPOINT_KEY_NOT_CONFIGURED",
                   "this grantsd has no checkpoint key "
                   "(--audit-checkpoint-key)");
}

inline absl::Status AuditTrailBroken(std::string_view detail) {
  return MakeError(absl::StatusCode::kFailedPrecondition, "AUDIT_TRAIL_BROKEN",
                   "the audit trail does not verify, so no checkpoint is "
                   "signed: " +
                       std::string(detail));
}

inline absl::Status AuditTrailEmpty() {
  return MakeError(absl::StatusCode::kFailedPrecondition, "AUDIT_TRAIL_EMPTY",
                   "the audit trail has no events yet to checkpoint");
}

// A checkpoint dated after the server's clock: not one this trail made.
inline absl::Status CheckpointFromFuture() {
  return MakeError(
      absl::StatusCode::kInvalidArgument, "CHECKPOINT_FROM_FUTURE",
      "the checkpoint is dated after the server's clock",
      {{"checkpoint", "CHECKPOINT_FROM_FUTURE", "dated in the future"}});
}

}  // namespace grants::audit
