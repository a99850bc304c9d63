// The reach benchmark: GetReachSummary reading the maintained reach_totals,
// beside the plain GROUP BY over the accepted reports that the table saves,
// at growing numbers of accepted reports of one programme.
#pragma once

#include <cstdint>
#include <vector>

#include "tools/bench/common.h"

namespace grants::bench {

struct ReachOptions {
  std::vector<int64_t> sizes = {100'000, 1'000'000};  // accepted reports
  int64_t batch = 100'000;    // reports seeded per transaction
  int summary_calls = 2'000;  // GetReachSummary calls at each size
  // GROUP BY calls at each size (the last repeats): each scans every report.
  std::vector<int> group_by_calls = {18, 9};
  int64_t verify_max = 1'000'000;  // VerifyReach at sizes up to this
};

// Sets up the programme (reach_seed.h), then at each size: seeds up to it,
// VACUUM ANALYZE, VerifyReach, and times one client's sequential
// GetReachSummary calls over gRPC (TLS, officer token), the same read
// in-process, and the GROUP BY through libpqxx, checking that the GROUP BY
// answers equal the maintained ones. Prints each size, then the comparison
// and the targets (summary p99 <= 5 ms, within 2x from the first
// size to the last). Returns whether every step succeeded and the answers
// agreed; the targets are reported, not enforced.
bool RunReach(const Target& t, const ReachOptions& o);

}  // namespace grants::bench
