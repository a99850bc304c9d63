// The portal's sessions, held by the browser: a cookie sealed with
// AES-256-GCM under a key from configuration, so any portal holding the key
// opens it (a second portal, or this one after a restart) and nobody else
// can read or change it. A cookie that does not open under any configured
// key was tampered with (refused); one past its expiry has expired (back to
// sign-in). Nothing is kept on the server for a visitor, signed in or not;
// the only server-side state is a bounded list of sessions signed out here
// (RevokedSessions), kept until they would have expired anyway.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace grants::portal {

struct Session {
  std::string id;  // random; names the session in the revocation list
  std::string csrf;
  std::string language = "en";
  // Signed in: the grantee token from grantsd and whom it names.
  std::string token;
  absl::Time token_expires_at = absl::InfinitePast();
  std::string email;
  std::string organisation_id;
  bool registered = false;
  // Where to go after signing in (a path on the portal).
  std::string return_to;

  bool signed_in(absl::Time now) const {
    return !token.empty() && now < token_expires_at;
  }
};

// Seals sessions into cookie values and opens them again.
class SessionSealer {
 public:
  // `keys`: 32-byte AES keys; the first seals, every one opens (so a new
  // key can be put first while cookies sealed under the old one still
  // open, until it is removed).
  explicit SessionSealer(std::vector<std::string> keys)
      : keys_(std::move(keys)) {}

  // The keys in a key file: one key a line, 64 hex characters; blank lines
  // and lines starting with '#' are skipped. Errors: INVALID_ARGUMENT when
  // a line is not a key or there is none.
  static absl::StatusOr<std::vector<std::string>> ParseKeyFile(
      const std::string& text);

  // A session left alone this long expires; each answer renews it. A
  // signed-in session also ends when its grantee token does.
  static constexpr absl::Duration kIdle = absl::Minutes(30);

  // A new anonymous session in `language` (a new id and CSRF token).
  static Session Fresh(const std::string& language);

  // The cookie value holding `s`, valid until now + kIdle.
  std::string Seal(const Session& s, absl::Time now) const;

  enum class Lookup { kNone, kTampered, kExpired, kFound };
  // The session a cookie value holds.
  Lookup Open(const std::string& cookie, absl::Time now, Session* out) const;

 private:
  std::vector<std::string> keys_;
};

// Sessions signed out on this portal, each until it would have expired
// anyway; at most kMax (the oldest are dropped first when full).
class RevokedSessions {
 public:
  static constexpr size_t kMax = 100000;

  void Revoke(const std::string& id, absl::Time until, absl::Time now);
  bool Revoked(const std::string& id, absl::Time now);
  size_t size();

 private:
  void Sweep(absl::Time now);  // under mu_

  std::mutex mu_;
  std::map<std::string, absl::Time> until_;
};

// 32 random bytes as base64url.
std::string RandomToken();

// Whether two strings are equal, in time independent of where they differ.
bool ConstantTimeEqual(const std::string& a, const std::string& b);

}  // namespace grants::portal
