// The retention schedule in PostgreSQL (issue #15): its rules, and the
// statements of one sweep batch (queries/retention_*), each taking the
// cutoff and a batch size and locking what it takes with SKIP LOCKED, so
// several grantsd sweep at once without waiting on or repeating each other.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "domain/organisations.h"
#include "grants/v1/monitoring.pb.h"
#include "storage/erasure_repository.h"
#include "storage/transaction.h"

namespace grants::storage::retention_repo {

std::vector<organisations::RetentionRule> Rules(Tx& tx);
// Locks the class's rule; nullopt when there is no such class.
std::optional<organisations::RetentionRule> RuleForUpdate(
    Tx& tx, const std::string& record_class);
organisations::RetentionRule SetPeriod(Tx& tx, const std::string& record_class,
                                       int keep_days, const std::string& by,
                                       absl::Time now);
// The class's last sweep: at `now`, `count` records.
void RecordSweep(Tx& tx, const std::string& record_class, int64_t count,
                 absl::Time now);

// Whether `record_class` is swept by one statement (SweepBatch).
bool SweptBySql(const std::string& record_class);
// One batch of a class swept by one statement: up to `limit` records whose
// period ran out before `cutoff` deleted or erased; how many.
int64_t SweepBatch(Tx& tx, const std::string& record_class, absl::Time cutoff,
                   int limit);

// Up to `limit` declined or withdrawn applications due, locked.
std::vector<erasure_repo::ApplicationWords> ClosedApplications(
    Tx& tx, absl::Time cutoff, int limit);
void MarkApplicationErased(Tx& tx, const std::string& application_id,
                           absl::Time now);

// Up to `limit` reports of awards that ended before `cutoff`, locked.
std::vector<std::pair<std::string, v1::ReportContent>> EndedReports(
    Tx& tx, absl::Time cutoff, int limit);
void SetReportWords(Tx& tx, const std::string& report_id,
                    const v1::ReportContent& content, absl::Time now);

// Up to `limit` organisations that never had an award and are idle since
// before `cutoff`, locked.
std::vector<std::string> UnsuccessfulGroups(Tx& tx, absl::Time cutoff,
                                            int limit);

}  // namespace grants::storage::retention_repo
