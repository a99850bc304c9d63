// Sealed session cookies (AES-256-GCM) and the list of signed-out sessions.
#include "clients/portal/sessions.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/crypto.h"

namespace grants::portal {

namespace {

constexpr char kPrefix[] = "v1.";
// Bound to the purpose, so a value sealed for something else under the
// same key does not open as a session.
constexpr char kAad[] = "grants-portal session v1";
constexpr size_t kNonce = 12, kTag = 16, kKey = 32;
// Far more than a session needs (about 1 KiB), far less than a header.
constexpr size_t kMaxCookie = 3800;

using Ctx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()),
                 static_cast<int>(n)) != 1)
    throw std::runtime_error("no randomness for a session");
  return out;
}

// nonce || ciphertext || tag.
std::string Encrypt(const std::string& key, const std::string& plain) {
  std::string nonce = RandomBytes(kNonce);
  Ctx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out = nonce + std::string(plain.size() + kTag, '\0');
  auto* ct = reinterpret_cast<unsigned char*>(out.data() + kNonce);
  int len = 0, total = 0;
  bool ok =
      ctx &&
      EVP_EncryptInit_ex(
          ctx.get(), EVP_aes_256_gcm(), nullptr,
          reinterpret_cast<const unsigned char*>(key.data()),
          reinterpret_cast<const unsigned char*>(nonce.data())) &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &len,
                        reinterpret_cast<const unsigned char*>(kAad),
                        sizeof kAad - 1) &&
      EVP_EncryptUpdate(ctx.get(), ct, &len,
                        reinterpret_cast<const unsigned char*>(plain.data()),
                        static_cast<int>(plain.size()));
  total = len;
  ok = ok && EVP_EncryptFinal_ex(ctx.get(), ct + total, &len);
  total += len;
  ok = ok &&
       EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, ct + total);
  if (!ok) throw std::runtime_error("cannot seal a session");
  return out;
}

// The plaintext of nonce || ciphertext || tag, or nullopt when it does not
// authenticate under `key`.
std::optional<std::string> Decrypt(const std::string& key,
                                   const std::string& sealed) {
  if (sealed.size() < kNonce + kTag) return std::nullopt;
  size_t n = sealed.size() - kNonce - kTag;
  const auto* bytes = reinterpret_cast<const unsigned char*>(sealed.data());
  std::string tag = sealed.substr(kNonce + n);
  std::string plain(n, '\0');
  Ctx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  bool ok =
      ctx &&
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
                         reinterpret_cast<const unsigned char*>(key.data()),
                         bytes) &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &len,
                        reinterpret_cast<const unsigned char*>(kAad),
                        sizeof kAad - 1) &&
      EVP_DecryptUpdate(ctx.get(),
                        reinterpret_cast<unsigned char*>(plain.data()), &len,
                        bytes + kNonce, static_cast<int>(n)) &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) &&
      EVP_DecryptFinal_ex(ctx.get(),
                          reinterpret_cast<unsigned char*>(plain.data()) + len,
                          &len) == 1;
  if (!ok) return std::nullopt;
  return plain;
}

}  // namespace

std::string RandomToken() { return absl::WebSafeBase64Escape(RandomBytes(32)); }

bool ConstantTimeEqual(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

absl::StatusOr<std::vector<std::string>> SessionSealer::ParseKeyFile(
    const std::string& text) {
  std::vector<std::string> keys;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    std::string key = FromHex(std::string_view(line.data(), line.size()));
    if (key.size() != kKey)
      return absl::InvalidArgumentError(
          "a session key is 64 hex characters (openssl rand -hex 32)");
    keys.push_back(key);
  }
  if (keys.empty())
    return absl::InvalidArgumentError("the session key file holds no key");
  return keys;
}

Session SessionSealer::Fresh(const std::string& language) {
  Session s;
  s.id = RandomToken();
  s.csrf = RandomToken();
  s.language = language;
  return s;
}

std::string SessionSealer::Seal(const Session& s, absl::Time now) const {
  nlohmann::json j{{"i", s.id},
                   {"c", s.csrf},
                   {"l", s.language},
                   {"x", absl::ToUnixSeconds(now + kIdle)}};
  if (!s.token.empty()) {
    j["t"] = s.token;
    j["te"] = absl::ToUnixSeconds(s.token_expires_at);
    j["m"] = s.email;
    j["o"] = s.organisation_id;
    j["r"] = s.registered;
  }
  if (!s.return_to.empty()) j["rt"] = s.return_to;
  return kPrefix + absl::WebSafeBase64Escape(Encrypt(keys_.front(), j.dump()));
}

SessionSealer::Lookup SessionSealer::Open(const std::string& cookie,
                                          absl::Time now, Session* out) const {
  if (cookie.empty()) return Lookup::kNone;
  std::string sealed;
  std::string body = cookie.substr(0, kMaxCookie + 1);
  if (cookie.size() > kMaxCookie || cookie.rfind(kPrefix, 0) != 0 ||
      !absl::WebSafeBase64Unescape(body.substr(sizeof kPrefix - 1), &sealed) ||
      // One spelling only: no padding, no stray bits in the last character.
      kPrefix + absl::WebSafeBase64Escape(sealed) != cookie)
    return Lookup::kTampered;
  std::optional<std::string> plain;
  for (const std::string& key : keys_)
    if ((plain = Decrypt(key, sealed))) break;
  if (!plain) return Lookup::kTampered;
  // Sealed by us, so well formed; parsed defensively all the same.
  nlohmann::json j = nlohmann::json::parse(*plain, nullptr, false);
  if (!j.is_object() || !j.contains("x") || !j["x"].is_number_integer())
    return Lookup::kTampered;
  if (now >= absl::FromUnixSeconds(j["x"].get<int64_t>()))
    return Lookup::kExpired;
  Session s;
  s.id = j.value("i", "");
  s.csrf = j.value("c", "");
  s.language = j.value("l", "en");
  s.token = j.value("t", "");
  s.token_expires_at = absl::FromUnixSeconds(j.value("te", int64_t{0}));
  s.email = j.value("m", "");
  s.organisation_id = j.value("o", "");
  s.registered = j.value("r", false);
  s.return_to = j.value("rt", "");
  if (s.id.empty() || s.csrf.empty()) return Lookup::kTampered;
  // A signed-in session whose token ran out is over.
  if (!s.token.empty() && !s.signed_in(now)) return Lookup::kExpired;
  *out = std::move(s);
  return Lookup::kFound;
}

void RevokedSessions::Revoke(const std::string& id, absl::Time until,
                             absl::Time now) {
  std::lock_guard lock(mu_);
  Sweep(now);
  if (until_.size() >= kMax) {
    // Full: drop the one that would expire first.
    auto first = until_.begin();
    for (auto it = until_.begin(); it != until_.end(); ++it)
      if (it->second < first->second) first = it;
    until_.erase(first);
  }
  until_[id] = until;
}

bool RevokedSessions::Revoked(const std::string& id, absl::Time now) {
  std::lock_guard lock(mu_);
  auto it = until_.find(id);
  return it != until_.end() && now < it->second;
}

size_t RevokedSessions::size() {
  std::lock_guard lock(mu_);
  return until_.size();
}

void RevokedSessions::Sweep(absl::Time now) {
  for (auto it = until_.begin(); it != until_.end();)
    it = now >= it->second ? until_.erase(it) : std::next(it);
}

}  // namespace grants::portal
