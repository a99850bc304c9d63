// Bulk benchmark seeding and baselines: one statement per call, in
// tools/bench/sql/, sent with parameters.
#include "tools/bench/seed.h"

#include "bench_queries.h"
#include "storage/pg_errors.h"
#include "storage/rows.h"

namespace grants::bench::seed {
namespace {

using storage::MapPgException;
using storage::MapRows;
using storage::ToPgArray;

std::vector<std::string> Ids(const pqxx::result& rows) {
  return MapRows<std::string>(
      rows, [](const pqxx::row& r) { return r[0].as<std::string>(); });
}

}  // namespace

void SeedOrganisations(Tx& tx, const std::string& prefix, int count) {
  tx.exec_params0(std::string(sql::kOrganisationSeedBulk), prefix, count);
}

std::vector<std::string> SeedApprovedApplications(Tx& tx,
                                                  const std::string& round_id,
                                                  const std::string& org_prefix,
                                                  int count,
                                                  int64_t amount_minor) {
  return Ids(tx.exec_params(std::string(sql::kBenchSeedApproved), round_id,
                            org_prefix, count, amount_minor));
}

void BulkSession(Tx& tx, bool nested_loops) {
  tx.exec_params1(std::string(sql::kBenchSeedSession),
                  std::string(nested_loops ? "on" : "off"));
}

std::vector<std::string> SeedAwards(
    Tx& tx, const std::string& round_id,
    const std::vector<std::string>& application_ids, const AwardTerms& terms) {
  return Ids(tx.exec_params(std::string(sql::kBenchSeedAwards), round_id,
                            ToPgArray(application_ids), terms.start_date,
                            terms.months, ToPgArray(terms.states)));
}

void SeedPayments(Tx& tx, const std::vector<std::string>& award_ids) {
  tx.exec_params0(std::string(sql::kBenchSeedPayments), ToPgArray(award_ids));
}

void SeedAcceptedReports(Tx& tx, const std::vector<std::string>& award_ids,
                         const std::string& first_quarter, int quarters) {
  tx.exec_params(std::string(sql::kBenchSeedReports), ToPgArray(award_ids),
                 first_quarter, quarters);
}

void AddToReachTotals(Tx& tx, const std::vector<std::string>& award_ids) {
  tx.exec_params0(std::string(sql::kBenchSeedReach), ToPgArray(award_ids));
}

std::vector<monitoring::ReachRow> ReachRowsByGroupBy(
    Tx& tx, const monitoring::ReachKey& key) {
  return MapRows<monitoring::ReachRow>(
      tx.exec_params(std::string(sql::kBenchReachGroupBy), key.scope,
                     key.scope_id, key.period, key.dimension),
      [](const pqxx::row& r) {
        return monitoring::ReachRow{.code = r[1].as<std::string>(),
                                    .supported = r[2].as<int64_t>(),
                                    .reached = r[3].as<int64_t>(),
                                    .reports = r[4].as<int64_t>()};
      });
}

int64_t ReachGroupCount(Tx& tx) {
  return tx.exec_prepared1("reach_group_count")[0].as<int64_t>();
}

absl::Status Settle(ConnectionPool& pool) {
  auto lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  try {
    // Utility statements: they cannot be prepared, so they are not in
    // queries/, and VACUUM cannot run inside a transaction block.
    pqxx::nontransaction n(**lease);
    n.exec0("VACUUM (ANALYZE)");
    n.exec0("CHECKPOINT");
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return MapPgException(e);
  }
}

}  // namespace grants::bench::seed
