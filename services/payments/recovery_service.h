// Recovery use cases: the list of money owed back (officers, finance) and
// finance's receipt of it, idempotent and audited in its transaction.
// Recoveries are raised when an award is terminated (awards area).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/payments.h"
#include "services/audit/audit_recorder.h"
#include "services/common/paging.h"
#include "storage/pool.h"

namespace grants::payments {

class RecoveryService {
 public:
  RecoveryService(storage::ConnectionPool& pool, const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // Raised first, then newest. `state`: "raised", "received" or "" (any).
  absl::StatusOr<Listed<Recovery>> List(const std::string& award_id,
                                        const std::string& state,
                                        const Page& page);
  // Records the money back. A repeat with the same details returns the
  // first result. RECOVERY_NOT_FOUND, AMOUNT_MISMATCH, RECOVERY_CONFLICT.
  absl::StatusOr<Recovery> Receive(const RequestContext& ctx,
                                   const RecoveryReceipt& receipt);

 private:
  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::payments
