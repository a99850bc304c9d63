// Configuration validation and file loading.
#include "services/server/config.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "services/common/crypto.h"
#include "services/common/status.h"

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

}  // namespace

absl::StatusOr<ServerSecrets> LoadSecrets(const ServerConfig& c) {
  if (c.pool_size < 1 || c.pool_size > 64)
    return ConfigError("--pool-size", "must be 1-64");
  if (c.max_threads < c.pool_size)
    return ConfigError("--max-threads", "must be at least --pool-size");
  if (c.services.empty()) return ConfigError("--services", "name a service");
  for (const auto& s : c.services)
    if (std::find(kAllServices.begin(), kAllServices.end(), s) ==
        kAllServices.end())
      return ConfigError("--services", "unknown service '" + s +
                                           "' (funding, programmes, organisations, applications, audit, awards)");
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
  ASSIGN_OR_RETURN(std::string hex, ReadFile("--audit-key-file", c.audit_key_file));
  out.audit_key = FromHex(Trim(hex));
  if (out.audit_key.size() < 32)
    return ConfigError("--audit-key-file",
                       "must hold at least 64 hex characters (32 bytes)");
  return out;
}

}  // namespace grants::server
