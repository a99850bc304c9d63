// grantsctl's connection to grantsd.
#include "tools/grantsctl/client.h"

#include <fmt/format.h>
#include <grpc/support/log.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/time/clock.h"
#include "services/common/caller.h"
#include "services/common/crypto.h"
#include "services/common/status.h"
#include "services/common/token.h"
#include "tools/grantsctl/flags.h"

namespace grants::ctl {
namespace {

// Dev tokens live just long enough for one invocation.
constexpr absl::Duration kDevTokenTtl = absl::Minutes(5);

void DiscardGrpcLog(gpr_log_func_args*) {}

// gRPC logs handshake failures itself; the status already says it, and an
// error must be one line. GRPC_VERBOSITY=... brings gRPC's logging back.
void QuietGrpcLogging() {
  if (std::getenv("GRPC_VERBOSITY") == nullptr)
    gpr_set_log_function(DiscardGrpcLog);
}

absl::StatusOr<grpc::SslCredentialsOptions> TlsOptions(
    const GlobalOptions& options) {
  grpc::SslCredentialsOptions tls;
  // Without --ca, gRPC falls back to the system's trusted roots.
  if (!options.ca_file.empty()) {
    ASSIGN_OR_RETURN(tls.pem_root_certs,
                     ReadFileForFlag("--ca", options.ca_file));
  }
  bool has_cert = !options.client_cert_file.empty();
  bool has_key = !options.client_key_file.empty();
  if (has_cert != has_key)
    return UsageError(has_cert ? "--client-key" : "--client-cert",
                      "FLAG_REQUIRED",
                      "--client-cert and --client-key go together");
  if (has_cert) {
    ASSIGN_OR_RETURN(
        tls.pem_cert_chain,
        ReadFileForFlag("--client-cert", options.client_cert_file));
    ASSIGN_OR_RETURN(tls.pem_private_key,
                     ReadFileForFlag("--client-key", options.client_key_file));
  }
  return tls;
}

// The bearer token: --token as given, else one minted with --signing-key,
// else none (the client certificate, if any, identifies the caller).
absl::StatusOr<std::string> BearerToken(const GlobalOptions& options) {
  if (!options.token.empty()) return options.token;
  if (options.signing_key_file.empty()) return std::string();
  std::string role_name = options.as_role.empty() ? "officer" : options.as_role;
  std::optional<Role> role = ParseRole(role_name);
  if (!role)
    return UsageError("--as", "ROLE_INVALID",
                      fmt::format("unknown role \"{}\"", role_name));
  ASSIGN_OR_RETURN(std::string key,
                   ReadFileForFlag("--signing-key", options.signing_key_file));
  TokenClaims claims;
  claims.caller.role = *role;
  claims.caller.subject =
      options.subject.empty() ? "dev-" + role_name : options.subject;
  claims.caller.organisation_id = options.org;
  claims.caller.funder_id = options.funder;
  claims.ttl = kDevTokenTtl;
  absl::StatusOr<std::string> token = MintToken(key, claims, absl::Now());
  if (!token.ok()) return UsageErrorFrom("--signing-key", token.status());
  return token;
}

}  // namespace

absl::StatusOr<std::string> ReadFileForFlag(const std::string& flag,
                                            const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in.is_open()) text << in.rdbuf();
  // An empty result also covers directories, which open but do not read.
  if (!in.is_open() || text.str().empty())
    return UsageError(flag, "FILE_UNREADABLE",
                      fmt::format("cannot read {} (missing or empty)", path));
  return text.str();
}

absl::StatusOr<std::unique_ptr<Client>> Client::Connect(
    const GlobalOptions& options) {
  ASSIGN_OR_RETURN(grpc::SslCredentialsOptions tls, TlsOptions(options));
  ASSIGN_OR_RETURN(std::string bearer, BearerToken(options));
  QuietGrpcLogging();
  auto channel = grpc::CreateChannel(options.server, grpc::SslCredentials(tls));
  return std::unique_ptr<Client>(
      new Client(std::move(channel), std::move(bearer), options.timeout_seconds,
                 options.request_id));
}

Client::Client(std::shared_ptr<grpc::Channel> channel, std::string bearer,
               double timeout_seconds, std::string request_id)
    : channel_(std::move(channel)),
      bearer_(std::move(bearer)),
      timeout_seconds_(timeout_seconds),
      request_id_(std::move(request_id)),
      funding_(v1::FundingService::NewStub(channel_)),
      programmes_(v1::ProgrammeService::NewStub(channel_)),
      audit_(v1::AuditService::NewStub(channel_)),
      organisations_(v1::OrganisationService::NewStub(channel_)),
      applications_(v1::ApplicationService::NewStub(channel_)),
      assessment_(v1::AssessmentService::NewStub(channel_)),
      awards_(v1::AwardService::NewStub(channel_)),
      payments_(v1::PaymentService::NewStub(channel_)),
      monitoring_(v1::MonitoringService::NewStub(channel_)) {}

std::string Client::RequestId() const {
  return request_id_.empty() ? RandomUuid() : request_id_;
}

absl::Status Client::Call(
    const std::function<grpc::Status(grpc::ClientContext*)>& rpc) const {
  grpc::ClientContext context;
  auto timeout =
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::duration<double>(timeout_seconds_));
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  if (!bearer_.empty())
    context.AddMetadata("authorization", "Bearer " + bearer_);
  return FromGrpcStatus(rpc(&context));
}

}  // namespace grants::ctl
