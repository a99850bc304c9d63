// Idempotency keys: the first transaction with a key claims it; a retry
// (same caller, key and payload) gets the id of what the first one made; the
// same key with another payload or method is refused.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/caller.h"
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

}  // namespace grants::storage
