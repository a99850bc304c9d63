// The server's bridge from absl::Status (with its reason payload) to gRPC.
#include "services/common/grpc_status.h"

#include <string>

#include "common/status.h"
#include "grants/v1/common.pb.h"

namespace grants {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  v1::ErrorInfo info;
  auto code = static_cast<grpc::StatusCode>(status.code());
  std::string message(status.message());
  // Only errors made through MakeError reach clients as they are; anything
  // else (a bug, an unmapped exception) is reported as a bare INTERNAL.
  if (!HasErrorInfo(status, &info) ||
      status.code() == absl::StatusCode::kInternal ||
      status.code() == absl::StatusCode::kUnknown) {
    code = grpc::StatusCode::INTERNAL;
    message = "internal error";
    info.Clear();
    info.set_reason("INTERNAL");
  }
  v1::RichStatus rich;
  rich.set_code(static_cast<int>(code));
  rich.set_message(message);
  rich.add_details()->PackFrom(info);
  return grpc::Status(code, message, rich.SerializeAsString());
}

}  // namespace grants
