// Bulk benchmark seeding: one statement per call, in queries/bench_*.sql.
#include "storage/bench_seed.h"

namespace grants::storage::bench_seed {

std::vector<std::string> SeedApprovedApplications(Tx& tx,
                                                  const std::string& round_id,
                                                  const std::string& org_prefix,
                                                  int count,
                                                  int64_t amount_minor) {
  pqxx::result rows = tx.exec_prepared("bench_seed_approved", round_id,
                                       org_prefix, count, amount_minor);
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) ids.push_back(row[0].as<std::string>());
  return ids;
}

}  // namespace grants::storage::bench_seed
