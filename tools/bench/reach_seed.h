// The pooled programme the reach and export benchmarks seed: set up through
// the API as an officer, then grown in bulk SQL (awards, and for reach their
// accepted reports, checked with VerifyReach).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/bench/common.h"
#include "tools/bench/seed.h"

namespace grants::bench {

// Each award reports quarterly for two years from 2027-Q1.
inline constexpr int kQuarters = 8;
inline constexpr char kFirstQuarter[] = "2027-01-01";

struct ReachProgramme {
  std::string tag, programme_id;
  std::vector<std::string> round_ids, funder_ids;
  int64_t awards = 0;  // seeded so far (for reach each with kQuarters
                       // accepted reports)
  int batches = 0;     // seeded so far
  int64_t reports() const { return awards * kQuarters; }
};

// What a batch seeds after its awards, in the same transaction.
using AfterAwards =
    std::function<void(storage::Tx&, const std::vector<std::string>&)>;

// The quarters reported on, "2027-Q1" .. "2028-Q4".
std::vector<std::string> Quarters();

// As an officer, through the API: three funders contributing 50/30/20 to a
// fund, a programme "<title> <tag>" on it with six priority communities,
// and four rounds with budget enough for `max_awards` awards of £4,000
// between them, opened and closed.
absl::StatusOr<ReachProgramme> SetUpProgramme(const Target& t,
                                              const std::string& title,
                                              int64_t max_awards);

// SetUpProgramme("EUSS outreach") with room for `max_reports` reports.
absl::StatusOr<ReachProgramme> SetUpReach(const Target& t, int64_t max_reports);

// Seeds in bulk until `p` has `awards` £4,000 awards, in batches of up to
// `batch` spread over the four rounds, each batch two concurrent
// transactions of two rounds (one per core): for each round, organisations
// "<label>-<tag>-<batch>-R<round>-<n>", approved applications for them and
// their awards as `terms` say (storage::bench_seed); then after(tx, the
// transaction's award ids). Prints each batch.
absl::Status GrowAwards(const Target& t, ReachProgramme& p,
                        const std::string& label, int64_t awards, int64_t batch,
                        const seed::AwardTerms& terms,
                        const AfterAwards& after);

// Seeds in bulk until `p` has `reports` accepted reports (or the next
// multiple of kQuarters), in batches (GrowAwards) of up to `batch`
// reports: accepted awards with their requirements and accepted reports,
// then their reach totals. Prints each batch.
absl::Status GrowReports(const Target& t, ReachProgramme& p, int64_t reports,
                         int64_t batch);

// VerifyReach over gRPC as an officer; prints the outcome and how long it
// took. INTERNAL when the figures are not consistent.
absl::Status VerifyReach(const Target& t);

}  // namespace grants::bench
