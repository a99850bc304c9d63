// Reach releases in PostgreSQL: the counts a release freezes, and the
// releases with their protected figures (never changed once written).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/monitoring.h"
#include "storage/transaction.h"

namespace grants::storage::release_repo {

using grants::monitoring::ReachRelease;
using grants::monitoring::ReleasedFigure;

using grants::monitoring::ReachCount;

// The programme's reports accepted in [from, to): totals first.
std::vector<ReachCount> AcceptedCounts(Tx& tx, const std::string& programme_id,
                                       absl::Time from, absl::Time to);

// Inserts the release and its figures; nullopt (nothing written) when the
// quarter was released meanwhile.
std::optional<std::string> Insert(Tx& tx, const ReachRelease& release,
                                  const std::vector<ReleasedFigure>& figures);

std::optional<ReachRelease> Get(Tx& tx, const std::string& id);

// A programme's releases ("" quarter: all), oldest first.
std::vector<ReachRelease> List(Tx& tx, const std::string& programme_id,
                               const std::string& quarter = "");

// The totals and `dimension`'s groups of those releases.
std::vector<ReleasedFigure> Figures(Tx& tx, const std::string& programme_id,
                                    const std::string& quarter,
                                    const std::string& dimension);

// Whether the funder contributes to the programme's fund or has a share of
// one of its awards.
bool FundedBy(Tx& tx, const std::string& programme_id,
              const std::string& funder_id);

}  // namespace grants::storage::release_repo
