// MonitoringService handlers: convert, call the use case, convert back.
#include "services/monitoring/monitoring_handler.h"

#include "services/common/handler_helpers.h"
#include "common/london_time.h"
#include "services/common/paging.h"
#include "services/common/proto_convert.h"
#include "common/status.h"
#include "services/common/validation.h"
#include "services/monitoring/monitoring_converters.h"

namespace grants::monitoring {

grpc::ServerUnaryReactor* MonitoringHandler::SetReportRequirements(
    Ctx* c, const v1::SetReportRequirementsRequest* req,
    v1::ReportRequirements* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(MonitoringService, SetReportRequirements), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto specs, ToSpecs(*req));
        ASSIGN_OR_RETURN(Requirements r, monitoring_.SetRequirements(
                                             ctx, req->award_id(), specs));
        ToProto(r, LondonDate(ctx.now), resp);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MonitoringHandler::ListReportRequirements(
    Ctx* c, const v1::ListReportRequirementsRequest* req,
    v1::ListReportRequirementsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(MonitoringService, ListReportRequirements), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto filter, ToFilter(*req));
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list,
                         monitoring_.ListRequirements(ctx, filter, page));
        for (const auto& r : list.items)
          ToProto(r, LondonDate(ctx.now), resp->add_requirements());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MonitoringHandler::SubmitReport(
    Ctx* c, const v1::SubmitReportRequest* req, v1::Report* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(MonitoringService, SubmitReport), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        Validator v;
        v.Id("requirement_id", req->requirement_id());
        if (req->content().document_ids_size() > 10)
          v.Add("content.document_ids", "TOO_MANY", "at most 10 documents");
        for (int i = 0; i < req->content().document_ids_size(); ++i)
          v.Id("content.document_ids[" + std::to_string(i) + "]",
               req->content().document_ids(i));
        RETURN_IF_ERROR(v.Finish());
        return Respond(monitoring_.Submit(ctx, req->requirement_id(),
                                          req->content(), OnBehalfOf(*req)),
                       resp);
      });
}

grpc::ServerUnaryReactor* MonitoringHandler::ReviewReport(
    Ctx* c, const v1::ReviewReportRequest* req, v1::Report* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(MonitoringService, ReviewReport), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(ReviewCommand cmd, ToReview(*req));
        return Respond(monitoring_.Review(ctx, cmd.id, cmd.accept, cmd.comment),
                       resp);
      });
}

grpc::ServerUnaryReactor* MonitoringHandler::GetReport(
    Ctx* c, const v1::GetReportRequest* req, v1::Report* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(MonitoringService, GetReport), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("id", req->id()));
                         return Respond(monitoring_.Get(ctx, req->id()), resp);
                       });
}

grpc::ServerUnaryReactor* MonitoringHandler::ListReports(
    Ctx* c, const v1::ListReportsRequest* req, v1::ListReportsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(MonitoringService, ListReports), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto filter, ToFilter(*req));
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list, monitoring_.List(ctx, filter, page));
        for (const auto& r : list.items) ToProto(r, resp->add_reports());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MonitoringHandler::GetReachSummary(
    Ctx* c, const v1::GetReachSummaryRequest* req, v1::ReachSummary* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(MonitoringService, GetReachSummary),
                       *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(ReachKey key, ToReachKey(*req));
                         return Respond(reach_.Summary(ctx, key), resp);
                       });
}

grpc::ServerUnaryReactor* MonitoringHandler::ReleaseReach(
    Ctx* c, const v1::ReleaseReachRequest* req, v1::ReachRelease* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(MonitoringService, ReleaseReach), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("programme_id", req->programme_id()));
        return Respond(
            releases_.Release(ctx, req->programme_id(), req->quarter()), resp);
      });
}

grpc::ServerUnaryReactor* MonitoringHandler::ListReachReleases(
    Ctx* c, const v1::ListReachReleasesRequest* req,
    v1::ListReachReleasesResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(MonitoringService, ListReachReleases), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("programme_id", req->programme_id()));
        ASSIGN_OR_RETURN(auto list, releases_.List(ctx, req->programme_id()));
        for (const auto& r : list) ToProto(r, resp->add_releases());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MonitoringHandler::VerifyReach(
    Ctx* c, const v1::VerifyReachRequest* req, v1::VerifyReachResponse* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(MonitoringService, VerifyReach), *req,
                       [=, this](const RequestContext&) -> absl::Status {
                         return Respond(reach_.Verify(), resp);
                       });
}

grpc::ServerUnaryReactor* MonitoringHandler::SetIndicator(
    Ctx* c, const v1::SetIndicatorRequest* req, v1::Indicator* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(MonitoringService, SetIndicator), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(Indicator i, ToIndicator(*req));
                         return Respond(indicators_.Set(ctx, std::move(i)), resp);
                       });
}

grpc::ServerUnaryReactor* MonitoringHandler::ListIndicators(
    Ctx* c, const v1::ListIndicatorsRequest* req,
    v1::ListIndicatorsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(MonitoringService, ListIndicators), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("programme_id", req->programme_id()));
        ASSIGN_OR_RETURN(auto list, indicators_.List(ctx, req->programme_id()));
        for (const auto& i : list) ToProto(i, resp->add_indicators());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MonitoringHandler::ExportGrants(
    Ctx* c, const v1::ExportGrantsRequest* req, v1::ExportGrantsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(MonitoringService, ExportGrants), *req,
      [=, this](const RequestContext&) -> absl::Status {
        Validator v;
        if (!req->programme_id().empty()) v.Id("programme_id", req->programme_id());
        if (!req->page_token().empty()) v.Id("page_token", req->page_token());
        if (req->page_size() < 0 || req->page_size() > 1000)
          v.Add("page_size", "PAGE_SIZE_INVALID", "1-1000");
        RETURN_IF_ERROR(v.Finish());
        int limit = req->page_size() == 0 ? 500 : req->page_size();
        ASSIGN_OR_RETURN(ExportPage page, exports_.Page(req->programme_id(),
                                                        req->page_token(), limit));
        for (auto& g : page.grants) resp->add_grants(std::move(g));
        for (auto& p : page.problems) resp->add_problems(std::move(p));
        resp->set_next_page_token(page.next_page_token);
        resp->set_total(page.total);
        return absl::OkStatus();
      });
}

}  // namespace grants::monitoring
