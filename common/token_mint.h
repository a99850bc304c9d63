// Minting bearer tokens: ES256-signed JWTs, as an identity provider issues
// them (verification is the server's: services/common/token.h).
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/caller.h"

namespace grants {

// Claims of a token to mint.
struct TokenClaims {
  Caller caller;
  std::string issuer = "grants-dev";
  std::string audience = "grantsd";
  absl::Duration ttl = absl::Minutes(15);
};

// Signs a token with an EC P-256 private key (PEM): grantsd's own session
// tokens for grantees signed in by emailed link, and in development the
// grantsctl `token mint` command and tests; people with accounts get their
// tokens from the identity provider.
absl::StatusOr<std::string> MintToken(std::string_view private_key_pem,
                                      const TokenClaims& claims,
                                      absl::Time now);

}  // namespace grants
