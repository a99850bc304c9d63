// Report requirements, reports and reach totals in PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/monitoring.h"
#include "storage/transaction.h"

namespace grants::storage::monitoring_repo {

using grants::monitoring::Indicator;
using grants::monitoring::ReachCheck;
using grants::monitoring::ReachKey;
using grants::monitoring::ReachRow;
using grants::monitoring::Report;
using grants::monitoring::ReportState;
using grants::monitoring::Requirement;

// How many reports the award has (any state).
int64_t ReportCount(Tx& tx, const std::string& award_id);
void DeleteRequirements(Tx& tx, const std::string& award_id);
void InsertRequirement(Tx& tx, const Requirement& r, const std::string& actor,
                       absl::Time now);

using monitoring::RequirementFilter;
// By due date, then award and number; each with its latest report.
std::vector<Requirement> ListRequirements(Tx& tx, const RequirementFilter& f,
                                          int limit, int offset);
// Locked until commit.
std::optional<Requirement> GetRequirementForUpdate(Tx& tx,
                                                   const std::string& id);

// Inserts a SUBMITTED report and its breakdowns.
Report InsertReport(Tx& tx, const Report& r);
std::optional<Report> GetReport(Tx& tx, const std::string& id,
                                bool for_update = false);
using monitoring::ReportFilter;
// Newest first.
std::vector<Report> ListReports(Tx& tx, const ReportFilter& f, int limit,
                                int offset);
// Reviews a submitted report; an accepted one records the award's funders.
void Review(Tx& tx, const std::string& id, ReportState state,
            const std::string& actor, absl::Time now,
            const std::string& comment);

// Adds an accepted report to the reach totals.
void AddToReach(Tx& tx, const std::string& report_id);
// The totals (code "") first, then the dimension's groups, largest first.
std::vector<ReachRow> ReachRows(Tx& tx, const ReachKey& key);
// Maintained groups, and those that differ from a recomputation.
ReachCheck DiffReach(Tx& tx);

// Makes the award's payments due on the final report due on `date`.
void ReleaseFinalPayments(Tx& tx, const std::string& award_id,
                          const std::string& date, absl::Time now);

// Creates or replaces the indicator (by programme and code).
void UpsertIndicator(Tx& tx, const Indicator& i, absl::Time now);
// The programme's indicators (or the one with `code`), with actuals read
// from the programme's reach totals, by code then period.
std::vector<Indicator> ListIndicators(Tx& tx, const std::string& programme_id,
                                      const std::string& code = "");

}  // namespace grants::storage::monitoring_repo
