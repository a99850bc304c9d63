// Benchmark data seeded in bulk, straight into the tables (benchmarks only).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/transaction.h"

namespace grants::storage::bench_seed {

// Seeds `count` approved applications in round `round_id` (opened, so its
// reference sequence exists), one for each organisation
// "<org_prefix>1".."<org_prefix><count>", which must exist
// (organisation_repo::SeedBulk). Each holds what submitting, recommending
// and deciding would have left: submission version 1 (eligible), an
// officer's approve recommendation of `amount_minor` for that version by
// "bench-officer-a" and an approval of it by "bench-officer-b". One
// statement; no audit events. Returns the applications' ids.
std::vector<std::string> SeedApprovedApplications(Tx& tx,
                                                  const std::string& round_id,
                                                  const std::string& org_prefix,
                                                  int count,
                                                  int64_t amount_minor);

}  // namespace grants::storage::bench_seed
