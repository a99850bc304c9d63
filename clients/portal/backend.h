// The portal's connection to grantsd: one TLS channel presenting the
// portal's machine certificate. Sign-in calls go as the portal; every other
// call carries the signed-in grantee's token, so grantsd decides what the
// grantee may see and do, never the portal.
#pragma once

#include <grpcpp/client_context.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "clients/client/client_status.h"
#include "clients/client/connection.h"

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
    client::PrepareContext(&ctx, token, absl::Seconds(15));
    return FromGrpcStatus(rpc(&ctx));
  }

  v1::SignInService::Stub& sign_in() const { return stubs_.sign_in(); }
  v1::OrganisationService::Stub& organisations() const {
    return stubs_.organisations();
  }
  v1::ProgrammeService::Stub& programmes() const { return stubs_.programmes(); }
  v1::ApplicationService::Stub& applications() const {
    return stubs_.applications();
  }
  v1::AwardService::Stub& awards() const { return stubs_.awards(); }
  v1::PaymentService::Stub& payments() const { return stubs_.payments(); }
  v1::MonitoringService::Stub& monitoring() const {
    return stubs_.monitoring();
  }
  v1::DocumentService::Stub& documents() const { return stubs_.documents(); }

 private:
  client::Stubs stubs_;
};

}  // namespace grants::portal
