// The audit trail in PostgreSQL: append, seal in commit order, read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "storage/transaction.h"

namespace grants::storage::audit_repo {

using grants::audit::Event;

void Append(Tx& tx, const Event& e);

struct Head {
  int64_t seq = 0;
  std::string hash;  // raw bytes
};
// Reads the head, locking it when `lock` (only the sealer locks it).
Head ReadHead(Tx& tx, bool lock);
void SetHead(Tx& tx, const Head& head);

// Committed events not yet sealed, oldest insertion first.
std::vector<Event> Unsealed(Tx& tx, int limit);
// Writes seq and chain_hash of each event in one statement.
void Seal(Tx& tx, const std::vector<Event>& events);
// Sealed events with seq > after, in seq order.
std::vector<Event> SealedAfter(Tx& tx, int64_t after, int limit);

using Filter = audit::ListFilter;
std::vector<Event> List(Tx& tx, const Filter& f, int limit);

}  // namespace grants::storage::audit_repo
