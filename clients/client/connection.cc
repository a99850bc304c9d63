// Channels, call contexts and stubs for grantsd's clients.
#include "clients/client/connection.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <chrono>

namespace grants::client {

std::shared_ptr<grpc::Channel> OpenChannel(const std::string& target,
                                           const TlsConfig& tls,
                                           const grpc::ChannelArguments& args) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = tls.ca_pem;
  options.pem_cert_chain = tls.cert_pem;
  options.pem_private_key = tls.key_pem;
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(options), args);
}

void PrepareContext(grpc::ClientContext* context, const std::string& bearer,
                    absl::Duration timeout) {
  context->set_deadline(std::chrono::system_clock::now() +
                        absl::ToChronoMicroseconds(timeout));
  if (!bearer.empty())
    context->AddMetadata("authorization", "Bearer " + bearer);
}

std::unique_ptr<grpc::ClientContext> NewContext(const std::string& bearer,
                                                absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  PrepareContext(context.get(), bearer, timeout);
  return context;
}

Stubs::Stubs(std::shared_ptr<grpc::Channel> channel)
    : channel_(std::move(channel)),
      funding_(v1::FundingService::NewStub(channel_)),
      programmes_(v1::ProgrammeService::NewStub(channel_)),
      audit_(v1::AuditService::NewStub(channel_)),
      organisations_(v1::OrganisationService::NewStub(channel_)),
      applications_(v1::ApplicationService::NewStub(channel_)),
      assessment_(v1::AssessmentService::NewStub(channel_)),
      awards_(v1::AwardService::NewStub(channel_)),
      payments_(v1::PaymentService::NewStub(channel_)),
      finance_(v1::FinanceService::NewStub(channel_)),
      monitoring_(v1::MonitoringService::NewStub(channel_)),
      documents_(v1::DocumentService::NewStub(channel_)),
      sign_in_(v1::SignInService::NewStub(channel_)) {}

}  // namespace grants::client
