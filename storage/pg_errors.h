// The one place libpqxx exceptions become statuses: by exception type
// (SQLSTATE class) and, for constraint violations, by constraint name.
#pragma once

#include <exception>
#include <string>

#include "absl/status/status.h"

namespace grants::storage {

// Maps the exception in flight. Unique/check/foreign-key violations of a
// named constraint get that constraint's reason; a broken connection is
// UNAVAILABLE; anything unknown is INTERNAL (logged, never sent).
// A lost connection, a read-only standby (25006), a shutting-down server
// (57P01..57P03) and a statement or lock timeout are UNAVAILABLE with a
// stable reason (retry, on another connection), never INTERNAL.
absl::Status MapPgException(const std::exception& e);

// UNAVAILABLE for a SQLSTATE that says the database is moving, failing or
// too slow (DATABASE_UNAVAILABLE, DATABASE_READ_ONLY,
// DATABASE_SHUTTING_DOWN, DATABASE_TIMEOUT, DATABASE_OVERLOADED); OK for
// any other.
absl::Status FromDatabaseMoving(const std::string& sqlstate);

}  // namespace grants::storage
