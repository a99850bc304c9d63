// Grantee sign-in by one-time emailed link: the use cases behind the
// portal's sign-in pages. A link's code is 32 random bytes, sent only in
// the email (queued in the outbox in the transaction that creates it) and
// stored as its SHA-256; redeeming it once, before it expires, mints a
// grantee token signed by grantsd's own session key, bound to the
// organisation that lists the address as a contact. The token names the
// person by an opaque id (person_identities), never the address, so logs,
// audit events and actor columns hold no email.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/audit/audit_recorder.h"
#include "common/caller.h"
#include "storage/pool.h"

namespace grants::sign_in {

struct SignInSettings {
  std::string signing_key_pem;  // EC P-256 private key (ES256)
  std::string issuer;           // as grantsd's token policy expects
  std::string audience;
  std::string portal_url;       // links are <portal_url>/sign-in/<code>
  absl::Duration link_ttl = absl::Minutes(20);
  absl::Duration session_ttl = absl::Hours(2);
  int max_links_per_hour = 5;
};

struct SentLink {
  std::string id;
  absl::Time expires_at;
};

struct Session {
  std::string id;  // the link's
  std::string access_token;
  absl::Time expires_at;
  std::string email;      // for the portal to show; never in the token
  std::string person_id;  // the token's subject ("" while choosing)
  std::string organisation_id;
  bool registered = false;
  // (id, name) of the organisations to choose from; no token then.
  std::vector<std::pair<std::string, std::string>> choices;
};

class SignInService {
 public:
  SignInService(storage::ConnectionPool& pool, const audit::Recorder& audit,
                SignInSettings settings)
      : pool_(pool), audit_(audit), settings_(std::move(settings)) {}

  absl::StatusOr<SentLink> RequestLink(const RequestContext& ctx,
                                       const std::string& email,
                                       const std::string& language);
  absl::StatusOr<Session> Redeem(const RequestContext& ctx,
                                 const std::string& code,
                                 const std::string& organisation_id);
  // Revokes `token`, the grantee session token of the call (ctx.caller),
  // until it would have expired; audited the first time. Returns that
  // expiry.
  absl::StatusOr<absl::Time> SignOut(const RequestContext& ctx,
                                     const std::string& token);

 private:
  // The token of a redeemed link: valid from its redemption for the
  // session's length, so a retry cannot stretch it.
  absl::StatusOr<std::string> Mint(const Session& s, absl::Time used_at) const;

  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
  SignInSettings settings_;
};

}  // namespace grants::sign_in
