// Benchmarks only: data seeded in bulk straight into the tables, and the
// baselines the benchmarks measure against. The SQL is in tools/bench/sql/,
// sent with parameters (grantsd never prepares it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "domain/monitoring.h"
#include "storage/pool.h"
#include "storage/transaction.h"

namespace grants::bench::seed {

// Seeds `count` approved applications in round `round_id` (opened, so its
// reference sequence exists), one for each organisation
// "<org_prefix>1".."<org_prefix><count>", which must exist
// (SeedOrganisations). Each holds what submitting, recommending
// and deciding would have left: submission version 1 (eligible), an
// officer's approve recommendation of `amount_minor` for that version by
// "bench-officer-a" and an approval of it by "bench-officer-b". One
// statement; no audit events. Returns the applications' ids.
using storage::ConnectionPool;
using storage::Tx;

// Registers `count` unregistered groups "<prefix>1".."<prefix><count>"
// (sql/organisation_seed_bulk.sql). One statement; no audit events.
void SeedOrganisations(Tx& tx, const std::string& prefix, int count);

std::vector<std::string> SeedApprovedApplications(Tx& tx,
                                                  const std::string& round_id,
                                                  const std::string& org_prefix,
                                                  int count,
                                                  int64_t amount_minor);

// Sets the rest of the transaction up for bulk seeding: no JIT, more
// work_mem, and nested loops only if `nested_loops`
// (sql/bench_seed_session.sql). SeedAcceptedReports joins rows it
// inserts, which the planner estimates at one row, so nested loops over
// them turn quadratic: turn them off. AddToReachTotals needs them (its
// expansion is lateral), and without them the planner sorts instead of
// hashing: turn them on.
void BulkSession(Tx& tx, bool nested_loops);

// How SeedAwards leaves its awards: planned from `start_date`
// ("YYYY-MM-DD") for `months`, the i-th in states[i % states.size()]
// ("accepted", "active" or "terminated"; at least one).
struct AwardTerms {
  std::string start_date;
  int months = 12;
  std::vector<std::string> states = {"accepted"};
};

// For each approved application of `application_ids` in the closed round
// `round_id`, what offering and accepting an award would leave, as `terms`
// say: the approved amount split over the fund's funders pro rata and
// committed on the round (sql/bench_seed_awards.sql). One statement; no
// audit events. Returns the awards' ids.
std::vector<std::string> SeedAwards(
    Tx& tx, const std::string& round_id,
    const std::vector<std::string>& application_ids, const AwardTerms& terms);

// Two instalments of half each for every award of `award_ids`: scheduled
// for an accepted award, the first paid for an active or terminated one
// (the second scheduled, or cancelled on termination)
// (sql/bench_seed_payments.sql). One statement.
void SeedPayments(Tx& tx, const std::vector<std::string>& award_ids);

// For each accepted award of `award_ids`, what setting `quarters` quarterly
// requirements from `first_quarter` ("YYYY-MM-DD", a quarter's first day)
// and reporting on each would leave, every report accepted
// (sql/bench_seed_reports.sql). One statement; no audit events, no
// reach totals (AddToReachTotals).
void SeedAcceptedReports(Tx& tx, const std::vector<std::string>& award_ids,
                         const std::string& first_quarter, int quarters);

// Adds the accepted reports of `award_ids` to the reach totals, as
// accepting each would have. One statement.
void AddToReachTotals(Tx& tx, const std::vector<std::string>& award_ids);

// What monitoring_repo::ReachRows reads from the maintained totals, summed
// instead from the accepted reports (report_reach_rows) when asked.
std::vector<monitoring::ReachRow> ReachRowsByGroupBy(
    Tx& tx, const monitoring::ReachKey& key);

// How many groups the reach totals hold (sql/reach_group_count.sql).
int64_t ReachGroupCount(Tx& tx);

// VACUUM (ANALYZE) of the whole database after bulk seeding, then a
// CHECKPOINT, on a connection of `pool`: statistics for the planner and
// hint bits set, as autovacuum would leave the tables in time, and no
// checkpoint writing in the background of the measurements that follow.
// UNAVAILABLE or INTERNAL.
absl::Status Settle(ConnectionPool& pool);

}  // namespace grants::bench::seed
