// The portal's only state: sessions, in memory. A browser holds a cookie
// "<id>.<HMAC-SHA256(key, id)>"; a cookie whose MAC does not match was
// tampered with (refused), one whose session is gone has expired (back to
// sign-in). Each session carries its CSRF token; signing in starts a new
// session (a new id and token), so a session fixed before sign-in is
// worthless after it.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "absl/time/time.h"

namespace grants::portal {

struct Session {
  std::string id;
  std::string csrf;
  std::string language = "en";
  absl::Time last_seen;
  // Signed in: the grantee token from grantsd and whom it names.
  std::string token;
  absl::Time token_expires_at;
  std::string email;
  std::string organisation_id;
  bool registered = false;
  // Where to go after signing in (a path on the portal).
  std::string return_to;

  bool signed_in(absl::Time now) const {
    return !token.empty() && now < token_expires_at;
  }
};

class SessionStore {
 public:
  // `key`: the cookie MAC key (32+ random bytes).
  explicit SessionStore(std::string key) : key_(std::move(key)) {}

  enum class Lookup { kNone, kTampered, kExpired, kFound };
  // The session a cookie value names.
  Lookup Find(const std::string& cookie, absl::Time now, Session* out);

  // A new anonymous session in `language`.
  Session Create(const std::string& language, absl::Time now);
  // Replaces `s` by a new session (new id and CSRF token) with the same
  // contents; the old id stops working.
  Session Rotate(const Session& s, absl::Time now);
  void Save(const Session& s);
  void Erase(const std::string& id);

  // The cookie value for `s`.
  std::string CookieValue(const Session& s) const;

  // Sessions idle longer than this are forgotten.
  static constexpr absl::Duration kIdle = absl::Hours(2);

 private:
  void Sweep(absl::Time now);  // under mu_

  std::string key_;
  std::mutex mu_;
  std::map<std::string, Session> sessions_;
  absl::Time last_sweep_ = absl::InfinitePast();
};

// 32 random bytes as base64url.
std::string RandomToken();

// Whether two strings are equal, in time independent of where they differ.
bool ConstantTimeEqual(const std::string& a, const std::string& b);

}  // namespace grants::portal
