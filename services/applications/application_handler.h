// gRPC adapter for ApplicationService.
#pragma once

#include "grants/v1/applications.grpc.pb.h"
#include "services/applications/application_service.h"
#include "services/common/rpc.h"

namespace grants::applications {

class ApplicationHandler final : public v1::ApplicationService::CallbackService {
 public:
  ApplicationHandler(const RpcRunner& rpc, ApplicationService& service)
      : rpc_(rpc), service_(service) {}

  using Ctx = grpc::CallbackServerContext;
  grpc::ServerUnaryReactor* CreateApplication(Ctx* c, const v1::CreateApplicationRequest* req,
                                 v1::Application* resp) override;
  grpc::ServerUnaryReactor* UpdateApplication(Ctx* c, const v1::UpdateApplicationRequest* req,
                                 v1::Application* resp) override;
  grpc::ServerUnaryReactor* SubmitApplication(Ctx* c, const v1::SubmitApplicationRequest* req,
                                 v1::Application* resp) override;
  grpc::ServerUnaryReactor* WithdrawApplication(Ctx* c,
                                   const v1::WithdrawApplicationRequest* req,
                                   v1::Application* resp) override;
  grpc::ServerUnaryReactor* ReturnApplication(Ctx* c, const v1::ReturnApplicationRequest* req,
                                 v1::Application* resp) override;
  grpc::ServerUnaryReactor* GetApplication(Ctx* c, const v1::GetApplicationRequest* req,
                              v1::Application* resp) override;
  grpc::ServerUnaryReactor* ListApplications(Ctx* c, const v1::ListApplicationsRequest* req,
                                v1::ListApplicationsResponse* resp) override;
  grpc::ServerUnaryReactor* GrantExtension(Ctx* c, const v1::GrantExtensionRequest* req,
                              v1::Extension* resp) override;
  grpc::ServerUnaryReactor* ListExtensions(Ctx* c, const v1::ListExtensionsRequest* req,
                              v1::ListExtensionsResponse* resp) override;

 private:
  const RpcRunner& rpc_;
  ApplicationService& service_;
};

}  // namespace grants::applications
