// Errors across layers: absl::Status carrying a stable reason and field
// violations. No gRPC here: the server's bridge to the wire is
// services/common/grpc_status.h, the clients' reverse clients/client/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "grants/v1/common.pb.h"

namespace grants {

// One offending field of a request.
struct FieldViolation {
  std::string field;
  std::string reason;
  std::string description;
};

// Builds a status whose payload carries `reason` and `fields`. Every error
// the system returns to a client is made here (through the per-area
// catalogs), so every error has a stable reason.
absl::Status MakeError(absl::StatusCode code, std::string_view reason,
                       std::string_view message,
                       std::vector<FieldViolation> fields = {});

// The stable reason of a status made by MakeError; "INTERNAL" for a status
// without one, "" for OK.
std::string ReasonOf(const absl::Status& status);

// The field violations of a status made by MakeError.
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);

// Whether `status` was made by MakeError; fills `info` with its payload.
bool HasErrorInfo(const absl::Status& status, v1::ErrorInfo* info);

// Generic factories shared by all areas.
absl::Status InvalidField(std::string_view field, std::string_view reason,
                          std::string_view description);
absl::Status NotFound(std::string_view reason, std::string_view what);
absl::Status Internal(std::string_view what);

}  // namespace grants

// abseil 20220623 has no RETURN_IF_ERROR / ASSIGN_OR_RETURN; these are ours.
#define GRANTS_CONCAT_INNER(a, b) a##b
#define GRANTS_CONCAT(a, b) GRANTS_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                                               \
  do {                                                                      \
    if (absl::Status grants_st = (expr); !grants_st.ok()) return grants_st; \
  } while (0)

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(GRANTS_CONCAT(grants_sor_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
