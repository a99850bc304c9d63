// grantsd's configuration: flags and environment, validated at start.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace grants::server {

inline const std::vector<std::string> kAllServices = {
    "funding", "programmes", "organisations", "applications", "audit",
    "assessment", "awards", "payments", "monitoring", "documents"};

struct ServerConfig {
  std::string listen = "127.0.0.1:50051";
  std::string database;  // libpq conninfo; "" uses the PG* environment
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string client_ca_file;  // CA for machine (mTLS) client certificates
  std::vector<std::string> jwt_public_key_files;
  std::string jwt_issuer = "grants-dev";
  std::string jwt_audience = "grantsd";
  std::string audit_key_file;
  // Ed25519 private PEM that signs checkpoints of the audit trail; "" turns
  // checkpoints off.
  std::string audit_checkpoint_key_file;
  std::string metrics_listen;  // loopback host:port; "" turns metrics off
  std::vector<std::string> services = kAllServices;
  int pool_size = 8;
  // Database timeouts: libpq connect_timeout (seconds, per host of a
  // multi-host conninfo; 0: none) and statement_timeout (ms; 0: none). A
  // connection whose server heard a request and said nothing for the
  // statement timeout plus 2 s is cut. Keepalives: in the conninfo
  // (defaults keepalives_idle=10 keepalives_interval=5 keepalives_count=3).
  int db_connect_timeout_s = 5;
  int db_statement_timeout_ms = 30'000;
  // How often the health service's view of the database is refreshed.
  int health_probe_interval_ms = 1000;
  int max_threads = 256;
  // The largest request the transport reads: an application within every
  // field's limit (30 answers of 10,000 characters, up to 4 bytes each,
  // with its summary, plan and budget) is about 1.3 MB.
  int max_message_bytes = 2 * 1024 * 1024;
  int seal_interval_ms = 1000;
  // Where the outbox delivers messages: a spool directory or an SMTP relay
  // (neither turns the reminder sweep and the dispatcher off); the From
  // address, and how often they run.
  std::string notification_spool;
  std::string smtp_url;                // smtp://host[:port] or smtps://...
  std::string smtp_tls = "required";   // or "none" (a loopback relay only)
  std::string smtp_user;
  std::string smtp_password_file;
  std::string smtp_ca_file;            // "" trusts the system's CAs
  std::string notification_from = "grants@localhost";
  // The officers' mailbox for the daily digest of what needs them ("": no
  // digest).
  std::string officer_digest_to;
  // Grantee sign-in by emailed link (SignInService): grantsd's session
  // signing key (EC P-256 private PEM; "" turns sign-in off) and the
  // portal's address the links point at.
  std::string session_signing_key_file;
  std::string portal_url;
  int outbox_interval_ms = 5000;
  // How often the retention sweep runs (0: never; SweepRetention still
  // runs it on demand).
  int retention_interval_ms = 3'600'000;
  // Documents: clamd's Unix socket path or host:port (Debian's
  // clamav-daemon listens on /run/clamav/clamd.ctl); the largest document;
  // where their bytes go ("": the database, else a directory every grantsd
  // shares).
  std::string clamd_address = "/run/clamav/clamd.ctl";
  int64_t max_document_bytes = 10 * 1024 * 1024;
  std::string documents_dir;
};

// The contents of the files the configuration names.
struct ServerSecrets {
  std::string tls_cert;
  std::string tls_key;
  std::string client_ca;
  std::vector<std::string> jwt_public_keys;
  std::string audit_key;  // raw bytes, at least 32
  std::string audit_checkpoint_key;  // PEM, "" when checkpoints are off
  std::string smtp_password;
  std::string session_signing_key;  // PEM, "" when sign-in is off
  std::string session_public_key;   // derived from it
};

// Checks ranges, service names and that --metrics-listen is a loopback
// address, then reads every file. Errors name the flag at fault
// (INVALID_ARGUMENT CONFIG_INVALID).
absl::StatusOr<ServerSecrets> LoadSecrets(const ServerConfig& config);

}  // namespace grants::server
