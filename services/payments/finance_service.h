// Finance use cases: payment instructions, their acknowledgement and
// remittance (idempotent by instruction id), and the officers'
// reconciliation work-queue for remittances that were not applied.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "services/audit/audit_recorder.h"
#include "common/caller.h"
#include "services/common/paging.h"
#include "domain/payments.h"
#include "storage/pool.h"
#include "storage/transaction.h"

namespace grants::payments {

class FinanceService {
 public:
  FinanceService(storage::ConnectionPool& pool, const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // Authorised and due (ctx.now, London date), `limit` after `cursor`,
  // keyset-paged so that acknowledged ones leaving the list shift nothing;
  // changes nothing.
  absl::StatusOr<Listed<Payment>> ListInstructions(
      const RequestContext& ctx, int limit, const InstructionCursor& cursor);
  // Authorised -> instructed; an instructed or paid one is returned as it
  // is. INSTRUCTION_NOT_FOUND, PAYMENT_STATE_INVALID.
  absl::StatusOr<Payment> Acknowledge(const RequestContext& ctx,
                                      const std::string& instruction_id);
  // Applies a remittance (a repeat returns the payment as paid). A mismatch
  // is refused (UNKNOWN_INSTRUCTION, AMOUNT_MISMATCH, REMITTANCE_CONFLICT)
  // after a reconciliation item and the refusal's audit event are
  // committed in their own transaction. PAYMENT_STATE_INVALID.
  absl::StatusOr<Payment> Remit(const RequestContext& ctx,
                                const Remittance& r);
  // Authorised or instructed -> failed (the reason is audited); a failed
  // one is returned as it is. INSTRUCTION_NOT_FOUND, PAYMENT_STATE_INVALID.
  absl::StatusOr<Payment> Fail(const RequestContext& ctx,
                               const std::string& instruction_id,
                               const std::string& reason);
  absl::StatusOr<Listed<ReconciliationItem>> ListItems(bool open_only,
                                                       const Page& page);
  // ITEM_NOT_FOUND, ITEM_RESOLVED.
  absl::StatusOr<ReconciliationItem> Resolve(const RequestContext& ctx,
                                             const std::string& id,
                                             const std::string& note);

 private:
  // A failed payment of a terminated award releases its amount.
  absl::Status ReleaseIfTerminated(storage::Tx& tx, const RequestContext& ctx,
                                   const Payment& p) const;
  // Writes the item and the audit event of `refusal`, committed.
  absl::Status Queue(const RequestContext& ctx, ReconciliationItem item,
                     const absl::Status& refusal);

  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::payments
