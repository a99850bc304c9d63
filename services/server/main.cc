// grantsd: `serve` runs the gRPC server; `migrate` applies migrations.
#include <csignal>
#include <cstdio>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "absl/synchronization/mutex.h"

#include "common/clock.h"
#include "services/common/metrics.h"
#include "common/status.h"
#include "services/server/config.h"
#include "services/server/grants_server.h"
#include "storage/migrate.h"

namespace {

using grants::server::ServerConfig;

void AddServeFlags(CLI::App* serve, ServerConfig* c) {
  serve->add_option("--listen", c->listen, "host:port to serve gRPC on")
      ->envname("GRANTS_LISTEN");
  serve->add_option("--database", c->database,
                    "libpq connection string (default: PG* environment)")
      ->envname("GRANTS_DATABASE");
  serve->add_option("--tls-cert", c->tls_cert_file, "server certificate PEM")
      ->envname("GRANTS_TLS_CERT")->required();
  serve->add_option("--tls-key", c->tls_key_file, "server private key PEM")
      ->envname("GRANTS_TLS_KEY")->required();
  serve->add_option("--client-ca", c->client_ca_file,
                    "CA PEM that signs machine client certificates")
      ->envname("GRANTS_CLIENT_CA")->required();
  serve->add_option("--jwt-public-key", c->jwt_public_key_files,
                    "ES256 public key PEM(s) that verify bearer tokens")
      ->envname("GRANTS_JWT_PUBLIC_KEYS")->delimiter(',')->required();
  serve->add_option("--jwt-issuer", c->jwt_issuer, "expected token issuer")
      ->envname("GRANTS_JWT_ISSUER");
  serve->add_option("--jwt-audience", c->jwt_audience, "expected audience")
      ->envname("GRANTS_JWT_AUDIENCE");
  serve->add_option("--audit-key-file", c->audit_key_file,
                    "file with the audit MAC key (64+ hex characters)")
      ->envname("GRANTS_AUDIT_KEY_FILE")->required();
  serve->add_option("--audit-checkpoint-key", c->audit_checkpoint_key_file,
                    "Ed25519 private key (PEM) that signs checkpoints of the "
                    "audit trail; without it, checkpoints are off")
      ->envname("GRANTS_AUDIT_CHECKPOINT_KEY");
  serve->add_option("--metrics-listen", c->metrics_listen,
                    "host:port for Prometheus /metrics (empty: off)")
      ->envname("GRANTS_METRICS_LISTEN");
  serve->add_option("--notification-spool", c->notification_spool,
                    "directory the outbox delivers messages to (empty: the "
                    "reminder sweep and dispatcher are off)")
      ->envname("GRANTS_NOTIFICATION_SPOOL");
  serve->add_option("--smtp-url", c->smtp_url,
                    "deliver outbox messages to this SMTP relay instead: "
                    "smtp://host[:port] (STARTTLS) or smtps://host[:port]")
      ->envname("GRANTS_SMTP_URL");
  serve->add_option("--smtp-tls", c->smtp_tls,
                    "required, or none for a relay on this machine")
      ->envname("GRANTS_SMTP_TLS");
  serve->add_option("--smtp-user", c->smtp_user, "SMTP AUTH user name")
      ->envname("GRANTS_SMTP_USER");
  serve->add_option("--smtp-password-file", c->smtp_password_file,
                    "file with the SMTP AUTH password")
      ->envname("GRANTS_SMTP_PASSWORD_FILE");
  serve->add_option("--smtp-ca-file", c->smtp_ca_file,
                    "CA PEM for the relay's certificate (default: system CAs)")
      ->envname("GRANTS_SMTP_CA_FILE");
  serve->add_option("--session-signing-key", c->session_signing_key_file,
                    "EC P-256 private key (PEM) for grantee sessions signed "
                    "in by emailed link (empty: sign-in off)")
      ->envname("GRANTS_SESSION_SIGNING_KEY");
  serve->add_option("--portal-url", c->portal_url,
                    "the grantee portal's address, which sign-in links point at")
      ->envname("GRANTS_PORTAL_URL");
  serve->add_option("--outbox-interval-ms", c->outbox_interval_ms,
                    "how often the reminder sweep and dispatcher run")
      ->envname("GRANTS_OUTBOX_INTERVAL_MS");
  serve->add_option("--retention-interval-ms", c->retention_interval_ms,
                    "how often the retention sweep runs (0: only when asked)")
      ->envname("GRANTS_RETENTION_INTERVAL_MS");
  serve->add_option("--notification-from", c->notification_from,
                    "From address of outbox messages")
      ->envname("GRANTS_NOTIFICATION_FROM");
  serve->add_option("--officer-digest-to", c->officer_digest_to,
                    "officers' mailbox for the daily digest (empty: none)")
      ->envname("GRANTS_OFFICER_DIGEST_TO");
  serve->add_option("--clamd", c->clamd_address,
                    "clamd's Unix socket or host:port, which scans documents")
      ->envname("GRANTS_CLAMD");
  serve->add_option("--max-document-bytes", c->max_document_bytes,
                    "the largest document taken, in bytes")
      ->envname("GRANTS_MAX_DOCUMENT_BYTES");
  serve->add_option("--documents-dir", c->documents_dir,
                    "keep documents' bytes in this directory (shared by "
                    "every grantsd) instead of the database")
      ->envname("GRANTS_DOCUMENTS_DIR");
  serve->add_option("--services", c->services,
                    "areas to host: funding,programmes,organisations,"
                    "applications,assessment,audit,awards,payments,"
                    "monitoring,documents")
      ->envname("GRANTS_SERVICES")->delimiter(',');
  serve->add_option("--pool-size", c->pool_size, "database connections, and the workers that run calls")
      ->envname("GRANTS_POOL_SIZE");
  serve
      ->add_option("--db-connect-timeout", c->db_connect_timeout_s,
                   "seconds to wait for each database host when connecting "
                   "(0: forever)")
      ->envname("GRANTS_DB_CONNECT_TIMEOUT");
  serve
      ->add_option("--db-statement-timeout-ms", c->db_statement_timeout_ms,
                   "the server cancels a statement after this (0: never); "
                   "a connection silent this long plus 2 s is cut")
      ->envname("GRANTS_DB_STATEMENT_TIMEOUT_MS");
  serve
      ->add_option("--health-probe-interval-ms", c->health_probe_interval_ms,
                   "how often health checks that the database takes writes")
      ->envname("GRANTS_HEALTH_PROBE_INTERVAL_MS");
  serve->add_option("--max-threads", c->max_threads, "threads of the health and reflection services")
      ->envname("GRANTS_MAX_THREADS");
}

int Fail(const absl::Status& s) {
  std::fprintf(stderr, "grantsd: %s: %s\n", grants::ReasonOf(s).c_str(),
               std::string(s.message()).c_str());
  return 1;
}

int Serve(const ServerConfig& config) {
  auto secrets = grants::server::LoadSecrets(config);
  if (!secrets.ok()) return Fail(secrets.status());
  // Signals are taken synchronously by this thread; block them before any
  // other thread starts so they all inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  grants::Metrics metrics;
  if (!config.metrics_listen.empty()) {
    try {
      metrics.Serve(config.metrics_listen);
    } catch (const std::exception& e) {
      return Fail(grants::InvalidField("--metrics-listen", "CONFIG_INVALID",
                                       "cannot listen on " + config.metrics_listen));
    }
  }
  grants::SystemClock clock;
  // A database that cannot be reached yet (a failover under way, the
  // database host still booting) is waited for, a second at a time, not a
  // reason to exit; nothing listens meanwhile, so load balancers pass this
  // server by. SIGTERM still stops it at once.
  auto server = grants::server::GrantsServer::Start(config, *secrets, clock,
                                                    &metrics);
  while (!server.ok() &&
         server.status().code() == absl::StatusCode::kUnavailable) {
    spdlog::warn(nlohmann::json{{"event", "waiting_for_database"},
                                {"reason", grants::ReasonOf(server.status())}}
                     .dump());
    timespec second{.tv_sec = 1, .tv_nsec = 0};
    if (sigtimedwait(&signals, nullptr, &second) > 0) return 0;
    server = grants::server::GrantsServer::Start(config, *secrets, clock,
                                                 &metrics);
  }
  if (!server.ok()) return Fail(server.status());
  spdlog::info(nlohmann::json{{"event", "serving"},
                              {"listen", config.listen},
                              {"port", (*server)->port()},
                              {"services", config.services}}
                   .dump());
  int sig = 0;
  sigwait(&signals, &sig);
  spdlog::info(nlohmann::json{{"event", "shutting_down"}, {"signal", sig}}.dump());
  (*server)->Shutdown(absl::Seconds(20));
  spdlog::info(nlohmann::json{{"event", "stopped"}}.dump());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_pattern("%v");
  // Debian builds abseil with mutex deadlock detection on; gRPC takes
  // absl::Mutex on every call, and the cycle bookkeeping cost ~3% of the
  // server's CPU in the deadline-rush benchmark.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  CLI::App app{"grantsd: grants management gRPC server"};
  app.require_subcommand(1);
  ServerConfig config;
  CLI::App* serve = app.add_subcommand("serve", "serve the gRPC API");
  AddServeFlags(serve, &config);
  CLI::App* migrate = app.add_subcommand("migrate", "apply database migrations");
  // Its own variable: CLI11 reads GRANTS_DATABASE for this option even when
  // `serve` runs, and must not overwrite serve's --database (grantsd serves
  // as another role than the one that migrates; docs/audit.md).
  std::string migrate_database;
  migrate
      ->add_option("--database", migrate_database,
                   "libpq connection string (as the tables' owner)")
      ->envname("GRANTS_DATABASE");
  CLI11_PARSE(app, argc, argv);

  if (migrate->parsed()) {
    auto applied = grants::storage::ApplyMigrations(migrate_database);
    if (!applied.ok()) return Fail(applied.status());
    std::printf("migrations applied: %d\n", *applied);
    return 0;
  }
  return Serve(config);
}
