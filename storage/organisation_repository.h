// Organisations in PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/organisations.h"
#include "storage/transaction.h"

namespace grants::storage::organisation_repo {

using grants::organisations::Organisation;

Organisation Insert(Tx& tx, const Organisation& o, absl::Time now);
Organisation Update(Tx& tx, const Organisation& o, absl::Time now);
std::optional<Organisation> Get(Tx& tx, const std::string& id,
                                bool for_update = false);
std::vector<Organisation> List(Tx& tx, int limit, int offset);
// Get, also taking a lock held until `tx` ends that serialises the
// organisation's submissions (for limits counted across rounds).
std::optional<Organisation> GetLockingSubmissions(Tx& tx, const std::string& id);

}  // namespace grants::storage::organisation_repo
