// The documents area's error catalog.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace grants::documents {

inline absl::Status Refused(std::string_view reason, std::string_view field,
                            std::string_view message) {
  return MakeError(
      absl::StatusCode::kFailedPrecondition, reason, message,
      {{std::string(field), std::string(reason), std::string(message)}});
}

inline absl::Status NotFound(std::string_view reason, std::string_view field) {
  return MakeError(
      absl::StatusCode::kNotFound, reason, "not found",
      {{std::string(field), std::string(reason), "no such record"}});
}

inline absl::Status Invalid(std::string_view reason, std::string_view field,
                            std::string_view message) {
  return MakeError(
      absl::StatusCode::kInvalidArgument, reason, message,
      {{std::string(field), std::string(reason), std::string(message)}});
}

inline absl::Status UploadNotFound() {
  return NotFound("UPLOAD_NOT_FOUND", "upload_id");
}

inline absl::Status DocumentNotFound() {
  return NotFound("DOCUMENT_NOT_FOUND", "document_id");
}

}  // namespace grants::documents
