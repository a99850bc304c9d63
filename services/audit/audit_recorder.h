// Writes the audit event of a change, inside the change's own transaction.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/caller.h"
#include "domain/audit.h"
#include "absl/status/status.h"
#include "storage/pool.h"
#include "storage/transaction.h"

namespace grants::audit {

// Free text as an audit summary records it: how long it is, never the
// words. Reasons, notes and comments may name people; the words stay in
// their own record, where erasure reaches them, and the trail (which cannot
// be changed) never holds them.
inline nlohmann::json Words(std::string_view text) {
  return {{"bytes", text.size()}};
}

class Recorder {
 public:
  // `key` is the server's audit MAC key (raw bytes).
  explicit Recorder(std::string key) : key_(std::move(key)) {}
  // Appends one event for `change` made by the call in `ctx`.
  void Record(storage::Tx& tx, const RequestContext& ctx,
              const Change& change) const;
  // The event Record would append, MAC included, for a repository statement
  // that writes it together with the change (one round trip fewer); the
  // caller writes it in the change's transaction.
  Event Make(const RequestContext& ctx, const Change& change) const;
  // Writes, in a transaction of its own on `pool` (the refused change
  // rolled back), that the caller in `ctx` was refused `refusal` on
  // `entity_id`: its stable reason and message. A failure to write is
  // logged, not returned: the caller's answer is the refusal.
  void RecordRefusal(storage::ConnectionPool& pool, const RequestContext& ctx,
                     const std::string& entity_id,
                     const absl::Status& refusal) const;
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

}  // namespace grants::audit
