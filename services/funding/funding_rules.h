// Pure rules of funding: what each pooled funder's money did, derived from
// the awards' funder shares. No I/O; unit-tested directly.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/funding.h"

namespace grants::funding {

// Each funder's line: every award's committed (held less paid), paid,
// recovered and outstanding figures split among the award's funders in
// proportion to their shares (largest remainder, so each award's parts sum
// to it exactly), summed per funder; free is what of the funder's
// contribution no award holds (contributed - committed - paid + recovered).
// A funder with a share but no contribution gets a line too, after the
// contributors. Across funders the lines sum to the awards' totals to the
// penny.
std::vector<FunderMoney> FunderLines(const std::vector<FunderTotal>& funders,
                                     const std::vector<AwardMoney>& awards);

// The fund's line: the awards' totals, with `free` as the fund's own figures
// give it (its balance and its rounds' uncommitted budgets).
MoneyLine FundLine(int64_t contributed, int64_t free,
                   const std::vector<AwardMoney>& awards);

}  // namespace grants::funding
