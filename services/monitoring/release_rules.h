// Pure rules of reach releases: which quarter, whether it has ended, the
// counts a release protects, and how released figures are read back (a
// quarter, or the sum of the released quarters) for a summary or an
// indicator.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/monitoring.h"
#include "domain/reach/disclosure.h"

namespace grants::monitoring {

// The threshold below which a released count is never shown.
inline constexpr int64_t kReleaseThreshold = reach::kDefaultThreshold;

// Every release protects these breakdowns together with the totals.
inline constexpr std::array<std::string_view, 4> kReleaseDimensions = {
    "community", "borough", "language", "age_band"};
inline constexpr std::array<std::string_view, 2> kMeasures = {"supported",
                                                              "reached"};

// A quarter may be released this long after it ends, so that no acceptance
// begun before its end can still commit into it.
inline constexpr absl::Duration kReleaseGrace = absl::Hours(1);

// The instants a quarter "YYYY-Qn" starts and ends, London time.
struct QuarterSpan {
  absl::Time start;
  absl::Time end;
};
// PERIOD_INVALID (INVALID_ARGUMENT naming `field`) for anything else.
absl::StatusOr<QuarterSpan> SpanOf(std::string_view field,
                                   const std::string& quarter);

// Whether the quarter can be released at `now`.
bool CanRelease(const QuarterSpan& span, absl::Time now);

// One measure's counts of a release: the total and each of
// kReleaseDimensions (codes in order, then "not_recorded", every group
// adding up to the total).
reach::PeriodCounts CountsOf(const std::vector<ReachCount>& counts,
                             std::string_view measure);

// A protected period as the figures to store, and the breakdowns it
// withheld ("measure/dimension").
void AppendFigures(const reach::ProtectedPeriod& period,
                   std::string_view measure, const std::string& quarter,
                   std::vector<ReleasedFigure>* figures,
                   std::vector<std::string>* withheld);

// Stored figures read back: per quarter, per measure, the protected period
// with the totals and `dimension`'s breakdown (if asked for).
using ReleasedPeriods =
    std::map<std::string, std::map<std::string, reach::ProtectedPeriod>>;
ReleasedPeriods PeriodsOf(const std::vector<ReachRelease>& releases,
                          const std::vector<ReleasedFigure>& figures,
                          const std::string& dimension);

// A released summary: `key.period`'s release, or for "" the sum of every
// release in `periods`. Groups ordered by their published figures (never by
// hidden ones), largest first, "not_recorded" last.
ReachSummary ReleasedSummary(const ReachKey& key,
                             const ReleasedPeriods& periods);

// An indicator's released actual in one period: the total, or the group of
// `community` (hidden when the breakdown was withheld; 0 when absent).
reach::Figure ActualOf(const reach::ProtectedPeriod& period,
                       const std::string& community);

}  // namespace grants::monitoring
