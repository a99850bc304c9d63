// An offer's conditions (award_conditions) in PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/awards.h"
#include "storage/transaction.h"

namespace grants::storage::condition_repo {

using grants::awards::Condition;

// The award's conditions, in order.
std::vector<Condition> List(Tx& tx, const std::string& award_id);
// One condition, locked until commit.
std::optional<Condition> GetForUpdate(Tx& tx, const std::string& id);
// Writes everything but the id, award, number and text.
void Update(Tx& tx, const Condition& c);
// How many of the award's conditions are not signed off.
int64_t OpenCount(Tx& tx, const std::string& award_id);
// The award's conditions in other languages.
std::vector<awards::ConditionsTranslation> ListTranslations(
    Tx& tx, const std::string& award_id);
// Gives the award's conditions in `t.language`, replacing that language's.
void SetTranslation(Tx& tx, const std::string& award_id,
                    const awards::ConditionsTranslation& t,
                    const std::string& actor, absl::Time now);
// Makes the award's payments due on conditions due from `date` (London).
void ReleasePayments(Tx& tx, const std::string& award_id,
                     const std::string& date, absl::Time now);

}  // namespace grants::storage::condition_repo
