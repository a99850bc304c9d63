// Bearer tokens: ES256-signed JWTs (libjwt), as an identity provider issues
// them. Verification refuses every algorithm but ES256, so "alg: none" and
// HMAC-with-the-public-key forgeries fail.
#pragma once

#include <openssl/types.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/caller.h"
#include "common/token_mint.h"

namespace grants {

struct TokenPolicy {
  std::vector<std::string> public_keys_pem;  // any one may verify
  // Keys that sign grantee sessions only (grantsd's own session-signing
  // key): a token they verify is valid for the grantee role alone.
  std::vector<std::string> grantee_only_keys_pem;
  std::string issuer = "grants-dev";
  std::string audience = "grantsd";
  absl::Duration max_lifetime = absl::Hours(12);
  absl::Duration leeway = absl::Seconds(30);
};

// Verifies bearer tokens against the policy's public keys, parsed once: a
// PEM decode costs OpenSSL 3 about 240 us, five times the ES256 check itself,
// and libjwt would repeat it for every token.
class TokenVerifier {
 public:
  // Parses the keys. INVALID_ARGUMENT KEY_INVALID (field "--jwt-public-key")
  // when one is not an EC P-256 public key in PEM, or when a grantee-only
  // key is also an identity provider's key (its purpose would be lost).
  static absl::StatusOr<TokenVerifier> Create(TokenPolicy policy);

  // Verifies `token` at `now`. Errors are UNAUTHENTICATED with reasons
  // TOKEN_MALFORMED, TOKEN_SIGNATURE_INVALID, TOKEN_ALG_NOT_ALLOWED,
  // TOKEN_EXPIRED, TOKEN_NOT_YET_VALID, TOKEN_LIFETIME_TOO_LONG,
  // TOKEN_ISSUER_INVALID, TOKEN_AUDIENCE_INVALID, TOKEN_CLAIMS_INVALID, and
  // TOKEN_ROLE_NOT_ALLOWED_FOR_KEY for a role other than grantee claimed
  // under a grantee-only key.
  absl::StatusOr<Caller> Verify(std::string_view token, absl::Time now) const;

 private:
  TokenPolicy policy_;
  std::vector<std::shared_ptr<EVP_PKEY>> keys_;
  std::vector<std::shared_ptr<EVP_PKEY>> grantee_only_keys_;
};

// The public key (PEM) of an EC P-256 private key (PEM). INVALID_ARGUMENT
// KEY_INVALID naming `field` when it is not one.
absl::StatusOr<std::string> PublicKeyOf(std::string_view private_key_pem,
                                        std::string_view field);

}  // namespace grants
