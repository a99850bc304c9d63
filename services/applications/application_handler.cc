// ApplicationService handlers: convert, call the use case, convert back.
#include "services/applications/application_handler.h"

#include "services/applications/application_converters.h"
#include "services/common/handler_helpers.h"
#include "services/common/proto_convert.h"
#include "common/status.h"
#include "services/common/validation.h"

namespace grants::applications {
grpc::ServerUnaryReactor* ApplicationHandler::CreateApplication(
    Ctx* c, const v1::CreateApplicationRequest* req, v1::Application* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ApplicationService, CreateApplication), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("round_id", req->round_id()));
        return Respond(service_.Create(ctx, req->round_id(), req->content(),
                                       OnBehalfOf(*req)),
                       resp);
      });
}

grpc::ServerUnaryReactor* ApplicationHandler::UpdateApplication(
    Ctx* c, const v1::UpdateApplicationRequest* req, v1::Application* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ApplicationService, UpdateApplication), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("id", req->id()));
        return Respond(
            service_.Update(ctx, req->id(), req->content(), OnBehalfOf(*req)),
            resp);
      });
}

grpc::ServerUnaryReactor* ApplicationHandler::SubmitApplication(
    Ctx* c, const v1::SubmitApplicationRequest* req, v1::Application* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(ApplicationService, SubmitApplication),
                       *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("id", req->id()));
                         return Respond(
                             service_.Submit(ctx, req->id(), OnBehalfOf(*req)),
                             resp);
                       });
}

grpc::ServerUnaryReactor* ApplicationHandler::WithdrawApplication(
    Ctx* c, const v1::WithdrawApplicationRequest* req, v1::Application* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ApplicationService, WithdrawApplication), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(Validator()
                            .Id("id", req->id())
                            .Text("reason", req->reason(), 0, kMaxNoteChars)
                            .Finish());
        return Respond(service_.Withdraw(ctx, req->id(), req->reason()), resp);
      });
}

grpc::ServerUnaryReactor* ApplicationHandler::ReturnApplication(
    Ctx* c, const v1::ReturnApplicationRequest* req, v1::Application* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ApplicationService, ReturnApplication), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(Validator()
                            .Id("id", req->id())
                            .Multiline("comment", req->comment(), 1, 2000)
                            .Finish());
        return Respond(service_.Return(ctx, req->id(), req->comment()), resp);
      });
}

grpc::ServerUnaryReactor* ApplicationHandler::GetApplication(
    Ctx* c, const v1::GetApplicationRequest* req, v1::Application* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(ApplicationService, GetApplication),
                       *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("id", req->id()));
                         return Respond(service_.Get(ctx, req->id()), resp);
                       });
}

grpc::ServerUnaryReactor* ApplicationHandler::ListApplications(
    Ctx* c, const v1::ListApplicationsRequest* req,
    v1::ListApplicationsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ApplicationService, ListApplications), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto filter, ToFilter(*req));
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list, service_.List(ctx, filter, page));
        for (const auto& a : list.items) ToProto(a, resp->add_applications());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ApplicationHandler::GrantExtension(
    Ctx* c, const v1::GrantExtensionRequest* req, v1::Extension* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ApplicationService, GrantExtension), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto ext, ToExtension(*req));
        ASSIGN_OR_RETURN(auto granted, service_.GrantExtension(ctx, ext));
        ToProto(granted, resp);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ApplicationHandler::ListExtensions(
    Ctx* c, const v1::ListExtensionsRequest* req,
    v1::ListExtensionsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ApplicationService, ListExtensions), *req,
      [=, this](const RequestContext&) -> absl::Status {
        RETURN_IF_ERROR(ValidId("round_id", req->round_id()));
        ASSIGN_OR_RETURN(auto list, service_.ListExtensions(req->round_id()));
        for (const auto& e : list) ToProto(e, resp->add_extensions());
        return absl::OkStatus();
      });
}

}  // namespace grants::applications
