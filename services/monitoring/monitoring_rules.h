// Pure monitoring rules: when a requirement falls due, where it stands by
// the server's clock, what a report must hold (breakdowns never above their
// totals, codes from the lists), and whether a report may be submitted.
// No I/O; unit-tested directly.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/monitoring.h"

namespace grants::monitoring {

// The age bands a breakdown may use.
const std::vector<std::string>& AgeBands();

// 1-12 requirements with exactly one final report. INVALID_ARGUMENT
// COUNT_INVALID, FINAL_REPORT_COUNT, DUE_DATE_REQUIRED, DAYS_INVALID.
absl::Status CheckSpecs(const std::vector<RequirementSpec>& specs);

// A requirement's due date ("YYYY-MM-DD"): fixed, or `days_after` the
// award's acceptance or the round's close (London dates).
std::string DueDate(const RequirementSpec& spec, const std::string& accepted_on,
                    const std::string& round_closed_on);

// Where `r` stands on London date `today`, and whole days past due (0
// unless overdue). Due and returned requirements are overdue after their
// due date; submitted and accepted ones never are.
std::pair<RequirementStatus, int> StatusOf(const Requirement& r,
                                           const std::string& today);

// A new report is allowed while none is under review or accepted.
// FAILED_PRECONDITION REPORT_UNDER_REVIEW, REPORT_ACCEPTED.
absl::Status CheckCanSubmit(const Requirement& r);

// The report's content against the award: dates, text limits, counts >= 0,
// each breakdown's code from its list (the programme's communities, GSS
// codes, ISO 639, AgeBands) and once per dimension, every dimension's parts
// within the totals (BREAKDOWN_EXCEEDS_TOTAL, naming the part that passes
// the total), spend in the award's currency, spend per budget line (each
// line of the application once: BUDGET_LINE_UNKNOWN, BUDGET_LINE_REPEATED;
// a final report that states it, every line, BUDGET_LINE_SPEND_REQUIRED,
// summing to the spend to date, SPEND_SUM_MISMATCH). INVALID_ARGUMENT with
// every violation.
absl::Status CheckReport(const ReportContent& c, const ReportContext& ctx);

}  // namespace grants::monitoring
