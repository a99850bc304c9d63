// Minting ES256 bearer tokens through libjwt: grantsd's own session tokens
// for grantees, and development tokens for grantsctl, the bench and tests.
#include "common/token_mint.h"

#include <jwt.h>

#include <cstdlib>
#include <memory>

#include "common/status.h"

namespace grants {
namespace {

struct JwtFree {
  void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

}  // namespace

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
