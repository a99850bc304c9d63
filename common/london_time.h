// Europe/London local time <-> UTC instants. Deadlines are set by officers
// in London time and stored as UTC; across a clock change this is where a
// deadline could go wrong by an hour, so it is done in one place.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace grants {

// Parses "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" as London local time.
// Errors (INVALID_ARGUMENT naming `field`): LOCAL_TIME_INVALID (malformed or
// impossible date), LOCAL_TIME_NONEXISTENT (skipped when clocks go forward),
// LOCAL_TIME_AMBIGUOUS (happens twice when clocks go back).
absl::StatusOr<absl::Time> ParseLondonLocal(std::string_view field,
                                            std::string_view text);

// "2025-03-30T02:30:00+01:00": the instant in London time with its offset.
std::string FormatLondon(absl::Time t);

// "2025-03-30 02:30": the instant as London date and time to the minute,
// for people (messages say "(London time)").
std::string FormatLondonMinute(absl::Time t);

// The London calendar date of `t`, "YYYY-MM-DD".
std::string LondonDate(absl::Time t);

// RFC 3339 UTC, "2025-03-30T01:30:00Z".
std::string FormatUtc(absl::Time t);

}  // namespace grants
