// The clients' reverse of the server's ToGrpcStatus.
#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace grants {

// A status from grantsd back to an absl::Status with its stable reason and
// field violations (ReasonOf, FieldViolationsOf); a status without details
// keeps its code, with the code's name as reason.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace grants
