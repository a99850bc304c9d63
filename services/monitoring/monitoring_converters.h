// Monitoring: proto <-> domain, with field validation (INVALID_ARGUMENT
// naming each offending field).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/monitoring.h"
#include "grants/v1/monitoring.pb.h"

namespace grants::monitoring {

absl::StatusOr<std::vector<RequirementSpec>> ToSpecs(
    const v1::SetReportRequirementsRequest& r);
absl::StatusOr<monitoring::RequirementFilter> ToFilter(
    const v1::ListReportRequirementsRequest& r);
absl::StatusOr<monitoring::ReportFilter> ToFilter(
    const v1::ListReportsRequest& r);
// Returning a report needs a comment (COMMENT_REQUIRED).
struct ReviewCommand {
  std::string id;
  bool accept = false;
  std::string comment;
};
absl::StatusOr<ReviewCommand> ToReview(const v1::ReviewReportRequest& r);
// A scope id for every scope but ALL; a period "" or "YYYY-Qn"; `released`
// carried over.
absl::StatusOr<ReachKey> ToReachKey(const v1::GetReachSummaryRequest& r);

// An indicator: its programme and code, name (1-200), unit (1-50), measure,
// counting rule, an optional community code, and up to 40 periods ("" or
// "YYYY-Qn", each once) with baseline and target >= 0.
absl::StatusOr<Indicator> ToIndicator(const v1::SetIndicatorRequest& r);
void ToProto(const Indicator& i, v1::Indicator* out);

// `today` (London) decides due and overdue.
void ToProto(const Requirement& r, const std::string& today,
             v1::ReportRequirement* out);
void ToProto(const Requirements& r, const std::string& today,
             v1::ReportRequirements* out);
void ToProto(const Report& r, v1::Report* out);
void ToProto(const ReachSummary& s, v1::ReachSummary* out);
void ToProto(const ReachCheck& c, v1::VerifyReachResponse* out);
void ToProto(const ReachRelease& r, v1::ReachRelease* out);

}  // namespace grants::monitoring
