// Sign-in use cases.
#include "services/sign_in/sign_in_service.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "common/crypto.h"
#include "common/london_time.h"
#include "common/reference_data.h"
#include "common/token_mint.h"
#include "services/common/validation.h"
#include "services/sign_in/sign_in_errors.h"
#include "services/sign_in/sign_in_rules.h"
#include "storage/idempotency.h"
#include "storage/notification_repository.h"
#include "storage/organisation_repository.h"
#include "storage/sign_in_repository.h"
#include "storage/transaction.h"

namespace grants::sign_in {
namespace repo = storage::sign_in_repo;
using storage::Tx;

namespace {

constexpr size_t kCodeBytes = 32;  // 43 characters of base64url

// 32 random bytes as base64url without padding.
absl::StatusOr<std::string> NewCode() {
  unsigned char bytes[kCodeBytes];
  if (RAND_bytes(bytes, sizeof bytes) != 1)
    return Internal("no randomness for a sign-in code");
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

bool LooksLikeCode(const std::string& code) {
  return code.size() == 43 &&
         std::all_of(code.begin(), code.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '-' || c == '_';
         });
}

std::string CodeHash(const std::string& code) { return ToHex(Sha256(code)); }

}  // namespace

absl::StatusOr<SentLink> SignInService::RequestLink(
    const RequestContext& ctx, const std::string& email_typed,
    const std::string& language_asked) {
  // The address as mail will go to it, so the limit below counts what the
  // recipient receives, not what was typed.
  std::optional<std::string> normalised = NormaliseAddress(email_typed);
  std::string email = normalised.value_or("");
  std::string language = language_asked.empty() ? "en" : language_asked;
  Validator v;
  if (!normalised)
    v.Add("email", "EMAIL_INVALID", "must be a plain email address");
  if (!IsLanguageCode(language))
    v.Add("language", "LANGUAGE_INVALID", "must be an ISO 639 language code");
  RETURN_IF_ERROR(v.Finish());
  ASSIGN_OR_RETURN(std::string code, NewCode());
  absl::Time expires_at = ctx.now + settings_.link_ttl;
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<SentLink>(
        tx, ctx,
        [&](const std::string& id) -> absl::StatusOr<SentLink> {
          return SentLink{id, repo::Get(tx, id)->expires_at};
        },
        [&]() -> absl::StatusOr<SentLink> {
          // Two requests at once may both pass: one link too many, at most.
          if (repo::RecentCount(tx, MailboxOf(email), ctx.now) >=
              settings_.max_links_per_hour)
            return RateLimited();
          std::string id = repo::Insert(tx, email, CodeHash(code), language,
                                        ctx.now, expires_at);
          storage::notification_repo::EnqueueTo(
              tx, "sign_in:" + id, "sign_in_link", email, language,
              nlohmann::json{
                  {"link", settings_.portal_url + "/sign-in/" + code},
                  {"expires_at", FormatLondon(expires_at).substr(11, 5)}}
                  .dump(),
              ctx.now);
          // Not the address: a typed address may be anyone's, with or
          // without an account.
          audit_.Record(tx, ctx,
                        {"sign_in_link", id,
                         nlohmann::json{{"language", language}}.dump()});
          return SentLink{id, expires_at};
        });
  });
}

absl::StatusOr<std::string> SignInService::Mint(const Session& s,
                                                absl::Time used_at) const {
  TokenClaims claims;
  claims.caller = Caller{s.person_id, Role::kGrantee, s.organisation_id, ""};
  claims.issuer = settings_.issuer;
  claims.audience = settings_.audience;
  claims.ttl = settings_.session_ttl;
  return MintToken(settings_.signing_key_pem, claims, used_at);
}

absl::StatusOr<Session> SignInService::Redeem(
    const RequestContext& ctx, const std::string& code,
    const std::string& organisation_id) {
  if (!LooksLikeCode(code)) return LinkInvalid();
  std::string hash = CodeHash(code);
  // The session of a used link, for a retry of the call that used it.
  auto session_of = [&](Tx& tx,
                        const repo::Link& link) -> absl::StatusOr<Session> {
    Session s{
        link.id,
        "",
        *link.used_at + settings_.session_ttl,
        link.email,
        repo::PersonIdFor(tx, link.email, *link.used_at),
        link.organisation_id,
        storage::organisation_repo::Get(tx, link.organisation_id).has_value()};
    ASSIGN_OR_RETURN(s.access_token, Mint(s, *link.used_at));
    return s;
  };
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Session> {
        std::optional<repo::Link> link = repo::GetForUpdate(tx, hash);
        bool usable = link && !link->used_at && ctx.now < link->expires_at;
        std::vector<std::pair<std::string, std::string>> listing;  // (id, name)
        if (usable) listing = repo::OrganisationsListing(tx, link->email);
        // Several organisations list the address: ask which, keep the code.
        if (usable && listing.size() > 1 && organisation_id.empty())
          return Session{link->id, "",   link->expires_at, link->email, "",
                         "",       true, listing};
        return storage::RunOnce<Session>(
            tx, ctx,
            [&](const std::string& id) {
              return session_of(tx, *repo::Get(tx, id));
            },
            [&]() -> absl::StatusOr<Session> {
              if (!usable) return LinkInvalid();
              std::string org = organisation_id;
              if (listing.empty() && !org.empty()) return NotListed();
              if (listing.empty())  // a group yet to register: a new id
                org = "ORG-" + ToHex(Sha256(RandomUuid())).substr(0, 10);
              else if (org.empty())
                org = listing.front().first;
              else if (std::none_of(
                           listing.begin(), listing.end(),
                           [&](const auto& o) { return o.first == org; }))
                return NotListed();
              repo::Use(tx, link->id, org, ctx.now);
              link->used_at = ctx.now;
              link->organisation_id = org;
              ASSIGN_OR_RETURN(Session s, session_of(tx, *link));
              audit_.Record(tx, ctx,
                            {"sign_in_link", link->id,
                             nlohmann::json{{"person", s.person_id},
                                            {"organisation_id", org},
                                            {"registered", s.registered}}
                                 .dump()});
              return s;
            });
      });
}

absl::StatusOr<absl::Time> SignInService::SignOut(const RequestContext& ctx,
                                                  const std::string& token) {
  if (token.empty() || ctx.caller.role != Role::kGrantee)
    return MakeError(absl::StatusCode::kUnauthenticated, "CREDENTIALS_MISSING",
                     "sign out with the session's own bearer token");
  absl::Time expires = ctx.caller.expires_at;
  RETURN_IF_ERROR(storage::RunInTransaction(pool_, [&](Tx& tx) {
    if (repo::RevokeSession(tx, ToHex(Sha256(token)), expires, ctx.now))
      audit_.Record(
          tx, ctx,
          {"session", ctx.caller.subject,
           nlohmann::json{{"signed_out", true},
                          {"organisation_id", ctx.caller.organisation_id}}
               .dump()});
    return absl::OkStatus();
  }));
  return expires;
}

}  // namespace grants::sign_in
