// Idempotency key repository.
#include "storage/idempotency.h"

#include "common/crypto.h"
#include "common/status.h"

namespace grants::storage {

absl::StatusOr<std::optional<std::string>> ClaimKey(
    Tx& tx, const RequestContext& ctx, const std::string& entity_id) {
  auto claimed = tx.exec_prepared("idempotency_claim", ctx.caller.subject,
                                  ctx.request_id, ctx.method,
                                  ToHex(ctx.payload_hash), entity_id);
  if (!claimed.empty()) return std::nullopt;
  absl::StatusOr<std::string> earlier = EarlierEntity(tx, ctx);
  if (!earlier.ok()) return earlier.status();
  return std::optional<std::string>(*std::move(earlier));
}

void CompleteKey(Tx& tx, const RequestContext& ctx,
                 const std::string& entity_id) {
  tx.exec_prepared0("idempotency_complete", ctx.caller.subject, ctx.request_id,
                    entity_id);
}

KeyClaim KeyClaimFor(const RequestContext& ctx, const std::string& entity_id) {
  return {ctx.caller.subject, ctx.request_id, ctx.method,
          ToHex(ctx.payload_hash), entity_id};
}

absl::StatusOr<std::string> EarlierEntity(Tx& tx, const RequestContext& ctx) {
  auto row = tx.exec_prepared1("idempotency_get", ctx.caller.subject,
                               ctx.request_id);
  if (row[0].as<std::string>() != ctx.method ||
      row[1].as<std::string>() != ToHex(ctx.payload_hash)) {
    return MakeError(absl::StatusCode::kAlreadyExists, "REQUEST_ID_REUSED",
                     "request_id was already used for a different request",
                     {{"request_id", "REQUEST_ID_REUSED",
                       "use a new key for a new request"}});
  }
  return row[2].as<std::string>();
}

}  // namespace grants::storage
