// Unit tests of bearer-token verification: what is accepted and every way a
// token is refused.
#include "services/common/token.h"

#include <gtest/gtest.h>
#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdlib>

#include "common/status.h"

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

  TokenVerifier verifier() const { return *TokenVerifier::Create(policy_); }

  KeyPair key_;
  TokenPolicy policy_;
  absl::Time now_ = absl::FromUnixSeconds(1736942400);
};

TEST_F(TokenTest, AcceptsAValidTokenAndReadsItsClaims) {
  auto caller =
      verifier().Verify(Mint({"grp-7", Role::kGrantee, "ORG-42", ""}), now_);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->subject, "grp-7");
  EXPECT_EQ(caller->role, Role::kGrantee);
  EXPECT_EQ(caller->organisation_id, "ORG-42");
}

TEST_F(TokenTest, RefusesExpiredAndFutureTokens) {
  std::string token = Mint({"o", Role::kOfficer, "", ""});
  EXPECT_EQ(
      ReasonOf(verifier().Verify(token, now_ + absl::Minutes(16)).status()),
      "TOKEN_EXPIRED");
  EXPECT_EQ(
      ReasonOf(verifier().Verify(token, now_ - absl::Minutes(5)).status()),
      "TOKEN_NOT_YET_VALID");
}

TEST_F(TokenTest, RefusesLongLivedTokensAndForeignIssuers) {
  EXPECT_EQ(ReasonOf(verifier()
                         .Verify(Mint({"o", Role::kOfficer, "", ""},
                                      absl::Hours(24 * 30)),
                                 now_)
                         .status()),
            "TOKEN_LIFETIME_TOO_LONG");
  EXPECT_EQ(ReasonOf(verifier()
                         .Verify(Mint({"o", Role::kOfficer, "", ""},
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
  EXPECT_EQ(ReasonOf(verifier().Verify(token, now_).status()),
            "TOKEN_SIGNATURE_INVALID");
}

TEST_F(TokenTest, RefusesATokenWhoseClaimsWereChangedAfterSigning) {
  std::string token = Mint({"g", Role::kGrantee, "ORG-1", ""});
  std::string other = Mint({"g", Role::kGrantee, "ORG-2", ""});
  size_t first = token.find('.'), last = token.rfind('.');
  // ORG-2's claims under ORG-1's signature.
  std::string spliced =
      token.substr(0, first) +
      other.substr(other.find('.'), other.rfind('.') - other.find('.')) +
      token.substr(last);
  ASSERT_NE(spliced, token);
  EXPECT_EQ(ReasonOf(verifier().Verify(spliced, now_).status()),
            "TOKEN_SIGNATURE_INVALID");
  EXPECT_EQ(
      ReasonOf(verifier().Verify(token.substr(0, last + 10), now_).status()),
      "TOKEN_SIGNATURE_INVALID");
  // Without its signature segment it is no JWS at all.
  EXPECT_EQ(ReasonOf(verifier().Verify(token.substr(0, last), now_).status()),
            "TOKEN_MALFORMED");
}

TEST_F(TokenTest, AcceptsATokenSignedByAnyConfiguredKey) {
  KeyPair rotated = NewKey();
  policy_.public_keys_pem = {rotated.public_pem, key_.public_pem};
  EXPECT_TRUE(
      verifier().Verify(Mint({"o", Role::kOfficer, "", ""}), now_).ok());
}

TEST_F(TokenTest, AGranteeOnlyKeyVouchesForGranteesAlone) {
  // The session-signing key beside the identity provider's key.
  KeyPair idp = NewKey();
  policy_.public_keys_pem = {idp.public_pem};
  policy_.grantee_only_keys_pem = {key_.public_pem};
  auto grantee =
      verifier().Verify(Mint({"g", Role::kGrantee, "org-1", ""}), now_);
  ASSERT_TRUE(grantee.ok()) << grantee.status();
  EXPECT_EQ(grantee->role, Role::kGrantee);
  for (Role role : {Role::kOfficer, Role::kReviewer, Role::kAuditor}) {
    EXPECT_EQ(
        ReasonOf(verifier().Verify(Mint({"x", role, "", ""}), now_).status()),
        "TOKEN_ROLE_NOT_ALLOWED_FOR_KEY")
        << RoleName(role);
  }
  EXPECT_EQ(ReasonOf(verifier()
                         .Verify(Mint({"f", Role::kFunder, "", "fu-1"}), now_)
                         .status()),
            "TOKEN_ROLE_NOT_ALLOWED_FOR_KEY");
}

TEST_F(TokenTest, RefusesToStartWithTheSameKeyForTwoPurposes) {
  policy_.grantee_only_keys_pem = {key_.public_pem};
  auto created = TokenVerifier::Create(policy_);
  EXPECT_EQ(ReasonOf(created.status()), "KEY_INVALID");
  EXPECT_EQ(FieldViolationsOf(created.status())[0].field,
            "--session-signing-key");
}

TEST_F(TokenTest, RefusesToStartWithAKeyThatIsNotP256) {
  TokenPolicy bad;
  bad.public_keys_pem = {
      "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n"};
  EXPECT_EQ(ReasonOf(TokenVerifier::Create(bad).status()), "KEY_INVALID");
  EVP_PKEY* ed = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  BIO* pub = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(pub, ed);
  char* data = nullptr;
  long n = BIO_get_mem_data(pub, &data);
  bad.public_keys_pem = {std::string(data, static_cast<size_t>(n))};
  BIO_free(pub);
  EVP_PKEY_free(ed);
  EXPECT_EQ(ReasonOf(TokenVerifier::Create(bad).status()), "KEY_INVALID");
}

TEST_F(TokenTest, RefusesUnsignedTokens) {
  jwt_t* jwt = nullptr;
  jwt_new(&jwt);
  jwt_add_grant(jwt, "sub", "mallory");
  jwt_add_grant(jwt, "role", "officer");
  jwt_add_grant(jwt, "iss", "grants-dev");
  jwt_add_grant(jwt, "aud", "grantsd");
  jwt_add_grant_int(jwt, "iat", absl::ToUnixSeconds(now_));
  jwt_add_grant_int(jwt, "exp", absl::ToUnixSeconds(now_) + 60);
  jwt_set_alg(jwt, JWT_ALG_NONE, nullptr, 0);
  char* raw = jwt_encode_str(jwt);
  std::string unsigned_token(raw);
  std::free(raw);
  jwt_free(jwt);
  EXPECT_EQ(ReasonOf(verifier().Verify(unsigned_token, now_).status()),
            "TOKEN_ALG_NOT_ALLOWED");
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
  auto result = verifier().Verify(forged, now_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnauthenticated);
}

TEST_F(TokenTest, RefusesTokensWithoutTheClaimsTheRoleNeeds) {
  EXPECT_EQ(ReasonOf(verifier()
                         .Verify(Mint({"g", Role::kGrantee, "", ""}), now_)
                         .status()),
            "TOKEN_CLAIMS_INVALID");
  EXPECT_EQ(
      ReasonOf(
          verifier().Verify(Mint({"f", Role::kFunder, "", ""}), now_).status()),
      "TOKEN_CLAIMS_INVALID");
  // Finance systems are machines: certificates, never bearer tokens.
  EXPECT_EQ(ReasonOf(verifier()
                         .Verify(Mint({"x", Role::kFinance, "", ""}), now_)
                         .status()),
            "TOKEN_CLAIMS_INVALID");
  EXPECT_EQ(ReasonOf(verifier().Verify("", now_).status()), "TOKEN_MALFORMED");
}

}  // namespace
}  // namespace grants
