// JWT verification and minting through libjwt (OpenSSL backend).
#include "services/common/token.h"

#include <jwt.h>

#include <cerrno>
#include <cstdlib>
#include <memory>

#include "services/common/status.h"

namespace grants {
namespace {

struct JwtFree {
  void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

absl::Status Unauthenticated(std::string_view reason, std::string_view msg) {
  return MakeError(absl::StatusCode::kUnauthenticated, reason, msg);
}

std::string Grant(jwt_t* jwt, const char* name) {
  const char* v = jwt_get_grant(jwt, name);
  return v ? v : "";
}

// Returns the integer claim, or -1 when absent.
long GrantInt(jwt_t* jwt, const char* name) {
  errno = 0;
  long v = jwt_get_grant_int(jwt, name);
  return errno == ENOENT ? -1 : v;
}

absl::StatusOr<Caller> CallerFromClaims(jwt_t* jwt) {
  Caller caller;
  caller.subject = Grant(jwt, "sub");
  std::optional<Role> role = ParseRole(Grant(jwt, "role"));
  if (caller.subject.empty() || caller.subject.size() > 200 || !role)
    return Unauthenticated("TOKEN_CLAIMS_INVALID",
                           "token needs a subject and a known role");
  caller.role = *role;
  if (caller.role == Role::kGrantee) {
    caller.organisation_id = Grant(jwt, "org");
    if (caller.organisation_id.empty())
      return Unauthenticated("TOKEN_CLAIMS_INVALID",
                             "a grantee token must name its organisation");
  }
  if (caller.role == Role::kFunder) {
    caller.funder_id = Grant(jwt, "funder");
    if (caller.funder_id.empty())
      return Unauthenticated("TOKEN_CLAIMS_INVALID",
                             "a funder token must name its funder");
  }
  if (caller.role == Role::kFinance)
    return Unauthenticated("TOKEN_CLAIMS_INVALID",
                           "finance systems authenticate with certificates");
  return caller;
}

}  // namespace

absl::StatusOr<Caller> VerifyToken(const TokenPolicy& policy,
                                   std::string_view token, absl::Time now) {
  if (token.empty() || token.size() > 8192)
    return Unauthenticated("TOKEN_MALFORMED", "bearer token malformed");
  std::string text(token);
  JwtPtr jwt;
  for (const auto& key : policy.public_keys_pem) {
    jwt_t* raw = nullptr;
    int rc = jwt_decode(&raw, text.c_str(),
                        reinterpret_cast<const unsigned char*>(key.data()),
                        static_cast<int>(key.size()));
    if (rc == 0 && raw != nullptr) {
      jwt.reset(raw);
      break;
    }
    if (raw) jwt_free(raw);
  }
  if (!jwt)
    return Unauthenticated("TOKEN_SIGNATURE_INVALID",
                           "bearer token signature not valid");
  // libjwt verifies with whatever algorithm the token names; only ES256 is
  // ours, so anything else (none, HS256 keyed with the public key) is forged.
  if (jwt_get_alg(jwt.get()) != JWT_ALG_ES256)
    return Unauthenticated("TOKEN_ALG_NOT_ALLOWED", "token algorithm refused");
  if (Grant(jwt.get(), "iss") != policy.issuer)
    return Unauthenticated("TOKEN_ISSUER_INVALID", "token issuer not trusted");
  if (Grant(jwt.get(), "aud") != policy.audience)
    return Unauthenticated("TOKEN_AUDIENCE_INVALID",
                           "token not issued for this service");
  long exp = GrantInt(jwt.get(), "exp");
  long iat = GrantInt(jwt.get(), "iat");
  long nbf = GrantInt(jwt.get(), "nbf");
  int64_t now_s = absl::ToUnixSeconds(now);
  int64_t leeway = absl::ToInt64Seconds(policy.leeway);
  if (exp < 0 || iat < 0)
    return Unauthenticated("TOKEN_CLAIMS_INVALID", "token needs exp and iat");
  if (exp - iat > absl::ToInt64Seconds(policy.max_lifetime))
    return Unauthenticated("TOKEN_LIFETIME_TOO_LONG",
                           "token lifetime exceeds the allowed maximum");
  if (now_s > exp + leeway)
    return Unauthenticated("TOKEN_EXPIRED", "bearer token expired");
  if (iat > now_s + leeway || (nbf >= 0 && nbf > now_s + leeway))
    return Unauthenticated("TOKEN_NOT_YET_VALID", "bearer token not yet valid");
  ASSIGN_OR_RETURN(Caller caller, CallerFromClaims(jwt.get()));
  caller.expires_at = absl::FromUnixSeconds(exp) + policy.leeway;
  return caller;
}

absl::StatusOr<std::string> MintToken(std::string_view private_key_pem,
                                      const TokenClaims& claims,
                                      absl::Time now) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return Internal("jwt_new failed");
  JwtPtr jwt(raw);
  int64_t iat = absl::ToUnixSeconds(now);
  const Caller& c = claims.caller;
  int rc = jwt_add_grant(jwt.get(), "sub", c.subject.c_str());
  rc |= jwt_add_grant(jwt.get(), "role", std::string(RoleName(c.role)).c_str());
  rc |= jwt_add_grant(jwt.get(), "iss", claims.issuer.c_str());
  rc |= jwt_add_grant(jwt.get(), "aud", claims.audience.c_str());
  rc |= jwt_add_grant_int(jwt.get(), "iat", iat);
  rc |= jwt_add_grant_int(jwt.get(), "exp",
                          iat + absl::ToInt64Seconds(claims.ttl));
  if (!c.organisation_id.empty())
    rc |= jwt_add_grant(jwt.get(), "org", c.organisation_id.c_str());
  if (!c.funder_id.empty())
    rc |= jwt_add_grant(jwt.get(), "funder", c.funder_id.c_str());
  std::string key(private_key_pem);
  rc |= jwt_set_alg(jwt.get(), JWT_ALG_ES256,
                    reinterpret_cast<const unsigned char*>(key.data()),
                    static_cast<int>(key.size()));
  if (rc != 0) return InvalidField("key", "KEY_INVALID", "cannot sign token");
  char* out = jwt_encode_str(jwt.get());
  if (out == nullptr)
    return InvalidField("key", "KEY_INVALID",
                        "cannot sign with this key (need EC P-256 PEM)");
  std::string token(out);
  std::free(out);
  return token;
}

}  // namespace grants
