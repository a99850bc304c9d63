// The portal's gRPC channel.
#include "services/portal/backend.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

namespace grants::portal {

Backend::Backend(const BackendConfig& config) {
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = config.ca_pem;
  tls.pem_cert_chain = config.cert_pem;
  tls.pem_private_key = config.key_pem;
  channel_ = grpc::CreateChannel(config.target, grpc::SslCredentials(tls));
  sign_in_ = v1::SignInService::NewStub(channel_);
  organisations_ = v1::OrganisationService::NewStub(channel_);
  programmes_ = v1::ProgrammeService::NewStub(channel_);
  applications_ = v1::ApplicationService::NewStub(channel_);
  awards_ = v1::AwardService::NewStub(channel_);
  payments_ = v1::PaymentService::NewStub(channel_);
  monitoring_ = v1::MonitoringService::NewStub(channel_);
}

}  // namespace grants::portal
