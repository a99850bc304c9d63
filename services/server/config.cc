// Configuration validation and file loading.
#include "services/server/config.h"

#include "absl/strings/str_join.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <cctype>
#include <fstream>
#include <sstream>

#include "common/crypto.h"
#include "common/status.h"
#include "services/common/token.h"

namespace grants::server {
namespace {

absl::Status ConfigError(const std::string& flag, const std::string& why) {
  return InvalidField(flag, "CONFIG_INVALID", why);
}

absl::StatusOr<std::string> ReadFile(const std::string& flag,
                                     const std::string& path) {
  if (path.empty()) return ConfigError(flag, "is required");
  std::ifstream in(path, std::ios::binary);
  if (!in) return ConfigError(flag, "cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.pop_back();
  return s;
}

// localhost, 127.0.0.0/8 or [::1].
bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost" || host == "[::1]") return true;
  in_addr addr{};
  return inet_pton(AF_INET, host.c_str(), &addr) == 1 &&
         (ntohl(addr.s_addr) >> 24) == 127;
}

// "host:port" with a loopback host and a numeric port. A bare port would
// make the endpoint listen on every interface.
bool IsLoopbackListen(const std::string& listen) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = listen.substr(0, colon);
  std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(),
                   [](unsigned char ch) { return std::isdigit(ch); }) ||
      std::stoi(port) > 65535)
    return false;
  return IsLoopbackHost(host);
}

// The host of "smtp[s]://host[:port][/...]", or "" when the URL is not one.
std::string SmtpHost(const std::string& url) {
  std::string rest;
  if (url.rfind("smtp://", 0) == 0) rest = url.substr(7);
  else if (url.rfind("smtps://", 0) == 0) rest = url.substr(8);
  else return "";
  rest = rest.substr(0, rest.find('/'));
  if (rest.rfind('[', 0) == 0) return rest.substr(0, rest.find(']') + 1);
  return rest.substr(0, rest.find(':'));
}

// Sign-in links carry a code: they point at the portal over https, or at
// a portal on this machine.
absl::Status ValidateSignIn(const ServerConfig& c) {
  if (c.session_signing_key_file.empty()) return absl::OkStatus();
  const std::string& url = c.portal_url;
  bool https = url.rfind("https://", 0) == 0 && url.size() > 8;
  bool local = false;
  if (url.rfind("http://", 0) == 0) {
    std::string host = url.substr(7, url.find_first_of(":/", 7) - 7);
    local = IsLoopbackHost(host);
  }
  if (!https && !local)
    return ConfigError("--portal-url",
                       "must be https://..., or http:// on this machine, "
                       "when --session-signing-key turns sign-in on");
  if (url.back() == '/')
    return ConfigError("--portal-url", "must not end in /");
  if (c.notification_spool.empty() && c.smtp_url.empty())
    return ConfigError("--session-signing-key",
                       "sign-in links are emailed: set --smtp-url or "
                       "--notification-spool");
  return absl::OkStatus();
}

// Where the outbox delivers: a spool directory or an SMTP relay, whose
// traffic is encrypted unless the relay is on this machine.
absl::Status ValidateDelivery(const ServerConfig& c) {
  if (c.smtp_url.empty()) return absl::OkStatus();
  if (!c.notification_spool.empty())
    return ConfigError("--smtp-url",
                       "choose --smtp-url or --notification-spool, not both");
  std::string host = SmtpHost(c.smtp_url);
  if (host.empty())
    return ConfigError("--smtp-url",
                       "must be smtp://host[:port] or smtps://host[:port]");
  if (c.smtp_tls != "required" && c.smtp_tls != "none")
    return ConfigError("--smtp-tls", "must be required or none");
  if (c.smtp_tls == "none" && !IsLoopbackHost(host))
    return ConfigError("--smtp-tls",
                       "none is allowed only for a relay on this machine");
  if (c.smtp_tls == "none" && !c.smtp_user.empty())
    return ConfigError("--smtp-tls", "credentials are never sent without TLS");
  if (c.smtp_user.empty() != c.smtp_password_file.empty())
    return ConfigError("--smtp-password-file",
                       "give --smtp-user and --smtp-password-file together");
  return absl::OkStatus();
}

