// Award variations in PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/awards.h"
#include "storage/transaction.h"

namespace grants::storage::variation_repo {

using grants::awards::Variation;
using grants::awards::VariationState;

// Inserts a PROPOSED variation.
Variation Insert(Tx& tx, const Variation& v);
// `for_update`: locked until commit.
std::optional<Variation> Get(Tx& tx, const std::string& id,
                             bool for_update = false);
// True when the award has a proposed (undecided) variation.
bool OpenExists(Tx& tx, const std::string& award_id);
// Records the first of two officers' approvals of a proposed variation.
void Endorse(Tx& tx, const std::string& id, const std::string& actor,
             absl::Time now);
// Moves a proposed variation to `state`, recording who, when and why.
void Decide(Tx& tx, const std::string& id, VariationState state,
            const std::string& actor, absl::Time now,
            const std::string& comment);
using Filter = awards::VariationFilter;
// Newest first.
std::vector<Variation> List(Tx& tx, const Filter& f, int limit, int offset);

}  // namespace grants::storage::variation_repo
