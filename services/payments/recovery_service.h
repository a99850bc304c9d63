// Recovery use cases: the list of money owed back (officers, finance),
// finance's receipts of it (in full or in parts), and a second officer's
// write-off of what is still owed; each idempotent and audited in its
// transaction. Recoveries are raised by the awards area (on termination,
// or of unspent money on a running or completed award).
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

  // Raised first, then newest. `state`: "raised", "received", "written_off"
  // or "" (any).
  absl::StatusOr<Listed<Recovery>> List(const std::string& award_id,
                                        const std::string& state,
                                        const Page& page);
  // Records money back, all that is owed or a part; the part goes back to
  // the award's round (or its closed-out round's fund) in the same
  // transaction. A receipt whose bank reference this recovery already has,
  // with the same amount and date, returns the recovery unchanged.
  // RECOVERY_NOT_FOUND, AMOUNT_MISMATCH (currency), RECOVERY_OVERPAID,
  // RECOVERY_NOT_OPEN (written off), RECOVERY_CONFLICT.
  absl::StatusOr<Recovery> Receive(const RequestContext& ctx,
                                   const RecoveryReceipt& receipt);
  // Writes off what a raised recovery still owes, with a reason, by an
  // officer who did not raise it. RECOVERY_NOT_FOUND, FOUR_EYES_REQUIRED,
  // RECOVERY_NOT_OPEN.
  absl::StatusOr<Recovery> WriteOff(const RequestContext& ctx,
                                    const std::string& id,
                                    const std::string& reason);

 private:
  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::payments
