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

using grants::organisations::BankDetailsChange;
// Supersedes the organisation's pending change, then inserts `c` pending.
BankDetailsChange ProposeBankChange(Tx& tx, const BankDetailsChange& c);
// Locked until commit.
std::optional<BankDetailsChange> GetBankChange(Tx& tx, const std::string& id);
std::vector<BankDetailsChange> ListBankChanges(Tx& tx,
                                               const std::string& organisation_id,
                                               bool pending_only);
// Confirms pending change `id`: the payee changes and the organisation's
// authorised payments go back to requested. False when it was not pending;
// `held` gets the held payments' ids.
bool ConfirmBankChange(Tx& tx, const std::string& id, const std::string& actor,
                       const std::string& role, absl::Time now,
                       std::vector<std::string>* held);

}  // namespace grants::storage::organisation_repo
