// Officers' payment use cases: schedules of accepted awards, requests and
// four-eyes authorisation within per-officer limits. Each mutation owns its
// transaction, is idempotent and is audited in it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/audit/audit_recorder.h"
#include "common/caller.h"
#include "common/london_time.h"
#include "services/common/paging.h"
#include "domain/payments.h"
#include "storage/pool.h"
#include "storage/transaction.h"

namespace grants::payments {


class PaymentService {
 public:
  PaymentService(storage::ConnectionPool& pool, const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // Replaces an accepted award's schedule. AWARD_NOT_FOUND,
  // AWARD_NOT_ACCEPTED, CheckSchedule's, SCHEDULE_LOCKED.
  absl::StatusOr<Schedule> SetSchedule(const RequestContext& ctx,
                                       const std::string& award_id,
                                       const std::vector<Instalment>& items);
  absl::StatusOr<Schedule> GetSchedule(const std::string& award_id);
  absl::StatusOr<Payment> Get(const std::string& id);
  // `state`: a stored state name, "due" or "".
  absl::StatusOr<Listed<Payment>> List(const RequestContext& ctx,
                                       const std::string& award_id,
                                       const std::string& state,
                                       const Page& page);
  // PAYMENT_NOT_FOUND, PAYMENT_STATE_INVALID.
  absl::StatusOr<Payment> Request(const RequestContext& ctx,
                                  const std::string& id);
  // CheckAuthorise's; issues the instruction.
  absl::StatusOr<Payment> Authorise(const RequestContext& ctx,
                                    const std::string& id);
  // Scheduled, requested or authorised -> cancelled (the reason is
  // audited). PAYMENT_NOT_FOUND, PAYMENT_STATE_INVALID.
  absl::StatusOr<Payment> Cancel(const RequestContext& ctx,
                                 const std::string& id,
                                 const std::string& reason);
  // Schedules a new instalment (the same amount, due as given) in place of
  // a cancelled or failed payment. PAYMENT_NOT_FOUND, PAYMENT_STATE_INVALID,
  // PAYMENT_ALREADY_REPLACED, AWARD_NOT_ACCEPTED.
  absl::StatusOr<Payment> Replace(const RequestContext& ctx,
                                  const std::string& id, DueKind due,
                                  const std::string& due_date);
  absl::StatusOr<AuthorisationLimit> SetLimit(const RequestContext& ctx,
                                              AuthorisationLimit limit);

 private:
  using Change =
      std::function<absl::StatusOr<Payment>(storage::Tx&, const Payment&)>;
  // One transaction: the key, the payment locked, `change`, the write, the
  // audit event.
  absl::StatusOr<Payment> ChangePayment(const RequestContext& ctx,
                                        const std::string& id,
                                        const Change& change,
                                        const std::string& note = "");

  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

// Describes a payment for the audit trail.
std::string DescribePayment(const Payment& p);

}  // namespace grants::payments
