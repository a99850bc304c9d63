// The one way every client of grantsd connects: a TLS channel (with a client
// certificate for machines), a call context carrying a deadline and the
// caller's bearer token, and the stubs of every service on one channel.
// grantsctl, the portal, the bench and the tests all connect through it.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/channel_arguments.h>

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "grants/v1/applications.grpc.pb.h"
#include "grants/v1/assessment.grpc.pb.h"
#include "grants/v1/audit.grpc.pb.h"
#include "grants/v1/awards.grpc.pb.h"
#include "grants/v1/funding.grpc.pb.h"
#include "grants/v1/documents.grpc.pb.h"
#include "grants/v1/monitoring.grpc.pb.h"
#include "grants/v1/organisations.grpc.pb.h"
#include "grants/v1/payments.grpc.pb.h"
#include "grants/v1/programmes.grpc.pb.h"
#include "grants/v1/sign_in.grpc.pb.h"

namespace grants::client {

// PEM texts (not paths). An empty CA means the system's trusted roots; a
// certificate and key present the caller as a machine (finance, portal).
struct TlsConfig {
  std::string ca_pem;
  std::string cert_pem;
  std::string key_pem;
};

// A TLS channel to `target` (host:port). `args` tune it (e.g. one TCP
// connection per channel for a load generator).
std::shared_ptr<grpc::Channel> OpenChannel(
    const std::string& target, const TlsConfig& tls,
    const grpc::ChannelArguments& args = grpc::ChannelArguments());

// Sets the deadline `timeout` from now and, unless `bearer` is empty, the
// authorization header.
void PrepareContext(grpc::ClientContext* context, const std::string& bearer,
                    absl::Duration timeout);

// A fresh context prepared as PrepareContext does.
std::unique_ptr<grpc::ClientContext> NewContext(const std::string& bearer,
                                                absl::Duration timeout);

// One stub per service, sharing one channel.
class Stubs {
 public:
  explicit Stubs(std::shared_ptr<grpc::Channel> channel);

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  v1::FundingService::Stub& funding() const { return *funding_; }
  v1::ProgrammeService::Stub& programmes() const { return *programmes_; }
  v1::AuditService::Stub& audit() const { return *audit_; }
  v1::OrganisationService::Stub& organisations() const {
    return *organisations_;
  }
  v1::ApplicationService::Stub& applications() const { return *applications_; }
  v1::AssessmentService::Stub& assessment() const { return *assessment_; }
  v1::AwardService::Stub& awards() const { return *awards_; }
  v1::PaymentService::Stub& payments() const { return *payments_; }
  v1::FinanceService::Stub& finance() const { return *finance_; }
  v1::MonitoringService::Stub& monitoring() const { return *monitoring_; }
  v1::DocumentService::Stub& documents() const { return *documents_; }
  v1::SignInService::Stub& sign_in() const { return *sign_in_; }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::FundingService::Stub> funding_;
  std::unique_ptr<v1::ProgrammeService::Stub> programmes_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
  std::unique_ptr<v1::OrganisationService::Stub> organisations_;
  std::unique_ptr<v1::ApplicationService::Stub> applications_;
  std::unique_ptr<v1::AssessmentService::Stub> assessment_;
  std::unique_ptr<v1::AwardService::Stub> awards_;
  std::unique_ptr<v1::PaymentService::Stub> payments_;
  std::unique_ptr<v1::FinanceService::Stub> finance_;
  std::unique_ptr<v1::MonitoringService::Stub> monitoring_;
  std::unique_ptr<v1::DocumentService::Stub> documents_;
  std::unique_ptr<v1::SignInService::Stub> sign_in_;
};

}  // namespace grants::client
