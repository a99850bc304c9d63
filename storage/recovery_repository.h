// Recoveries (money a grantee owes back, against paid payments) in
// PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/payments.h"
#include "storage/transaction.h"

namespace grants::storage::recovery_repo {

using grants::payments::Recovery;
using grants::payments::RecoveryReceipt;
using grants::payments::RecoveryState;

// Inserts a RAISED recovery (award, payment, money, reason, who, when).
Recovery Insert(Tx& tx, const Recovery& r);
// The recovery, locked until commit.
std::optional<Recovery> GetForUpdate(Tx& tx, const std::string& id);
// Marks a raised recovery received.
void Receive(Tx& tx, const RecoveryReceipt& receipt, const std::string& actor,
             absl::Time now);
// Raised first, then newest; `award_id` and `state` ("raised", "received")
// filter when not empty.
std::vector<Recovery> List(Tx& tx, const std::string& award_id,
                           const std::string& state, int limit, int offset);

}  // namespace grants::storage::recovery_repo
