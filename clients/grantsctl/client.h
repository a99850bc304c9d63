// grantsctl's connection to grantsd: TLS channel, credentials, call context.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clients/client/connection.h"

namespace grants::ctl {

// The global options, as parsed from flags and GRANTS_* variables.
struct GlobalOptions {
  std::string server = "127.0.0.1:50051";
  std::string ca_file;
  std::string token;
  std::string signing_key_file;
  std::string as_role;
  std::string subject;
  std::string org;
  std::string funder;
  std::string client_cert_file;
  std::string client_key_file;
  std::string output = "table";
  double timeout_seconds = 30;
  std::string request_id;
  // Retries of a call refused with UNAVAILABLE (grantsd restarting, its
  // database failing over), with backoff, the request (and request_id)
  // unchanged.
  int retries = 4;
};

// Reads a whole file; a local FILE_UNREADABLE error naming `flag` otherwise.
absl::StatusOr<std::string> ReadFileForFlag(const std::string& flag,
                                            const std::string& path);

// One connection to grantsd with the caller's credentials.
class Client {
 public:
  // Reads the TLS files and resolves the bearer token (given, or minted
  // from --signing-key). All errors are local (usage) errors.
  static absl::StatusOr<std::unique_ptr<Client>> Connect(
      const GlobalOptions& options);

  // The idempotency key for a mutation: --request-id, else a fresh UUID.
  std::string RequestId() const;

  // Runs one RPC with a fresh context (deadline, authorization metadata),
  // again after a backoff while it returns UNAVAILABLE (up to --retries
  // times, the same request each time, all within --timeout), and converts
  // its status with
  // FromGrpcStatus (reason, field violations). When it still fails with
  // UNAVAILABLE or DEADLINE_EXCEEDED, prints the request_id to retry with.
  absl::Status Call(
      const std::function<grpc::Status(grpc::ClientContext*)>& rpc) const;

  // The stubs of every service, on this connection's channel.
  const client::Stubs& stubs() const { return stubs_; }
  v1::FundingService::Stub& funding() const { return stubs_.funding(); }
  v1::ProgrammeService::Stub& programmes() const { return stubs_.programmes(); }
  v1::AuditService::Stub& audit() const { return stubs_.audit(); }
  v1::OrganisationService::Stub& organisations() const {
    return stubs_.organisations();
  }
  v1::ApplicationService::Stub& applications() const {
    return stubs_.applications();
  }
  v1::AssessmentService::Stub& assessment() const {
    return stubs_.assessment();
  }
  v1::AwardService::Stub& awards() const { return stubs_.awards(); }
  v1::PaymentService::Stub& payments() const { return stubs_.payments(); }
  v1::MonitoringService::Stub& monitoring() const {
    return stubs_.monitoring();
  }
  v1::DocumentService::Stub& documents() const { return stubs_.documents(); }

 private:
  Client(std::shared_ptr<grpc::Channel> channel, std::string bearer,
         double timeout_seconds, std::string request_id, int retries);

  client::Stubs stubs_;
  std::string bearer_;
  double timeout_seconds_;
  std::string request_id_;
  int retries_;
  mutable std::string last_request_id_;  // the latest RequestId() gave
};

}  // namespace grants::ctl
