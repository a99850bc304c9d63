// The one conversion of an error to the wire.
#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace grants {

// Code, message, and a RichStatus (google.rpc.Status-compatible) with an
// ErrorInfo detail. INTERNAL and UNKNOWN errors get a generic message: their
// text never leaves the process.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace grants
