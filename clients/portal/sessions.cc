// Session store.
#include "clients/portal/sessions.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "absl/strings/escaping.h"
#include "common/crypto.h"

namespace grants::portal {

std::string RandomToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1)
    throw std::runtime_error("no randomness for a session");
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

bool ConstantTimeEqual(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string SessionStore::CookieValue(const Session& s) const {
  return s.id + "." + ToHex(HmacSha256(key_, s.id));
}

SessionStore::Lookup SessionStore::Find(const std::string& cookie,
                                        absl::Time now, Session* out) {
  if (cookie.empty()) return Lookup::kNone;
  size_t dot = cookie.find('.');
  if (dot == std::string::npos) return Lookup::kTampered;
  std::string id = cookie.substr(0, dot);
  if (!ConstantTimeEqual(cookie.substr(dot + 1), ToHex(HmacSha256(key_, id))))
    return Lookup::kTampered;
  std::lock_guard lock(mu_);
  Sweep(now);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return Lookup::kExpired;
  it->second.last_seen = now;
  *out = it->second;
  return Lookup::kFound;
}

Session SessionStore::Create(const std::string& language, absl::Time now) {
  Session s;
  s.id = RandomToken();
  s.csrf = RandomToken();
  s.language = language;
  s.last_seen = now;
  Save(s);
  return s;
}

Session SessionStore::Rotate(const Session& old, absl::Time now) {
  Session s = old;
  s.id = RandomToken();
  s.csrf = RandomToken();
  s.last_seen = now;
  std::lock_guard lock(mu_);
  sessions_.erase(old.id);
  sessions_[s.id] = s;
  return s;
}

void SessionStore::Save(const Session& s) {
  std::lock_guard lock(mu_);
  sessions_[s.id] = s;
}

void SessionStore::Erase(const std::string& id) {
  std::lock_guard lock(mu_);
  sessions_.erase(id);
}

void SessionStore::Sweep(absl::Time now) {
  if (now - last_sweep_ < absl::Minutes(1)) return;
  last_sweep_ = now;
  for (auto it = sessions_.begin(); it != sessions_.end();)
    it = now - it->second.last_seen > kIdle ? sessions_.erase(it)
                                            : std::next(it);
}

}  // namespace grants::portal
