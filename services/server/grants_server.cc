// GrantsServer: wiring only; no rules, no SQL.
#include "services/server/grants_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/status.h"
#include "services/applications/application_handler.h"
#include "services/assessment/assessment_handler.h"
#include "services/audit/audit_handler.h"
#include "services/audit/audit_recorder.h"
#include "services/audit/audit_service.h"
#include "services/awards/award_handler.h"
#include "services/common/rpc.h"
#include "services/documents/document_handler.h"
#include "services/funding/funding_handler.h"
#include "services/monitoring/monitoring_handler.h"
#include "services/notifications/outbox_service.h"
#include "services/organisations/organisation_handler.h"
#include "services/payments/payment_handler.h"
#include "services/programmes/programme_handler.h"
#include "services/sign_in/sign_in_handler.h"
#include "storage/people_repository.h"
#include "storage/pool.h"
#include "storage/sign_in_repository.h"
#include "storage/transaction.h"

namespace grants::server {

struct GrantsServer::Parts {
  std::unique_ptr<storage::ConnectionPool> pool;
  std::unique_ptr<audit::Recorder> recorder;
  std::unique_ptr<RpcRunner> rpc;
  std::unique_ptr<audit::AuditService> audit;
  std::unique_ptr<funding::FundingService> funding;
  std::unique_ptr<programmes::ProgrammeService> programmes;
  std::unique_ptr<organisations::OrganisationService> organisations;
  std::unique_ptr<organisations::RetentionService> retention;
  std::unique_ptr<applications::ApplicationService> applications;
  std::unique_ptr<assessment::AssessmentService> assessment;
  std::unique_ptr<awards::DecisionService> decisions;
  std::unique_ptr<awards::AwardService> awards;
  std::unique_ptr<awards::VariationService> variations;
  std::unique_ptr<payments::PaymentService> payments;
  std::unique_ptr<payments::FinanceService> finance;
  std::unique_ptr<payments::RecoveryService> recoveries;
  std::unique_ptr<monitoring::MonitoringService> monitoring;
  std::unique_ptr<monitoring::ReachService> reach;
  std::unique_ptr<monitoring::IndicatorService> indicators;
  std::unique_ptr<monitoring::ReleaseService> releases;
  std::unique_ptr<monitoring::ExportService> exports;
  std::unique_ptr<documents::DocumentService> documents;
  std::unique_ptr<notifications::OutboxService> outbox;
  std::unique_ptr<sign_in::SignInService> sign_in;
  std::vector<std::unique_ptr<grpc::Service>> handlers;
  std::vector<std::string> service_names;
  // Last, so it is destroyed first: its workers finish their queued calls
  // while everything those calls use still exists.
  std::unique_ptr<WorkerPool> workers;
};

namespace {

// Calls waiting for a worker before new ones are refused (UNAVAILABLE
// SERVER_BUSY): at ~1,500 calls/s, about a third of a second of work, and
// at most 128 MiB of requests held (512 x 256 KiB). Far more callers than
// that waiting means the database is stalled or the server overloaded; a
// quick refusal lets a load balancer or the client's retry go elsewhere.
constexpr size_t kMaxQueuedCalls = 512;

storage::PoolOptions PoolOptionsOf(const ServerConfig& c) {
  storage::PoolOptions options;
  options.size = c.pool_size;
  options.connect_timeout_s = c.db_connect_timeout_s;
  options.statement_timeout_ms = c.db_statement_timeout_ms;
  return options;
}

bool Hosts(const ServerConfig& c, const std::string& name) {
  return std::find(c.services.begin(), c.services.end(), name) !=
         c.services.end();
}

std::shared_ptr<grpc::ServerCredentials> Credentials(const ServerSecrets& s) {
  // Client certificates are optional (people use bearer tokens) but, when
  // presented, must chain to the configured CA.
  grpc::SslServerCredentialsOptions opts(
      GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY);
  opts.pem_root_certs = s.client_ca;
  opts.pem_key_cert_pairs.push_back({s.tls_key, s.tls_cert});
  return grpc::SslServerCredentials(opts);
}

// Builds the services the config names, adding handlers to `p`.
// The outbox's dispatcher delivers to the SMTP relay or the spool
// directory the configuration names (validated: not both), else is off.
std::unique_ptr<notifications::Transport> OutboxTransport(
    const ServerConfig& c, const ServerSecrets& secrets) {
  if (!c.smtp_url.empty())
    return notifications::MakeSmtpTransport(
        {.url = c.smtp_url,
         .require_tls = c.smtp_tls != "none",
         .username = c.smtp_user,
         .password = secrets.smtp_password,
         .ca_file = c.smtp_ca_file},
        c.notification_from);
  if (!c.notification_spool.empty())
    return notifications::MakeSpoolTransport(c.notification_spool);
  return nullptr;
}

void BuildAreas(const ServerConfig& c, const ServerSecrets& secrets,
                GrantsServer::Parts* p) {
  p->audit = std::make_unique<audit::AuditService>(
      *p->pool, p->recorder->key(), secrets.audit_checkpoint_key);
  if (Hosts(c, "funding")) {
    p->funding =
        std::make_unique<funding::FundingService>(*p->pool, *p->recorder);
    p->handlers.push_back(
        std::make_unique<funding::FundingHandler>(*p->rpc, *p->funding));
    p->service_names.push_back("grants.v1.FundingService");
  }
  if (Hosts(c, "programmes")) {
    p->programmes =
        std::make_unique<programmes::ProgrammeService>(*p->pool, *p->recorder);
    p->handlers.push_back(std::make_unique<programmes::ProgrammeHandler>(
        *p->rpc, *p->programmes));
    p->service_names.push_back("grants.v1.ProgrammeService");
  }
  if (Hosts(c, "organisations")) {
    p->organisations = std::make_unique<organisations::OrganisationService>(
        *p->pool, *p->recorder);
    p->retention = std::make_unique<organisations::RetentionService>(
        *p->pool, *p->recorder, c.notification_spool);
    p->handlers.push_back(std::make_unique<organisations::OrganisationHandler>(
        *p->rpc, *p->organisations, *p->retention));
    p->service_names.push_back("grants.v1.OrganisationService");
  }
  if (Hosts(c, "applications")) {
    p->applications = std::make_unique<applications::ApplicationService>(
        *p->pool, *p->recorder);
    p->handlers.push_back(std::make_unique<applications::ApplicationHandler>(
        *p->rpc, *p->applications));
    p->service_names.push_back("grants.v1.ApplicationService");
  }
  if (Hosts(c, "assessment")) {
    p->assessment =
        std::make_unique<assessment::AssessmentService>(*p->pool, *p->recorder);
    p->handlers.push_back(std::make_unique<assessment::AssessmentHandler>(
        *p->rpc, *p->assessment));
    p->service_names.push_back("grants.v1.AssessmentService");
  }
  if (Hosts(c, "audit")) {
    p->handlers.push_back(
        std::make_unique<audit::AuditHandler>(*p->rpc, *p->audit));
    p->service_names.push_back("grants.v1.AuditService");
  }
  if (Hosts(c, "awards")) {
    p->decisions =
        std::make_unique<awards::DecisionService>(*p->pool, *p->recorder);
    p->awards = std::make_unique<awards::AwardService>(*p->pool, *p->recorder);
    p->variations =
        std::make_unique<awards::VariationService>(*p->pool, *p->recorder);
    p->handlers.push_back(std::make_unique<awards::AwardHandler>(
        *p->rpc, *p->decisions, *p->awards, *p->variations));
    p->service_names.push_back("grants.v1.AwardService");
  }
  if (Hosts(c, "payments")) {
    p->payments =
        std::make_unique<payments::PaymentService>(*p->pool, *p->recorder);
    p->finance =
        std::make_unique<payments::FinanceService>(*p->pool, *p->recorder);
    p->recoveries =
        std::make_unique<payments::RecoveryService>(*p->pool, *p->recorder);
    p->handlers.push_back(std::make_unique<payments::PaymentHandler>(
        *p->rpc, *p->payments, *p->finance, *p->recoveries));
    p->handlers.push_back(std::make_unique<payments::FinanceHandler>(
        *p->rpc, *p->finance, *p->recoveries));
    p->service_names.push_back("grants.v1.PaymentService");
    p->service_names.push_back("grants.v1.FinanceService");
  }
  if (Hosts(c, "monitoring")) {
    p->monitoring =
        std::make_unique<monitoring::MonitoringService>(*p->pool, *p->recorder);
    p->reach = std::make_unique<monitoring::ReachService>(*p->pool);
    p->indicators =
        std::make_unique<monitoring::IndicatorService>(*p->pool, *p->recorder);
    p->releases =
        std::make_unique<monitoring::ReleaseService>(*p->pool, *p->recorder);
    p->exports = std::make_unique<monitoring::ExportService>(*p->pool);
    p->handlers.push_back(std::make_unique<monitoring::MonitoringHandler>(
        *p->rpc, *p->monitoring, *p->reach, *p->indicators, *p->releases,
        *p->exports));
    p->service_names.push_back("grants.v1.MonitoringService");
  }
  if (Hosts(c, "documents")) {
    p->documents = std::make_unique<documents::DocumentService>(
        *p->pool, *p->recorder,
        std::make_unique<documents::ClamdScanner>(c.clamd_address,
                                                  absl::Seconds(30)),
        documents::DocumentSettings{.max_bytes = c.max_document_bytes,
                                    .directory = c.documents_dir});
    p->handlers.push_back(
        std::make_unique<documents::DocumentHandler>(*p->rpc, *p->documents));
    p->service_names.push_back("grants.v1.DocumentService");
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<GrantsServer>> GrantsServer::Start(
    const ServerConfig& config, const ServerSecrets& secrets,
    const Clock& clock, Metrics* metrics) {
  std::unique_ptr<GrantsServer> s(new GrantsServer());
  s->metrics_ = metrics;
  s->parts_ = std::make_unique<Parts>();
  Parts& p = *s->parts_;
  ASSIGN_OR_RETURN(p.pool, storage::ConnectionPool::Open(
                               config.database, PoolOptionsOf(config)));
  if (metrics)
    p.pool->ObserveInUse([metrics](int n) { metrics->SetPoolInUse(n); });
  p.recorder = std::make_unique<audit::Recorder>(secrets.audit_key);
  TokenPolicy tokens;
  tokens.public_keys_pem = secrets.jwt_public_keys;
  if (!secrets.session_public_key.empty())  // our own grantee sessions only
    tokens.grantee_only_keys_pem.push_back(secrets.session_public_key);
  tokens.issuer = config.jwt_issuer;
  tokens.audience = config.jwt_audience;
  ASSIGN_OR_RETURN(TokenVerifier verifier, TokenVerifier::Create(tokens));
  // One worker per connection: a worker never waits for the pool.
  p.workers = std::make_unique<WorkerPool>(config.pool_size, kMaxQueuedCalls);
  p.rpc = std::make_unique<RpcRunner>(
      std::move(verifier), clock, metrics, *p.workers,
      static_cast<size_t>(config.max_message_bytes),
      [parts = &p](const RequestContext& ctx, const std::string& entity_id,
                   const absl::Status& refusal) {
        parts->recorder->RecordRefusal(*parts->pool, ctx, entity_id, refusal);
      },
      [parts = &p, &clock](const Caller& person) {
        absl::Status written =
            storage::RunInTransaction(*parts->pool, [&](storage::Tx& tx) {
              storage::people_repo::Record(tx, person.subject,
                                           std::string(RoleName(person.role)),
                                           clock.Now());
              return absl::OkStatus();
            });
        if (!written.ok())
          spdlog::warn(nlohmann::json{{"event", "person_record_failed"},
                                      {"reason", ReasonOf(written)}}
                           .dump());
      },
      [parts = &p](const std::string& token_sha256) -> absl::StatusOr<bool> {
        bool revoked = false;
        RETURN_IF_ERROR(
            storage::RunInTransaction(*parts->pool, [&](storage::Tx& tx) {
              revoked = storage::sign_in_repo::SessionRevoked(tx, token_sha256);
              return absl::OkStatus();
            }));
        return revoked;
      });
  BuildAreas(config, secrets, &p);
  if (!secrets.session_signing_key.empty()) {
    p.sign_in = std::make_unique<sign_in::SignInService>(
        *p.pool, *p.recorder,
        sign_in::SignInSettings{.signing_key_pem = secrets.session_signing_key,
                                .issuer = config.jwt_issuer,
                                .audience = config.jwt_audience,
                                .portal_url = config.portal_url});
    p.handlers.push_back(
        std::make_unique<sign_in::SignInHandler>(*p.rpc, *p.sign_in));
    p.service_names.push_back("grants.v1.SignInService");
  }
  if (auto transport = OutboxTransport(config, secrets))
    p.outbox = std::make_unique<notifications::OutboxService>(
        *p.pool, *p.recorder, std::move(transport), config.notification_from,
        notifications::OutboxSettings{.portal_url = config.portal_url,
                                      .digest_to = config.officer_digest_to});

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config.listen, Credentials(secrets), &s->port_);
  // The quota caps the threads of the synchronous services (health,
  // reflection); ours are callback services run by the workers.
  grpc::ResourceQuota quota("grantsd");
  quota.SetMaxThreads(config.max_threads);
  builder.SetResourceQuota(quota);
  // The transport refuses a request over our own limit before reading it
  // all (RESOURCE_EXHAUSTED); a queued call holds at most this much.
  builder.SetMaxReceiveMessageSize(config.max_message_bytes);
  for (auto& h : p.handlers) builder.RegisterService(h.get());
  s->server_ = builder.BuildAndStart();
  if (!s->server_ || s->port_ == 0)
    return InvalidField("--listen", "CONFIG_INVALID",
                        "cannot listen on " + config.listen);
  auto* health = s->server_->GetHealthCheckService();
  for (const auto& name : p.service_names) health->SetServingStatus(name, true);
  health->SetServingStatus(true);
  s->clock_ = &clock;
  s->sealer_ = std::thread(&GrantsServer::SealLoop, s.get(),
                           absl::Milliseconds(config.seal_interval_ms));
  if (p.outbox)
    s->outbox_ = std::thread(&GrantsServer::OutboxLoop, s.get(),
                             absl::Milliseconds(config.outbox_interval_ms));
  s->prober_ = std::thread(&GrantsServer::ProbeLoop, s.get(),
                           absl::Milliseconds(config.health_probe_interval_ms));
  if (p.retention && config.retention_interval_ms > 0)
    s->retention_ =
        std::thread(&GrantsServer::RetentionLoop, s.get(),
                    absl::Milliseconds(config.retention_interval_ms));
  return s;
}

void GrantsServer::Every(absl::Duration interval,
                         const std::function<void()>& step) {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    stop_cv_.wait_for(lock, absl::ToChronoMilliseconds(interval),
                      [&] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    step();
    lock.lock();
  }
}

void GrantsServer::SealLoop(absl::Duration interval) {
  Every(interval, [this] {
    absl::Status sealed = SealAuditNow();
    if (!sealed.ok())
      spdlog::warn(nlohmann::json{{"event", "audit_seal_failed"},
                                  {"reason", ReasonOf(sealed)}}
                       .dump());
  });
}

void GrantsServer::ProbeLoop(absl::Duration interval) {
  // Cut a probe that has heard nothing back after this long: the server
  // is stalled (or black-holed) rather than slow to say SELECT 1.
  absl::Duration limit = std::max(2 * interval, absl::Seconds(1));
  bool serving = true;
  Every(interval, [&] {
    absl::Status reached = parts_->pool->Ping(limit);
    if (reached.ok() == serving) return;
    serving = reached.ok();
    // The idle connections point at a server that went away (or is now a
    // standby): the next calls connect afresh, to whichever host serves.
    if (!serving) parts_->pool->DropIdle();
    {
      // Not after Shutdown has said NOT_SERVING for good.
      std::lock_guard lock(mu_);
      if (!stopping_)
        server_->GetHealthCheckService()->SetServingStatus(serving);
    }
    nlohmann::json line{
        {"event", serving ? "database_reachable" : "database_unreachable"}};
    if (!serving) line["reason"] = ReasonOf(reached);
    if (serving)
      spdlog::info(line.dump());
    else
      spdlog::warn(line.dump());
  });
}

void GrantsServer::OutboxLoop(absl::Duration interval) {
  Every(interval, [this] {
    absl::Status done = RunOutboxNow();
    if (!done.ok())
      spdlog::warn(
          nlohmann::json{{"event", "outbox_failed"}, {"reason", ReasonOf(done)}}
              .dump());
  });
}

absl::Status GrantsServer::RunOutboxNow() {
  if (!parts_->outbox)
    return absl::FailedPreconditionError(
        "no --notification-spool or --smtp-url");
  absl::Time now = clock_->Now();
  RETURN_IF_ERROR(parts_->outbox->SweepReminders(now).status());
  RETURN_IF_ERROR(parts_->outbox->SweepExpiringOffers(now).status());
  // Offers past their answer-by time expire (and their money goes back to
  // the round) here too, not only when a later offer needs the budget: the
  // grantee hears of it the day it happens.
  if (parts_->awards) RETURN_IF_ERROR(parts_->awards->ExpireDue(now).status());
  RETURN_IF_ERROR(parts_->outbox->QueueDigest(now).status());
  return parts_->outbox->DeliverPending(now).status();
}

void GrantsServer::RetentionLoop(absl::Duration interval) {
  Every(interval, [this] {
    absl::Status swept = SweepRetentionNow();
    if (!swept.ok())
      spdlog::warn(nlohmann::json{{"event", "retention_sweep_failed"},
                                  {"reason", ReasonOf(swept)}}
                       .dump());
  });
}

absl::Status GrantsServer::SweepRetentionNow(int batch, int max_batches) {
  if (!parts_->retention)
    return absl::FailedPreconditionError("no organisations service");
  ASSIGN_OR_RETURN(
      auto sweep,
      parts_->retention->SweepNow(
          organisations::RetentionService::SystemContext(clock_->Now()), batch,
          max_batches));
  // What it did, in counts: the operator's record of the schedule at work.
  nlohmann::json counts = nlohmann::json::object();
  // Files of documents the sweep (or an erasure, or a group) removed.
  int64_t document_files = 0;
  if (parts_->documents) {
    auto unlinked = parts_->documents->RemoveFiles(clock_->Now());
    if (unlinked.ok()) document_files = *unlinked;
  }
  int64_t total = sweep.spool_files_deleted + document_files;
  for (const auto& s : sweep.swept) {
    counts[s.record_class] = s.count;
    total += s.count;
  }
  if (total > 0)
    spdlog::info(
        nlohmann::json{{"event", "retention_swept"},
                       {"counts", counts},
                       {"spool_files_deleted", sweep.spool_files_deleted},
                       {"document_files_deleted", document_files},
                       {"complete", sweep.complete}}
            .dump());
  return absl::OkStatus();
}

absl::Status GrantsServer::SealAuditNow() {
  // A server whose start failed before its areas were built has nothing
  // to seal.
  if (!parts_ || !parts_->audit)
    return MakeError(absl::StatusCode::kFailedPrecondition, "NOT_STARTED",
                     "the server did not start");
  return parts_->audit->SealPending().status();
}

void GrantsServer::Shutdown(absl::Duration grace) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (server_) {
    server_->GetHealthCheckService()->SetServingStatus(false);
    server_->Shutdown(std::chrono::system_clock::now() +
                      absl::ToChronoMilliseconds(grace));
    server_->Wait();
  }
  if (sealer_.joinable()) sealer_.join();
  if (prober_.joinable()) prober_.join();
  if (outbox_.joinable()) outbox_.join();
  if (retention_.joinable()) retention_.join();
  // Seal what the last calls wrote, so the chain is complete at exit.
  (void)SealAuditNow();
}

GrantsServer::~GrantsServer() { Shutdown(absl::Seconds(5)); }

}  // namespace grants::server
