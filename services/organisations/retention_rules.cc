// Retention rules.
#include "services/organisations/retention_rules.h"

#include <fmt/format.h>

#include "services/organisations/organisation_errors.h"

namespace grants::organisations {

absl::Status CheckRetentionPeriod(const RetentionRule& rule, int keep_days) {
  if (keep_days < 0 || keep_days > kMaxKeepDays)
    return KeepDaysInvalid(
        fmt::format("a period is 0 to {} days", kMaxKeepDays));
  if (keep_days < rule.minimum_days)
    return RetentionBelowMinimum(
        fmt::format("{} must be kept at least {} days after {}",
                    rule.record_class, rule.minimum_days, rule.after_event));
  return absl::OkStatus();
}

absl::Time RetentionCutoff(absl::Time now, int keep_days) {
  return now - absl::Hours(24) * keep_days;
}

}  // namespace grants::organisations
