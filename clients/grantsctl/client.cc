// grantsctl's connection to grantsd.
#include "clients/grantsctl/client.h"

#include <fmt/format.h>
#include <grpc/support/log.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/time/clock.h"
#include "clients/client/client_status.h"
#include "clients/client/retry.h"
#include "clients/grantsctl/flags.h"
#include "common/caller.h"
#include "common/crypto.h"
#include "common/status.h"
#include "common/token_mint.h"

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

absl::StatusOr<client::TlsConfig> TlsConfigOf(const GlobalOptions& options) {
  client::TlsConfig tls;
  // Without --ca, gRPC falls back to the system's trusted roots.
  if (!options.ca_file.empty()) {
    ASSIGN_OR_RETURN(tls.ca_pem, ReadFileForFlag("--ca", options.ca_file));
  }
  bool has_cert = !options.client_cert_file.empty();
  bool has_key = !options.client_key_file.empty();
  if (has_cert != has_key)
    return UsageError(has_cert ? "--client-key" : "--client-cert",
                      "FLAG_REQUIRED",
                      "--client-cert and --client-key go together");
  if (has_cert) {
    ASSIGN_OR_RETURN(tls.cert_pem, ReadFileForFlag("--client-cert",
                                                   options.client_cert_file));
    ASSIGN_OR_RETURN(tls.key_pem,
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
  ASSIGN_OR_RETURN(client::TlsConfig tls, TlsConfigOf(options));
  ASSIGN_OR_RETURN(std::string bearer, BearerToken(options));
  QuietGrpcLogging();
  auto channel = client::OpenChannel(options.server, tls,
                                     client::QuickReconnectArguments());
  return std::unique_ptr<Client>(
      new Client(std::move(channel), std::move(bearer), options.timeout_seconds,
                 options.request_id, options.retries));
}

Client::Client(std::shared_ptr<grpc::Channel> channel, std::string bearer,
               double timeout_seconds, std::string request_id, int retries)
    : stubs_(std::move(channel)),
      bearer_(std::move(bearer)),
      timeout_seconds_(timeout_seconds),
      request_id_(std::move(request_id)),
      retries_(retries) {}

std::string Client::RequestId() const {
  last_request_id_ = request_id_.empty() ? RandomUuid() : request_id_;
  return last_request_id_;
}

absl::Status Client::Call(
    const std::function<grpc::Status(grpc::ClientContext*)>& rpc) const {
  client::RetryPolicy policy;
  policy.attempts = std::max(1, retries_ + 1);
  // --timeout bounds the call with all its retries, not each attempt (a
  // retry waits for the connection).
  absl::Time deadline = absl::Now() + absl::Seconds(timeout_seconds_);
  grpc::Status status = client::CallWithRetry(
      [&] {
        absl::Duration left =
            std::max(deadline - absl::Now(), absl::Milliseconds(1));
        return client::NewContext(bearer_, left);
      },
      rpc, policy);
  // The change may have been made and its reply lost: say how to retry it
  // without making it twice.
  bool unsure = status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
  if (unsure && !last_request_id_.empty())
    fmt::print(stderr,
               "grantsctl: the change may have been made; to retry it "
               "safely, run the same command with --request-id {}\n",
               last_request_id_);
  return FromGrpcStatus(status);
}

}  // namespace grants::ctl
