// What every gRPC handler does around its use case: check an id and turn a
// result into the response.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/validation.h"

namespace grants {

// INVALID_ARGUMENT naming `field` unless `id` is a well-formed id.
inline absl::Status ValidId(std::string_view field, const std::string& id) {
  return Validator().Id(field, id).Finish();
}

// Writes `value` into `resp` with the area's ToProto (found by argument-
// dependent lookup), or returns its error.
template <typename T, typename Proto>
absl::Status Respond(absl::StatusOr<T> value, Proto* resp) {
  if (!value.ok()) return value.status();
  ToProto(*value, resp);
  return absl::OkStatus();
}

}  // namespace grants
