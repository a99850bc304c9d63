// JWT verification and minting through libjwt (OpenSSL backend).
#include "services/common/token.h"

#include <jwt.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <optional>

#include "common/status.h"

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
  if (IsMachineRole(caller.role))
    return Unauthenticated("TOKEN_CLAIMS_INVALID",
                           "machines authenticate with certificates");
  return caller;
}

// Base64url without padding (RFC 7515 section 2) to bytes, or nullopt.
std::optional<std::string> DecodeBase64Url(std::string_view in) {
  std::string b64(in);
  for (char& c : b64) {
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
  }
  size_t pad = (4 - b64.size() % 4) % 4;
  if (pad == 3) return std::nullopt;
  b64.append(pad, '=');
  std::string out(b64.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(b64.data()),
                          static_cast<int>(b64.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

// ES256 (RFC 7518 section 3.4): the signature is r||s, 32 bytes each, over
// "<header>.<claims>" with SHA-256; OpenSSL wants it DER-encoded.
bool SignedByAny(const std::vector<std::shared_ptr<EVP_PKEY>>& keys,
                 std::string_view token) {
  size_t dot = token.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::optional<std::string> sig = DecodeBase64Url(token.substr(dot + 1));
  if (!sig || sig->size() != 64) return false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(sig->data());
  ECDSA_SIG* ecdsa = ECDSA_SIG_new();
  ECDSA_SIG_set0(ecdsa, BN_bin2bn(bytes, 32, nullptr),
                 BN_bin2bn(bytes + 32, 32, nullptr));
  unsigned char* der = nullptr;
  int der_len = i2d_ECDSA_SIG(ecdsa, &der);
  ECDSA_SIG_free(ecdsa);
  if (der_len <= 0) return false;
  bool ok = false;
  for (const auto& key : keys) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key.get()) ==
             1 &&
         EVP_DigestVerify(ctx, der, static_cast<size_t>(der_len),
                          reinterpret_cast<const unsigned char*>(token.data()),
                          dot) == 1;
    EVP_MD_CTX_free(ctx);
    if (ok) break;
  }
  OPENSSL_free(der);
  return ok;
}

absl::StatusOr<std::shared_ptr<EVP_PKEY>> ReadP256PublicKey(
    const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  std::shared_ptr<EVP_PKEY> owned(key, EVP_PKEY_free);
  char group[32] = {0};
  size_t len = 0;
  if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_EC ||
      EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &len) !=
          1 ||
      std::string_view(group, len) != "prime256v1")
    return InvalidField("--jwt-public-key", "KEY_INVALID",
                        "token keys must be EC P-256 public keys in PEM");
  ERR_clear_error();
  return owned;
}

}  // namespace

absl::StatusOr<TokenVerifier> TokenVerifier::Create(TokenPolicy policy) {
  TokenVerifier v;
  for (const auto& pem : policy.public_keys_pem) {
    ASSIGN_OR_RETURN(std::shared_ptr<EVP_PKEY> key, ReadP256PublicKey(pem));
    v.keys_.push_back(std::move(key));
  }
  for (const auto& pem : policy.grantee_only_keys_pem) {
    ASSIGN_OR_RETURN(std::shared_ptr<EVP_PKEY> key, ReadP256PublicKey(pem));
    for (const auto& general : v.keys_)
      if (EVP_PKEY_eq(general.get(), key.get()) == 1)
        return InvalidField("--session-signing-key", "KEY_INVALID",
                            "the session-signing key must not also be an "
                            "identity provider's token key");
    v.grantee_only_keys_.push_back(std::move(key));
  }
  v.policy_ = std::move(policy);
  return v;
}

absl::StatusOr<Caller> TokenVerifier::Verify(std::string_view token,
                                             absl::Time now) const {
  if (token.empty() || token.size() > 8192)
    return Unauthenticated("TOKEN_MALFORMED", "bearer token malformed");
  const TokenPolicy& policy = policy_;
  // libjwt parses the header and claims (no key: it checks no signature);
  // the signature is checked below with OpenSSL and the parsed keys.
  std::string text(token);
  jwt_t* raw = nullptr;
  int rc = jwt_decode(&raw, text.c_str(), nullptr, 0);
  JwtPtr jwt(raw);
  if (rc != 0 || !jwt)
    return Unauthenticated("TOKEN_MALFORMED", "bearer token malformed");
  // Decoded without a key, libjwt reports the algorithm as "none"; the header
  // says what the token claims. Only ES256 is ours, so anything else (none,
  // HS256 keyed with the public key) is refused before any signature check.
  const char* alg = jwt_get_header(jwt.get(), "alg");
  if (alg == nullptr || std::string_view(alg) != "ES256")
    return Unauthenticated("TOKEN_ALG_NOT_ALLOWED", "token algorithm refused");
  // A key has one purpose: the session-signing key vouches for grantees
  // only, so it can never mint an officer, finance or auditor token.
  bool grantee_only = false;
  if (!SignedByAny(keys_, text)) {
    if (!SignedByAny(grantee_only_keys_, text))
      return Unauthenticated("TOKEN_SIGNATURE_INVALID",
                             "bearer token signature not valid");
    grantee_only = true;
  }
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
  if (grantee_only && caller.role != Role::kGrantee)
    return Unauthenticated("TOKEN_ROLE_NOT_ALLOWED_FOR_KEY",
                           "this key signs grantee sessions only");
  caller.expires_at = absl::FromUnixSeconds(exp) + policy.leeway;
  return caller;
}

}  // namespace grants

namespace grants {

absl::StatusOr<std::string> PublicKeyOf(std::string_view private_key_pem,
                                        std::string_view field) {
  BIO* in = BIO_new_mem_buf(private_key_pem.data(),
                            static_cast<int>(private_key_pem.size()));
  std::shared_ptr<EVP_PKEY> key(
      PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr), EVP_PKEY_free);
  BIO_free(in);
  BIO* out = BIO_new(BIO_s_mem());
  std::string pem;
  if (key && PEM_write_bio_PUBKEY(out, key.get()) == 1) {
    char* data = nullptr;
    long len = BIO_get_mem_data(out, &data);
    pem.assign(data, static_cast<size_t>(len));
  }
  BIO_free(out);
  ERR_clear_error();
  if (pem.empty() || !ReadP256PublicKey(pem).ok())
    return InvalidField(field, "KEY_INVALID",
                        "must be an EC P-256 private key in PEM");
  return pem;
}

}  // namespace grants
