// Funding repository: one function per statement in queries/.
#include "storage/funding_repository.h"

#include "storage/rows.h"

namespace grants::storage::funding_repo {
namespace {

Funder ToFunder(const pqxx::row& r) {
  return {r[0].as<std::string>(), r[1].as<std::string>(),
          r[2].as<std::string>(), TimeAt(r[3])};
}

Fund ToFund(const pqxx::row& r) {
  return {r[0].as<std::string>(), r[1].as<std::string>(),
          r[2].as<std::string>(), r[3].as<int64_t>(),
          r[4].as<int64_t>(),     TimeAt(r[5])};
}

Contribution ToContribution(const pqxx::row& r, const std::string& currency) {
  return {r[0].as<std::string>(), r[1].as<std::string>(),
          r[2].as<std::string>(), currency,
          r[3].as<int64_t>(),     r[4].as<std::string>(),
          TimeAt(r[5])};
}

}  // namespace

Funder InsertFunder(Tx& tx, const std::string& org_id, const std::string& name,
                    absl::Time now) {
  return ToFunder(tx.exec_prepared1("funder_insert", org_id, name, Micros(now)));
}

std::optional<Funder> GetFunder(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("funder_get", id);
  if (rows.empty()) return std::nullopt;
  return ToFunder(rows[0]);
}

std::vector<Funder> ListFunders(Tx& tx, int limit, int offset,
                                const std::string& only_funder_id) {
  return MapRows<Funder>(
      tx.exec_prepared("funder_list", limit, offset, only_funder_id), ToFunder);
}

Fund InsertFund(Tx& tx, const std::string& name, const std::string& currency,
                absl::Time now) {
  return ToFund(tx.exec_prepared1("fund_insert", name, currency, Micros(now)));
}

std::optional<Fund> GetFund(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("fund_get", id);
  if (rows.empty()) return std::nullopt;
  return ToFund(rows[0]);
}

std::vector<Fund> ListFunds(Tx& tx, int limit, int offset,
                            const std::string& contributor_id) {
  return MapRows<Fund>(
      tx.exec_prepared("fund_list", limit, offset, contributor_id), ToFund);
}

Fund AddContributed(Tx& tx, const std::string& fund_id, int64_t amount) {
  return ToFund(tx.exec_prepared1("fund_add_contributed", fund_id, amount));
}

std::optional<Fund> Draw(Tx& tx, const std::string& fund_id, int64_t delta) {
  auto rows = tx.exec_prepared("fund_draw", fund_id, delta);
  if (rows.empty()) return std::nullopt;
  return ToFund(rows[0]);
}

Contribution InsertContribution(Tx& tx, const Contribution& c,
                                absl::Time now) {
  return ToContribution(
      tx.exec_prepared1("contribution_insert", c.fund_id, c.funder_id,
                        c.amount_minor, c.note, Micros(now)),
      c.currency);
}

std::optional<Contribution> GetContribution(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("contribution_get", id);
  if (rows.empty()) return std::nullopt;
  return ToContribution(rows[0], rows[0][6].as<std::string>());
}

std::vector<Contribution> ListContributions(Tx& tx, const std::string& fund_id,
                                            int limit, int offset) {
  return MapRows<Contribution>(
      tx.exec_prepared("contribution_list", fund_id, limit, offset),
      [](const pqxx::row& r) {
        return ToContribution(r, r[6].as<std::string>());
      });
}

bool FunderContributesTo(Tx& tx, const std::string& funder_id,
                         const std::string& fund_id) {
  return tx.exec_prepared1("funder_contributes_to", funder_id, fund_id)[0]
      .as<bool>();
}

void ReadOneSnapshot(Tx& tx) {
  // A transaction setting, not a query: it cannot be prepared.
  tx.exec0("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
}

std::vector<funding::FunderTotal> FunderTotals(Tx& tx,
                                               const std::string& fund_id) {
  return MapRows<funding::FunderTotal>(
      tx.exec_prepared("fund_funder_contributions", fund_id),
      [](const pqxx::row& r) {
        return funding::FunderTotal{r[0].as<std::string>(),
                                    r[1].as<std::string>(), r[2].as<int64_t>()};
      });
}

std::vector<funding::AwardMoney> AwardMoneyOf(Tx& tx,
                                              const std::string& fund_id) {
  std::vector<funding::AwardMoney> out;
  for (const auto& r : tx.exec_prepared("fund_money_awards", fund_id)) {
    std::string id = r[0].as<std::string>();
    if (out.empty() || out.back().award_id != id)
      out.push_back({.award_id = id,
                     .held = r[1].as<int64_t>(),
                     .paid = r[2].as<int64_t>(),
                     .recovered = r[3].as<int64_t>(),
                     .recovery_outstanding = r[4].as<int64_t>()});
    out.back().shares.emplace_back(r[5].as<std::string>(), r[6].as<int64_t>());
  }
  return out;
}

int64_t FreeOf(Tx& tx, const std::string& fund_id) {
  auto rows = tx.exec_prepared("fund_free", fund_id);
  return rows.empty() ? 0 : rows[0][0].as<int64_t>();
}

}  // namespace grants::storage::funding_repo
