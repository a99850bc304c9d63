// grantsctl's connection to grantsd: TLS channel, credentials, call context.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "grants/v1/applications.grpc.pb.h"
#include "grants/v1/assessment.grpc.pb.h"
#include "grants/v1/audit.grpc.pb.h"
#include "grants/v1/awards.grpc.pb.h"
#include "grants/v1/funding.grpc.pb.h"
#include "grants/v1/organisations.grpc.pb.h"
#include "grants/v1/monitoring.grpc.pb.h"
#include "grants/v1/payments.grpc.pb.h"
#include "grants/v1/programmes.grpc.pb.h"

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

  // Runs one RPC with a fresh context (deadline, authorization metadata)
  // and converts its status with FromGrpcStatus (reason, field violations).
  absl::Status Call(
      const std::function<grpc::Status(grpc::ClientContext*)>& rpc) const;

  v1::FundingService::Stub& funding() { return *funding_; }
  v1::ProgrammeService::Stub& programmes() { return *programmes_; }
  v1::AuditService::Stub& audit() { return *audit_; }
  v1::OrganisationService::Stub& organisations() { return *organisations_; }
  v1::ApplicationService::Stub& applications() { return *applications_; }
  v1::AssessmentService::Stub& assessment() { return *assessment_; }
  v1::AwardService::Stub& awards() { return *awards_; }
  v1::PaymentService::Stub& payments() { return *payments_; }
  v1::MonitoringService::Stub& monitoring() { return *monitoring_; }

 private:
  Client(std::shared_ptr<grpc::Channel> channel, std::string bearer,
         double timeout_seconds, std::string request_id);

  std::shared_ptr<grpc::Channel> channel_;
  std::string bearer_;
  double timeout_seconds_;
  std::string request_id_;
  std::unique_ptr<v1::FundingService::Stub> funding_;
  std::unique_ptr<v1::ProgrammeService::Stub> programmes_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
  std::unique_ptr<v1::OrganisationService::Stub> organisations_;
  std::unique_ptr<v1::ApplicationService::Stub> applications_;
  std::unique_ptr<v1::AssessmentService::Stub> assessment_;
  std::unique_ptr<v1::AwardService::Stub> awards_;
  std::unique_ptr<v1::PaymentService::Stub> payments_;
  std::unique_ptr<v1::MonitoringService::Stub> monitoring_;
};

}  // namespace grants::ctl
