// Sign-in link repository: one function per statement in queries/.
#include "storage/sign_in_repository.h"

#include "common/crypto.h"
#include "storage/rows.h"

namespace grants::storage::sign_in_repo {

int64_t RecentCount(Tx& tx, const std::string& mailbox, absl::Time now) {
  return tx.exec_prepared1("sign_in_recent_count", mailbox, Micros(now))[0]
      .as<int64_t>();
}

std::string Insert(Tx& tx, const std::string& email,
                   const std::string& code_sha256, const std::string& language,
                   absl::Time now, absl::Time expires_at) {
  return tx
      .exec_prepared1("sign_in_insert", email, code_sha256, language,
                      Micros(now), Micros(expires_at))[0]
      .as<std::string>();
}

namespace {

std::optional<Link> FirstLink(const pqxx::result& r) {
  if (r.empty()) return std::nullopt;
  Link link{r[0][0].as<std::string>(), r[0][1].as<std::string>(),
            TimeAt(r[0][2]), std::nullopt, r[0][4].as<std::string>()};
  if (!r[0][3].is_null()) link.used_at = TimeAt(r[0][3]);
  return link;
}

}  // namespace

std::optional<Link> GetForUpdate(Tx& tx, const std::string& code_sha256) {
  return FirstLink(tx.exec_prepared("sign_in_get_for_update", code_sha256));
}

std::optional<Link> Get(Tx& tx, const std::string& id) {
  return FirstLink(tx.exec_prepared("sign_in_get", id));
}

void Use(Tx& tx, const std::string& id, const std::string& organisation_id,
         absl::Time now) {
  tx.exec_prepared0("sign_in_use", id, Micros(now), organisation_id);
}

std::vector<std::pair<std::string, std::string>> OrganisationsListing(
    Tx& tx, const std::string& email) {
  return MapRows<std::pair<std::string, std::string>>(
      tx.exec_prepared("sign_in_organisations", email), [](const pqxx::row& r) {
        return std::make_pair(r[0].as<std::string>(), r[1].as<std::string>());
      });
}

std::string PersonIdFor(Tx& tx, const std::string& email, absl::Time now) {
  std::string fresh = "person-" + ToHex(Sha256(RandomUuid())).substr(0, 20);
  return tx
      .exec_prepared1("person_identity_for_email", fresh, email, Micros(now))[0]
      .as<std::string>();
}

bool RevokeSession(Tx& tx, const std::string& token_sha256_hex,
                   absl::Time expires_at, absl::Time now) {
  tx.exec_prepared0("revoked_session_sweep", Micros(now));
  return !tx.exec_prepared("revoked_session_insert", token_sha256_hex,
                           Micros(expires_at), Micros(now))
              .empty();
}

bool SessionRevoked(Tx& tx, const std::string& token_sha256_hex) {
  return tx.exec_prepared1("revoked_session_exists", token_sha256_hex)[0]
      .as<bool>();
}

}  // namespace grants::storage::sign_in_repo
