// Monitoring use cases: an award's report requirements, the grantee's
// reports and the officer's review, which maintains the reach totals and
// releases payments due on the final report in the same transaction. Each
// mutation owns its transaction, is idempotent and is audited in it;
// grantees act on and see only their own organisation's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/monitoring.h"
#include "services/audit/audit_recorder.h"
#include "services/common/paging.h"
#include "storage/monitoring_repository.h"
#include "storage/pool.h"

namespace grants::monitoring {

class MonitoringService {
 public:
  MonitoringService(storage::ConnectionPool& pool, const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // Replaces a running award's requirements while it has no report.
  // AWARD_NOT_FOUND, AWARD_NOT_RUNNING, REQUIREMENTS_LOCKED, CheckSpecs'.
  absl::StatusOr<Requirements> SetRequirements(
      const RequestContext& ctx, const std::string& award_id,
      const std::vector<RequirementSpec>& specs);
  // A grantee sees only its own organisation's.
  absl::StatusOr<Listed<Requirement>> ListRequirements(
      const RequestContext& ctx, monitoring::RequirementFilter f,
      const Page& page);
  // REQUIREMENT_NOT_FOUND, ORGANISATION_SCOPE, AWARD_NOT_RUNNING,
  // CheckCanSubmit's, CheckReport's.
  // Also an officer's, acting on behalf of the organisation (`on_behalf`;
  // its errors in services/organisations/on_behalf.h).
  absl::StatusOr<Report> Submit(
      const RequestContext& ctx, const std::string& requirement_id,
      const ReportContent& content,
      const std::optional<OnBehalf>& on_behalf = std::nullopt);
  // Accepts or returns a submitted report. REPORT_NOT_FOUND,
  // REPORT_NOT_SUBMITTED.
  absl::StatusOr<Report> Review(const RequestContext& ctx,
                                const std::string& id, bool accept,
                                const std::string& comment);
  // REPORT_NOT_FOUND, ORGANISATION_SCOPE.
  absl::StatusOr<Report> Get(const RequestContext& ctx, const std::string& id);
  absl::StatusOr<Listed<Report>> List(const RequestContext& ctx,
                                      monitoring::ReportFilter f,
                                      const Page& page);

 private:
  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::monitoring
