// Status helpers: the reason payload and the gRPC conversion.
#include "services/common/status.h"

#include <optional>

#include "absl/strings/cord.h"
#include "grants/v1/common.pb.h"

namespace grants {
namespace {

constexpr char kErrorInfoUrl[] = "type.googleapis.com/grants.v1.ErrorInfo";

bool HasErrorInfo(const absl::Status& status, v1::ErrorInfo* info) {
  auto payload = status.GetPayload(kErrorInfoUrl);
  return payload.has_value() && info->ParseFromString(std::string(*payload));
}

}  // namespace

absl::Status MakeError(absl::StatusCode code, std::string_view reason,
                       std::string_view message,
                       std::vector<FieldViolation> fields) {
  absl::Status status(code, std::string(message));
  v1::ErrorInfo info;
  info.set_reason(std::string(reason));
  for (auto& f : fields) {
    auto* v = info.add_field_violations();
    v->set_field(std::move(f.field));
    v->set_reason(std::move(f.reason));
    v->set_description(std::move(f.description));
  }
  status.SetPayload(kErrorInfoUrl, absl::Cord(info.SerializeAsString()));
  return status;
}

std::string ReasonOf(const absl::Status& status) {
  if (status.ok()) return "";
  v1::ErrorInfo info;
  return HasErrorInfo(status, &info) ? info.reason() : "INTERNAL";
}

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> out;
  v1::ErrorInfo info;
  if (!HasErrorInfo(status, &info)) return out;
  for (const auto& v : info.field_violations())
    out.push_back({v.field(), v.reason(), v.description()});
  return out;
}

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

absl::Status InvalidField(std::string_view field, std::string_view reason,
                          std::string_view description) {
  return MakeError(absl::StatusCode::kInvalidArgument, reason,
                   std::string(field) + ": " + std::string(description),
                   {{std::string(field), std::string(reason),
                     std::string(description)}});
}

absl::Status NotFound(std::string_view reason, std::string_view what) {
  return MakeError(absl::StatusCode::kNotFound, reason,
                   std::string(what) + " not found");
}

absl::Status Internal(std::string_view what) {
  return absl::InternalError(std::string(what));
}

}  // namespace grants
