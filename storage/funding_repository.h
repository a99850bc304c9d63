// Funders, funds and contributions in PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/funding.h"
#include "storage/transaction.h"

namespace grants::storage::funding_repo {

using grants::funding::Contribution;
using grants::funding::Fund;
using grants::funding::Funder;

Funder InsertFunder(Tx& tx, const std::string& org_id, const std::string& name,
                    absl::Time now);
std::optional<Funder> GetFunder(Tx& tx, const std::string& id);
// `only_funder_id` restricts the list to one funder when not empty.
std::vector<Funder> ListFunders(Tx& tx, int limit, int offset,
                                const std::string& only_funder_id);

Fund InsertFund(Tx& tx, const std::string& name, const std::string& currency,
                absl::Time now);
std::optional<Fund> GetFund(Tx& tx, const std::string& id);
// `contributor_id` restricts to funds that funder contributed to.
std::vector<Fund> ListFunds(Tx& tx, int limit, int offset,
                            const std::string& contributor_id);
// Adds to the fund's contributions; the row stays locked until commit.
Fund AddContributed(Tx& tx, const std::string& fund_id, int64_t amount);
// Changes what rounds draw by `delta` (negative releases). nullopt, and
// nothing changed, when the draw would exceed the contributions.
std::optional<Fund> Draw(Tx& tx, const std::string& fund_id, int64_t delta);

Contribution InsertContribution(Tx& tx, const Contribution& c, absl::Time now);
std::optional<Contribution> GetContribution(Tx& tx, const std::string& id);
std::vector<Contribution> ListContributions(Tx& tx, const std::string& fund_id,
                                            int limit, int offset);
bool FunderContributesTo(Tx& tx, const std::string& funder_id,
                         const std::string& fund_id);

// Makes the transaction read one snapshot (REPEATABLE READ, READ ONLY), so
// several reads of a fund's money agree; before its first statement.
void ReadOneSnapshot(Tx& tx);
// Each funder's total contribution, earliest contributor first.
std::vector<funding::FunderTotal> FunderTotals(Tx& tx,
                                               const std::string& fund_id);
// What each award of the fund holds, paid and had repaid, with its shares.
std::vector<funding::AwardMoney> AwardMoneyOf(Tx& tx,
                                              const std::string& fund_id);
// What of the fund no award holds, from its balance and its rounds' budgets
// and commitments.
int64_t FreeOf(Tx& tx, const std::string& fund_id);

}  // namespace grants::storage::funding_repo
