// Idempotency keys: the first transaction with a key claims it; a retry
// (same caller, key and payload) gets the id of what the first one made; the
// same key with another payload or method is refused.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "storage/transaction.h"

namespace grants::storage {

// Claims ctx.request_id for ctx.caller in this transaction. Returns nullopt
// when the key is new (go ahead, then call CompleteKey unless `entity_id`,
// the record the request changes, was given), or the entity id recorded by
// the earlier request with the same key. A concurrent request with the same
// key waits here until the first commits or rolls back.
// Errors: ALREADY_EXISTS (REQUEST_ID_REUSED) for another payload or method.
absl::StatusOr<std::optional<std::string>> ClaimKey(
    Tx& tx, const RequestContext& ctx, const std::string& entity_id = "");

// Records the entity the request produced, for later retries.
void CompleteKey(Tx& tx, const RequestContext& ctx,
                 const std::string& entity_id);

// The parameters of a claim that a repository makes inside its own first
// statement of the transaction (as idempotency_claim.sql, $1..$5), to save a
// round trip: the key is claimed with the id of the record the request
// creates or changes, so nothing is written after the change.
struct KeyClaim {
  std::string actor;
  std::string request_id;
  std::string method;
  std::string payload_hash_hex;
  std::string entity_id;
};
KeyClaim KeyClaimFor(const RequestContext& ctx, const std::string& entity_id);

// After such a statement found the key already claimed: the entity id the
// earlier request recorded (read in a statement of its own, so it sees a
// request that committed while the claim waited for it).
// Errors: ALREADY_EXISTS (REQUEST_ID_REUSED) for another payload or method.
absl::StatusOr<std::string> EarlierEntity(Tx& tx, const RequestContext& ctx);

}  // namespace grants::storage

namespace grants::storage {

// The idempotent-mutation recipe: claim the key; on a retry, `load` the
// record the first request made; otherwise `make` it and remember its id.
// T must have a string member `id`.
template <typename T, typename Load, typename Make>
absl::StatusOr<T> RunOnce(Tx& tx, const RequestContext& ctx, Load&& load,
                          Make&& make) {
  absl::StatusOr<std::optional<std::string>> prior = ClaimKey(tx, ctx);
  if (!prior.ok()) return prior.status();
  if (prior->has_value()) return load(**prior);
  absl::StatusOr<T> made = make();
  if (made.ok()) CompleteKey(tx, ctx, made->id);
  return made;
}

// RunOnce for a change of the existing record `entity_id`: the key is
// claimed with the id up front, which saves writing it after `make`.
template <typename T, typename Load, typename Make>
absl::StatusOr<T> RunOnceOn(Tx& tx, const RequestContext& ctx,
                            const std::string& entity_id, Load&& load,
                            Make&& make) {
  absl::StatusOr<std::optional<std::string>> prior =
      ClaimKey(tx, ctx, entity_id);
  if (!prior.ok()) return prior.status();
  if (prior->has_value()) return load(**prior);
  return make();
}

// For a repository statement that claimed the key itself (KeyClaim) and
// found it taken: `load` what the earlier request made.
template <typename T, typename Load>
absl::StatusOr<T> Replay(Tx& tx, const RequestContext& ctx, Load&& load) {
  absl::StatusOr<std::string> id = EarlierEntity(tx, ctx);
  if (!id.ok()) return id.status();
  return load(*id);
}

}  // namespace grants::storage
