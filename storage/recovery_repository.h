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

// Inserts a RAISED recovery (award, payment, money, reason, due date, who,
// when).
Recovery Insert(Tx& tx, const Recovery& r);
// The recovery with its receipts, locked until commit.
std::optional<Recovery> GetForUpdate(Tx& tx, const std::string& id);
// Adds a receipt (in full or in part) to a raised recovery, RECEIVED once
// repaid in full. False, and nothing written, when the recovery is not
// raised, is in another currency or owes less than the receipt.
bool Receive(Tx& tx, const RecoveryReceipt& receipt, const std::string& actor,
             absl::Time now);
// Writes off what a raised recovery still owes; false when not raised.
bool WriteOff(Tx& tx, const std::string& id, const std::string& actor,
              absl::Time now, const std::string& reason);
// Raised first, then newest, each with its receipts; `award_id` and `state`
// ("raised", "received", "written_off") filter when not empty.
std::vector<Recovery> List(Tx& tx, const std::string& award_id,
                           const std::string& state, int limit, int offset);

}  // namespace grants::storage::recovery_repo
