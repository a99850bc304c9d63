// gRPC adapter for ApplicationService.
#pragma once

#include "grants/v1/applications.grpc.pb.h"
#include "services/applications/application_service.h"
#include "services/common/rpc.h"

namespace grants::applications {

class ApplicationHandler final : public v1::ApplicationService::Service {
 public:
  ApplicationHandler(const RpcRunner& rpc, ApplicationService& service)
      : rpc_(rpc), service_(service) {}

  using Ctx = grpc::ServerContext;
  grpc::Status CreateApplication(Ctx* c, const v1::CreateApplicationRequest* req,
                                 v1::Application* resp) override;
  grpc::Status UpdateApplication(Ctx* c, const v1::UpdateApplicationRequest* req,
                                 v1::Application* resp) override;
  grpc::Status SubmitApplication(Ctx* c, const v1::SubmitApplicationRequest* req,
                                 v1::Application* resp) override;
  grpc::Status WithdrawApplication(Ctx* c,
                                   const v1::WithdrawApplicationRequest* req,
                                   v1::Application* resp) override;
  grpc::Status ReturnApplication(Ctx* c, const v1::ReturnApplicationRequest* req,
                                 v1::Application* resp) override;
  grpc::Status GetApplication(Ctx* c, const v1::GetApplicationRequest* req,
                              v1::Application* resp) override;
  grpc::Status ListApplications(Ctx* c, const v1::ListApplicationsRequest* req,
                                v1::ListApplicationsResponse* resp) override;
  grpc::Status GrantExtension(Ctx* c, const v1::GrantExtensionRequest* req,
                              v1::Extension* resp) override;
  grpc::Status ListExtensions(Ctx* c, const v1::ListExtensionsRequest* req,
                              v1::ListExtensionsResponse* resp) override;

 private:
  const RpcRunner& rpc_;
  ApplicationService& service_;
};

}  // namespace grants::applications
