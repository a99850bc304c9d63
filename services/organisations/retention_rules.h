// Retention rules (issue #15): when a record's period has run, and which
// periods an administrator may set. Pure: no I/O.
#pragma once

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "domain/organisations.h"

namespace grants::organisations {

// The longest period that can be set: a hundred years.
inline constexpr int kMaxKeepDays = 36500;

// Whether `rule`'s period may become `keep_days`: INVALID_ARGUMENT
// RETENTION_BELOW_MINIMUM under the class's legal minimum, KEEP_DAYS_INVALID
// below zero or over kMaxKeepDays (field keep_days).
absl::Status CheckRetentionPeriod(const RetentionRule& rule, int keep_days);

// Records whose event came before the cutoff have been kept `keep_days`
// whole days at `now` and are due: a day before the period ends a record is
// kept, the day after it is due.
absl::Time RetentionCutoff(absl::Time now, int keep_days);

}  // namespace grants::organisations
