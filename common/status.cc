// Status helpers: the reason and field violations carried as a payload.
#include "common/status.h"

#include <optional>

#include "absl/strings/cord.h"
#include "grants/v1/common.pb.h"

namespace grants {
namespace {

constexpr char kErrorInfoUrl[] = "type.googleapis.com/grants.v1.ErrorInfo";

}  // namespace

bool HasErrorInfo(const absl::Status& status, v1::ErrorInfo* info) {
  auto payload = status.GetPayload(kErrorInfoUrl);
  return payload.has_value() && info->ParseFromString(std::string(*payload));
}

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

absl::Status InvalidField(std::string_view field, std::string_view reason,
                          std::string_view description) {
  return MakeError(
      absl::StatusCode::kInvalidArgument, reason,
      std::string(field) + ": " + std::string(description),
      {{std::string(field), std::string(reason), std::string(description)}});
}

absl::Status NotFound(std::string_view reason, std::string_view what) {
  return MakeError(absl::StatusCode::kNotFound, reason,
                   std::string(what) + " not found");
}

absl::Status Internal(std::string_view what) {
  return absl::InternalError(std::string(what));
}

}  // namespace grants
