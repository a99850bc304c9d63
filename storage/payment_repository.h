// Payments, officers' authorisation limits and reconciliation items in
// PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/payments.h"
#include "storage/transaction.h"

namespace grants::storage::payment_repo {

using grants::payments::AuthorisationLimit;
using grants::payments::DueKind;
using grants::payments::MismatchReason;
using grants::payments::Payment;
using grants::payments::PaymentState;
using grants::payments::ReconciliationItem;

// Inserts a SCHEDULED payment (award, instalment, money, due, and the
// payment it replaces, if any); returns its id.
std::string Insert(Tx& tx, const Payment& p, const std::string& actor,
                   absl::Time now);
// Changes a scheduled payment's amount (a variation).
void SetAmount(Tx& tx, const std::string& id, int64_t amount_minor,
               absl::Time now);
// Deletes one scheduled payment (a variation).
void Delete(Tx& tx, const std::string& id);
// Deletes the award's scheduled payments (a schedule being replaced).
void DeleteScheduled(Tx& tx, const std::string& award_id);
std::optional<Payment> Get(Tx& tx, const std::string& id,
                           bool for_update = false);
// The payment behind an instruction, locked.
std::optional<Payment> GetByInstruction(Tx& tx,
                                        const std::string& instruction_id);
// In instalment order; `lock`: each locked until commit.
std::vector<Payment> ListForAward(Tx& tx, const std::string& award_id,
                                  bool lock = false);
// Writes state, request, authorisation (instruction_id "new" issues one)
// and remittance.
void Update(Tx& tx, const Payment& p, absl::Time now);
// Records the payment's payee: its organisation's bank details now.
void TakePayee(Tx& tx, const std::string& payment_id, absl::Time now);

// `state`: a stored state name, "due", or "" for any; `today` decides due;
// `organisation_id`: only that organisation's awards ("" for all).
std::vector<Payment> List(Tx& tx, const std::string& award_id,
                          const std::string& state, const std::string& today,
                          int limit, int offset,
                          const std::string& organisation_id = "");
// Authorised and due on `today`, by authorisation time then id, after
// the one authorised at `after_micros` (-1: from the start) with `after_id`.
std::vector<Payment> ListInstructions(Tx& tx, const std::string& today,
                                      int limit, int64_t after_micros,
                                      const std::string& after_id);

std::optional<AuthorisationLimit> GetLimit(Tx& tx, const std::string& officer);
AuthorisationLimit UpsertLimit(Tx& tx, const AuthorisationLimit& l);

ReconciliationItem InsertItem(Tx& tx, const ReconciliationItem& item);
std::optional<ReconciliationItem> GetItem(Tx& tx, const std::string& id);
// Resolves an open item; nullopt when it is not open.
std::optional<ReconciliationItem> ResolveItem(Tx& tx, const std::string& id,
                                              const std::string& note,
                                              const std::string& actor,
                                              absl::Time now);
std::vector<ReconciliationItem> ListItems(Tx& tx, bool open_only, int limit,
                                          int offset);

}  // namespace grants::storage::payment_repo
