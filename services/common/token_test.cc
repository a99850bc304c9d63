// Unit tests of bearer-token verification: what is accepted and every way a
// token is refused.
#include <gtest/gtest.h>
#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdlib>

#include "services/common/status.h"
#include "services/common/token.h"

namespace grants {
namespace {

struct KeyPair {
  std::string private_pem;
  std::string public_pem;
};

KeyPair NewKey() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  BIO* priv = BIO_new(BIO_s_mem());
  BIO* pub = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr);
  PEM_write_bio_PUBKEY(pub, key);
  auto read = [](BIO* b) {
    char* data = nullptr;
    long n = BIO_get_mem_data(b, &data);
    return std::string(data, static_cast<size_t>(n));
  };
  KeyPair out{read(priv), read(pub)};
  BIO_free(priv);
  BIO_free(pub);
  EVP_PKEY_free(key);
  return out;
}

class TokenTest : public ::testing::Test {
 protected:
  TokenTest() : key_(NewKey()) { policy_.public_keys_pem = {key_.public_pem}; }

  std::string Mint(const Caller& caller, absl::Duration ttl = absl::Minutes(15),
                   const std::string& issuer = "grants-dev") {
    TokenClaims claims;
    claims.caller = caller;
    claims.ttl = ttl;
    claims.issuer = issuer;
    return *MintToken(key_.private_pem, claims, now_);
  }

  KeyPair key_;
  TokenPolicy policy_;
  absl::Time now_ = absl::FromUnixSeconds(1736942400);
};

TEST_F(TokenTest, AcceptsAValidTokenAndReadsItsClaims) {
  auto caller = VerifyToken(
      policy_, Mint({"grp-7", Role::kGrantee, "ORG-42", ""}), now_);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->subject, "grp-7");
  EXPECT_EQ(caller->role, Role::kGrantee);
  EXPECT_EQ(caller->organisation_id, "ORG-42");
}

TEST_F(TokenTest, RefusesExpiredAndFutureTokens) {
  std::string token = Mint({"o", Role::kOfficer, "", ""});
  EXPECT_EQ(ReasonOf(VerifyToken(policy_, token, now_ + absl::Minutes(16)).status()),
            "TOKEN_EXPIRED");
  EXPECT_EQ(ReasonOf(VerifyToken(policy_, token, now_ - absl::Minutes(5)).status()),
            "TOKEN_NOT_YET_VALID");
}

TEST_F(TokenTest, RefusesLongLivedTokensAndForeignIssuers) {
  EXPECT_EQ(ReasonOf(VerifyToken(policy_,
                                 Mint({"o", Role::kOfficer, "", ""},
                                      absl::Hours(24 * 30)),
                                 now_)
                         .status()),
            "TOKEN_LIFETIME_TOO_LONG");
  EXPECT_EQ(ReasonOf(VerifyToken(policy_,
                                 Mint({"o", Role::kOfficer, "", ""},
                                      absl::Minutes(5), "evil"),
                                 now_)
                         .status()),
            "TOKEN_ISSUER_INVALID");
}

TEST_F(TokenTest, RefusesTokensSignedByAnotherKey) {
  KeyPair other = NewKey();
  TokenClaims claims;
  claims.caller = {"o", Role::kOfficer, "", ""};
  std::string token = *MintToken(other.private_pem, claims, now_);
  EXPECT_EQ(ReasonOf(VerifyToken(policy_, token, now_).status()),
            "TOKEN_SIGNATURE_INVALID");
}

TEST_F(TokenTest, RefusesHmacTokensKeyedWithThePublicKey) {
  // The classic algorithm-confusion forgery.
  jwt_t* jwt = nullptr;
  jwt_new(&jwt);
  jwt_add_grant(jwt, "sub", "mallory");
  jwt_add_grant(jwt, "role", "officer");
  jwt_add_grant(jwt, "iss", "grants-dev");
  jwt_add_grant(jwt, "aud", "grantsd");
  jwt_add_grant_int(jwt, "iat", absl::ToUnixSeconds(now_));
  jwt_add_grant_int(jwt, "exp", absl::ToUnixSeconds(now_) + 60);
  jwt_set_alg(jwt, JWT_ALG_HS256,
              reinterpret_cast<const unsigned char*>(key_.public_pem.data()),
              static_cast<int>(key_.public_pem.size()));
  char* raw = jwt_encode_str(jwt);
  std::string forged(raw);
  std::free(raw);
  jwt_free(jwt);
  auto result = VerifyToken(policy_, forged, now_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnauthenticated);
}

TEST_F(TokenTest, RefusesTokensWithoutTheClaimsTheRoleNeeds) {
  EXPECT_EQ(ReasonOf(VerifyToken(policy_, Mint({"g", Role::kGrantee, "", ""}),
                                 now_)
                         .status()),
            "TOKEN_CLAIMS_INVALID");
  EXPECT_EQ(ReasonOf(VerifyToken(policy_, Mint({"f", Role::kFunder, "", ""}),
                                 now_)
                         .status()),
            "TOKEN_CLAIMS_INVALID");
  // Finance systems are machines: certificates, never bearer tokens.
  EXPECT_EQ(ReasonOf(VerifyToken(policy_, Mint({"x", Role::kFinance, "", ""}),
                                 now_)
                         .status()),
            "TOKEN_CLAIMS_INVALID");
  EXPECT_EQ(ReasonOf(VerifyToken(policy_, "", now_).status()), "TOKEN_MALFORMED");
}

}  // namespace
}  // namespace grants
