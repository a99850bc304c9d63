// The one place libpqxx exceptions become statuses: by exception type
// (SQLSTATE class) and, for constraint violations, by constraint name.
#pragma once

#include <exception>

#include "absl/status/status.h"

namespace grants::storage {

// Maps the exception in flight. Unique/check/foreign-key violations of a
// named constraint get that constraint's reason; a broken connection is
// UNAVAILABLE; anything unknown is INTERNAL (logged, never sent).
absl::Status MapPgException(const std::exception& e);

}  // namespace grants::storage
