// FromGrpcStatus: grantsd's RichStatus back to reason and field violations.
#include "clients/client/client_status.h"

#include <string>
#include <vector>

#include "common/status.h"
#include "grants/v1/common.pb.h"

namespace grants {

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  auto code = static_cast<absl::StatusCode>(status.error_code());
  v1::RichStatus rich;
  v1::ErrorInfo info;
  if (!rich.ParseFromString(status.error_details()) ||
      rich.details_size() == 0 || !rich.details(0).UnpackTo(&info)) {
    return MakeError(code, absl::StatusCodeToString(code),
                     status.error_message());
  }
  std::vector<FieldViolation> fields;
  for (const auto& v : info.field_violations())
    fields.push_back({v.field(), v.reason(), v.description()});
  return MakeError(code, info.reason(), status.error_message(),
                   std::move(fields));
}

}  // namespace grants
