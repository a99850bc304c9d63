// The reach benchmark's programme: set up through the API as an officer,
// then grown in bulk SQL to a number of accepted reports, and checked with
// VerifyReach.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/bench/common.h"

namespace grants::bench {

// Each award reports quarterly for two years from 2027-Q1.
inline constexpr int kQuarters = 8;
inline constexpr char kFirstQuarter[] = "2027-01-01";

struct ReachProgramme {
  std::string tag, programme_id;
  std::vector<std::string> round_ids, funder_ids;
  int64_t awards = 0;  // seeded so far, each with kQuarters accepted reports
  int batches = 0;     // seeded so far
  int64_t reports() const { return awards * kQuarters; }
};

// The quarters reported on, "2027-Q1" .. "2028-Q4".
std::vector<std::string> Quarters();

// As an officer, through the API: three funders contributing 50/30/20 to a
// fund, a programme on it with six priority communities, and four rounds
// with budget enough for `max_reports` between them, opened and closed.
absl::StatusOr<ReachProgramme> SetUpReach(const Target& t, int64_t max_reports);

// Seeds in bulk until `p` has `reports` accepted reports (or the next
// multiple of kQuarters), in transactions of up to `batch` reports spread
// over the four rounds: organisations, approved applications, and for each
// an accepted award with its requirements and accepted reports
// (storage::bench_seed), then their reach totals. Prints each batch.
absl::Status GrowReports(const Target& t, ReachProgramme& p, int64_t reports,
                         int64_t batch);

// VerifyReach over gRPC as an officer; prints the outcome and how long it
// took. INTERNAL when the figures are not consistent.
absl::Status VerifyReach(const Target& t);

}  // namespace grants::bench
