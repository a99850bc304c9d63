// One-time sign-in links in PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "storage/transaction.h"

namespace grants::storage::sign_in_repo {

struct Link {
  std::string id;
  std::string email;
  absl::Time expires_at;
  std::optional<absl::Time> used_at;
  std::string organisation_id;  // "" until used
};

// Links sent in the hour before `now` to `mailbox` (an address without a
// +tag) under any +tag.
int64_t RecentCount(Tx& tx, const std::string& mailbox, absl::Time now);
// Stores a link by its code's hash; returns its id.
std::string Insert(Tx& tx, const std::string& email,
                   const std::string& code_sha256, const std::string& language,
                   absl::Time now, absl::Time expires_at);
// The link with this code hash, locked, if any.
std::optional<Link> GetForUpdate(Tx& tx, const std::string& code_sha256);
// A link by id.
std::optional<Link> Get(Tx& tx, const std::string& id);
// Marks the link used for `organisation_id`.
void Use(Tx& tx, const std::string& id, const std::string& organisation_id,
         absl::Time now);
// The opaque id of the person at `email` (lower case), made the first time
// (as "person-" and 20 hex digits).
std::string PersonIdFor(Tx& tx, const std::string& email, absl::Time now);
// The organisations listing `email` (lower case) as a contact: (id, name).
std::vector<std::pair<std::string, std::string>> OrganisationsListing(
    Tx& tx, const std::string& email);

// Revokes the session token whose SHA-256 is `token_sha256_hex` until
// `expires_at`; false when it was revoked already. Forgets revocations of
// tokens expired by `now` on the way.
bool RevokeSession(Tx& tx, const std::string& token_sha256_hex,
                   absl::Time expires_at, absl::Time now);
// Whether that token was revoked.
bool SessionRevoked(Tx& tx, const std::string& token_sha256_hex);

}  // namespace grants::storage::sign_in_repo
