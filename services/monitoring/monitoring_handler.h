// gRPC adapter for MonitoringService.
#pragma once

#include "grants/v1/monitoring.grpc.pb.h"
#include "services/common/rpc.h"
#include "services/monitoring/export_service.h"
#include "services/monitoring/indicator_service.h"
#include "services/monitoring/monitoring_service.h"
#include "services/monitoring/reach_service.h"
#include "services/monitoring/release_service.h"

namespace grants::monitoring {

class MonitoringHandler final : public v1::MonitoringService::CallbackService {
 public:
  MonitoringHandler(const RpcRunner& rpc, MonitoringService& monitoring,
                    ReachService& reach, IndicatorService& indicators,
                    ReleaseService& releases, ExportService& exports)
      : rpc_(rpc),
        monitoring_(monitoring),
        reach_(reach),
        indicators_(indicators),
        releases_(releases),
        exports_(exports) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  Reactor* SetReportRequirements(Ctx* c,
                                 const v1::SetReportRequirementsRequest* req,
                                 v1::ReportRequirements* resp) override;
  Reactor* ListReportRequirements(
      Ctx* c, const v1::ListReportRequirementsRequest* req,
      v1::ListReportRequirementsResponse* resp) override;
  Reactor* SubmitReport(Ctx* c, const v1::SubmitReportRequest* req,
                        v1::Report* resp) override;
  Reactor* ReviewReport(Ctx* c, const v1::ReviewReportRequest* req,
                        v1::Report* resp) override;
  Reactor* GetReport(Ctx* c, const v1::GetReportRequest* req,
                     v1::Report* resp) override;
  Reactor* ListReports(Ctx* c, const v1::ListReportsRequest* req,
                       v1::ListReportsResponse* resp) override;
  Reactor* GetReachSummary(Ctx* c, const v1::GetReachSummaryRequest* req,
                           v1::ReachSummary* resp) override;
  Reactor* ReleaseReach(Ctx* c, const v1::ReleaseReachRequest* req,
                        v1::ReachRelease* resp) override;
  Reactor* ListReachReleases(Ctx* c, const v1::ListReachReleasesRequest* req,
                             v1::ListReachReleasesResponse* resp) override;
  Reactor* VerifyReach(Ctx* c, const v1::VerifyReachRequest* req,
                       v1::VerifyReachResponse* resp) override;
  Reactor* SetIndicator(Ctx* c, const v1::SetIndicatorRequest* req,
                        v1::Indicator* resp) override;
  Reactor* ListIndicators(Ctx* c, const v1::ListIndicatorsRequest* req,
                          v1::ListIndicatorsResponse* resp) override;
  Reactor* ExportGrants(Ctx* c, const v1::ExportGrantsRequest* req,
                        v1::ExportGrantsResponse* resp) override;

 private:
  const RpcRunner& rpc_;
  MonitoringService& monitoring_;
  ReachService& reach_;
  IndicatorService& indicators_;
  ReleaseService& releases_;
  ExportService& exports_;
};

}  // namespace grants::monitoring