// The checks that need no files: sizes, service names, addresses.
absl::Status ValidateSettings(const ServerConfig& c) {
  if (c.pool_size < 1 || c.pool_size > 64)
    return ConfigError("--pool-size", "must be 1-64");
  if (c.max_threads < c.pool_size)
    return ConfigError("--max-threads", "must be at least --pool-size");
  if (c.db_connect_timeout_s < 0 || c.db_connect_timeout_s > 300)
    return ConfigError("--db-connect-timeout", "must be 0-300 (seconds)");
  if (c.db_statement_timeout_ms != 0 && (c.db_statement_timeout_ms < 100 ||
                                         c.db_statement_timeout_ms > 3'600'000))
    return ConfigError("--db-statement-timeout-ms", "must be 0 or 100-3600000");
  if (c.health_probe_interval_ms < 100 || c.health_probe_interval_ms > 60'000)
    return ConfigError("--health-probe-interval-ms", "must be 100-60000");
  if (c.outbox_interval_ms < 100 || c.outbox_interval_ms > 3'600'000)
    return ConfigError("--outbox-interval-ms", "must be 100-3600000");
  if (c.retention_interval_ms != 0 &&
      (c.retention_interval_ms < 1000 || c.retention_interval_ms > 86'400'000))
    return ConfigError("--retention-interval-ms", "must be 0 or 1000-86400000");
  if (c.max_document_bytes < 1024 || c.max_document_bytes > 100 * 1024 * 1024)
    return ConfigError("--max-document-bytes", "must be 1024-104857600");
  if (!c.documents_dir.empty() && !std::filesystem::is_directory(c.documents_dir))
    return ConfigError("--documents-dir", "must be an existing directory");
  if (c.clamd_address.empty())
    return ConfigError("--clamd", "name clamd's socket or host:port");
  if (c.services.empty()) return ConfigError("--services", "name a service");
  for (const auto& s : c.services)
    if (std::find(kAllServices.begin(), kAllServices.end(), s) ==
        kAllServices.end())
      return ConfigError("--services", "unknown service '" + s + "' (" +
                                           absl::StrJoin(kAllServices, ", ") +
                                           ")");
  // Metrics name methods and refusal reasons: for a local scraper only.
  if (!c.metrics_listen.empty() && !IsLoopbackListen(c.metrics_listen))
    return ConfigError("--metrics-listen",
                       "must be a loopback host:port (127.0.0.1, localhost "
                       "or [::1]), got '" + c.metrics_listen + "'");
  RETURN_IF_ERROR(ValidateSignIn(c));
  return ValidateDelivery(c);
}

}  // namespace

absl::StatusOr<ServerSecrets> LoadSecrets(const ServerConfig& c) {
  RETURN_IF_ERROR(ValidateSettings(c));
  ServerSecrets out;
  ASSIGN_OR_RETURN(out.tls_cert, ReadFile("--tls-cert", c.tls_cert_file));
  ASSIGN_OR_RETURN(out.tls_key, ReadFile("--tls-key", c.tls_key_file));
  ASSIGN_OR_RETURN(out.client_ca, ReadFile("--client-ca", c.client_ca_file));
  if (c.jwt_public_key_files.empty())
    return ConfigError("--jwt-public-key", "name at least one key file");
  for (const auto& f : c.jwt_public_key_files) {
    ASSIGN_OR_RETURN(std::string key, ReadFile("--jwt-public-key", f));
    out.jwt_public_keys.push_back(std::move(key));
  }
  if (!c.notification_spool.empty() &&
      ::access(c.notification_spool.c_str(), W_OK | X_OK) != 0)
    return ConfigError("--notification-spool",
                       "'" + c.notification_spool + "' is not a writable directory");
  if (!c.smtp_password_file.empty()) {
    ASSIGN_OR_RETURN(std::string password,
                     ReadFile("--smtp-password-file", c.smtp_password_file));
    out.smtp_password = Trim(password);
  }
  if (!c.session_signing_key_file.empty()) {
    ASSIGN_OR_RETURN(out.session_signing_key,
                     ReadFile("--session-signing-key", c.session_signing_key_file));
    auto public_key = PublicKeyOf(out.session_signing_key, "--session-signing-key");
    if (!public_key.ok())
      return ConfigError("--session-signing-key",
                         "must be an EC P-256 private key in PEM");
    out.session_public_key = *std::move(public_key);
  }
  if (!c.audit_checkpoint_key_file.empty()) {
    ASSIGN_OR_RETURN(out.audit_checkpoint_key,
                     ReadFile("--audit-checkpoint-key",
                              c.audit_checkpoint_key_file));
    if (!Ed25519PublicPem(out.audit_checkpoint_key))
      return ConfigError("--audit-checkpoint-key",
                         "must be an Ed25519 private key in PEM (openssl "
                         "genpkey -algorithm ed25519)");
  }
  ASSIGN_OR_RETURN(std::string hex, ReadFile("--audit-key-file", c.audit_key_file));
  out.audit_key = FromHex(Trim(hex));
  if (out.audit_key.size() < 32)
    return ConfigError("--audit-key-file",
                       "must hold at least 64 hex characters (32 bytes)");
  return out;
}

}  // namespace grants::server
