// The portal's connection to grantsd: one TLS channel presenting the
// portal's machine certificate. Sign-in calls go as the portal; every other
// call carries the signed-in grantee's token, so grantsd decides what the
// grantee may see and do, never the portal.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "grants/v1/applications.grpc.pb.h"
#include "grants/v1/awards.grpc.pb.h"
#include "grants/v1/monitoring.grpc.pb.h"
#include "grants/v1/organisations.grpc.pb.h"
#include "grants/v1/payments.grpc.pb.h"
#include "grants/v1/programmes.grpc.pb.h"
#include "grants/v1/sign_in.grpc.pb.h"
#include "services/common/status.h"

namespace grants::portal {

struct BackendConfig {
  std::string target;    // grantsd host:port
  std::string ca_pem;    // grantsd's server CA
  std::string cert_pem;  // the portal's client certificate (CN portal/...)
  std::string key_pem;
};

class Backend {
 public:
  explicit Backend(const BackendConfig& config);

  // Runs `rpc(context)` with a 15-second deadline, as the grantee holding
  // `token` ("" as the portal itself); grantsd's status with its reason
  // and field violations.
  template <typename Rpc>
  absl::Status Call(const std::string& token, Rpc&& rpc) const {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(15));
    if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
    return FromGrpcStatus(rpc(&ctx));
  }

  v1::SignInService::Stub& sign_in() const { return *sign_in_; }
  v1::OrganisationService::Stub& organisations() const { return *organisations_; }
  v1::ProgrammeService::Stub& programmes() const { return *programmes_; }
  v1::ApplicationService::Stub& applications() const { return *applications_; }
  v1::AwardService::Stub& awards() const { return *awards_; }
  v1::PaymentService::Stub& payments() const { return *payments_; }
  v1::MonitoringService::Stub& monitoring() const { return *monitoring_; }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::SignInService::Stub> sign_in_;
  std::unique_ptr<v1::OrganisationService::Stub> organisations_;
  std::unique_ptr<v1::ProgrammeService::Stub> programmes_;
  std::unique_ptr<v1::ApplicationService::Stub> applications_;
  std::unique_ptr<v1::AwardService::Stub> awards_;
  std::unique_ptr<v1::PaymentService::Stub> payments_;
  std::unique_ptr<v1::MonitoringService::Stub> monitoring_;
};

}  // namespace grants::portal
