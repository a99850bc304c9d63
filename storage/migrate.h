// Forward-only numbered migrations (storage/migrations/NNNN_name.sql),
// applied under an advisory lock so concurrent starters do not race.
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace grants::storage {

// Applies every migration not yet recorded in schema_migrations, each in its
// own transaction. Returns how many were applied (0 when up to date).
absl::StatusOr<int> ApplyMigrations(const std::string& conninfo);

}  // namespace grants::storage
