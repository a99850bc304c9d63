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
  std::string hash;  // raw bytes: the link at seq ("" at 0)
  std::string mac;   // raw bytes: the head's MAC ("" at 0)
};
Head ReadHead(Tx& tx);
// Waits until no other sealer (of any grantsd) is sealing; until the end
// of the transaction.
void LockSealer(Tx& tx);

// Committed events not yet sealed, oldest insertion first.
std::vector<Event> Unsealed(Tx& tx, int limit);
// Gives `events` (in order) the positions after `prev_seq` with their
// chain_hash, and moves the head to `head`, through the database's
// audit_seal(), in one statement. Fails when the head is no longer at
// `prev_seq` or an event is already sealed.
void Seal(Tx& tx, const std::vector<Event>& events, int64_t prev_seq,
          const Head& head);
// Sealed events with seq > after, in seq order.
std::vector<Event> SealedAfter(Tx& tx, int64_t after, int limit);

using Filter = audit::ListFilter;
std::vector<Event> List(Tx& tx, const Filter& f, int limit);

}  // namespace grants::storage::audit_repo
