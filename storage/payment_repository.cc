// Payment repository: one function per statement in queries/.
#include "storage/payment_repository.h"

#include <array>
#include <utility>

#include "storage/rows.h"

namespace grants::storage::payment_repo {
namespace {

std::optional<absl::Time> OptionalTime(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return TimeAt(f);
}

int64_t MicrosOr(const std::optional<absl::Time>& t) {
  return t ? Micros(*t) : -1;
}

Payment ToPayment(const pqxx::row& r) {
  Payment p;
  p.id = r[0].as<std::string>();
  p.award_id = r[1].as<std::string>();
  p.organisation_id = r[2].as<std::string>();
  p.instalment = r[3].as<int>();
  p.currency = r[4].as<std::string>();
  p.amount_minor = r[5].as<int64_t>();
  p.due = ParseName(payments::kDueNames, r[6].as<std::string>());
  p.due_date = r[7].as<std::string>();
  p.state = ParseName(payments::kPaymentStateNames, r[8].as<std::string>());
  p.requested_by = r[9].as<std::string>();
  p.requested_at = OptionalTime(r[10]);
  p.authorised_by = r[11].as<std::string>();
  p.authorised_at = OptionalTime(r[12]);
  p.instruction_id = r[13].as<std::string>();
  if (!r[14].is_null()) p.paid_minor = r[14].as<int64_t>();
  p.paid_date = r[15].as<std::string>();
  p.bank_reference = r[16].as<std::string>();
  p.replaces = r[17].as<std::string>();
  p.replaced_by = r[18].as<std::string>();
  p.released_on = r[19].as<std::string>();
  // Finance's reads carry the payee taken at authorisation.
  if (r.size() > 22)
    p.payee = {r[20].as<std::string>(), r[21].as<std::string>(),
               r[22].as<std::string>()};
  return p;
}

ReconciliationItem ToItem(const pqxx::row& r) {
  ReconciliationItem i;
  i.id = r[0].as<std::string>();
  i.reason = ParseName(payments::kMismatchReasonNames, r[1].as<std::string>());
  i.remittance = {r[2].as<std::string>(), r[3].as<std::string>(),
                  r[4].as<int64_t>(), r[5].as<std::string>(),
                  r[6].as<std::string>()};
  i.payment_id = r[7].as<std::string>();
  i.reported_by = r[8].as<std::string>();
  i.reported_at = TimeAt(r[9]);
  i.resolved = r[10].as<bool>();
  i.resolution_note = r[11].as<std::string>();
  i.resolved_by = r[12].as<std::string>();
  i.resolved_at = OptionalTime(r[13]);
  return i;
}

AuthorisationLimit ToLimit(const pqxx::row& r) {
  return {r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<int64_t>(),
          r[3].as<std::string>(), TimeAt(r[4])};
}

std::optional<Payment> First(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return ToPayment(rows[0]);
}

}  // namespace


std::string Insert(Tx& tx, const Payment& p, const std::string& actor,
                   absl::Time now) {
  return tx
      .exec_prepared1("payment_insert", p.award_id, p.instalment, p.currency,
                      p.amount_minor, std::string(DueName(p.due)), p.due_date,
                      actor, Micros(now), p.replaces)[0]
      .as<std::string>();
}

void SetAmount(Tx& tx, const std::string& id, int64_t amount_minor,
               absl::Time now) {
  tx.exec_prepared0("payment_set_amount", id, amount_minor, Micros(now));
}

void Delete(Tx& tx, const std::string& id) {
  tx.exec_prepared0("payment_delete", id);
}

void DeleteScheduled(Tx& tx, const std::string& award_id) {
  tx.exec_prepared0("payment_delete_scheduled", award_id);
}

std::optional<Payment> Get(Tx& tx, const std::string& id, bool for_update) {
  return First(tx.exec_prepared(
      for_update ? "payment_get_for_update" : "payment_get", id));
}

std::optional<Payment> GetByInstruction(Tx& tx,
                                        const std::string& instruction_id) {
  return First(tx.exec_prepared("payment_get_by_instruction", instruction_id));
}

std::vector<Payment> ListForAward(Tx& tx, const std::string& award_id,
                                  bool lock) {
  return MapRows<Payment>(
      tx.exec_prepared(lock ? "payment_list_for_award_locked"
                            : "payment_list_for_award",
                       award_id),
      ToPayment);
}

void TakePayee(Tx& tx, const std::string& payment_id, absl::Time now) {
  tx.exec_prepared0("payment_payee_take", payment_id, Micros(now));
}

void Update(Tx& tx, const Payment& p, absl::Time now) {
  tx.exec_prepared0("payment_update", p.id, std::string(StateName(p.state)),
                    p.requested_by, MicrosOr(p.requested_at), p.authorised_by,
                    MicrosOr(p.authorised_at), p.instruction_id,
                    p.paid_minor.value_or(-1), p.paid_date, p.bank_reference,
                    Micros(now));
}

std::vector<Payment> List(Tx& tx, const std::string& award_id,
                          const std::string& state, const std::string& today,
                          int limit, int offset,
                          const std::string& organisation_id) {
  return MapRows<Payment>(tx.exec_prepared("payment_list", award_id, state,
                                           today, limit, offset,
                                           organisation_id),
                          ToPayment);
}

std::vector<Payment> ListInstructions(Tx& tx, const std::string& today,
                                      int limit, int64_t after_micros,
                                      const std::string& after_id) {
  return MapRows<Payment>(tx.exec_prepared("payment_instructions", today, limit,
                                           after_micros, after_id),
                          ToPayment);
}

std::optional<AuthorisationLimit> GetLimit(Tx& tx, const std::string& officer) {
  auto rows = tx.exec_prepared("authorisation_limit_get", officer);
  if (rows.empty()) return std::nullopt;
  return ToLimit(rows[0]);
}

AuthorisationLimit UpsertLimit(Tx& tx, const AuthorisationLimit& l) {
  return ToLimit(tx.exec_prepared1("authorisation_limit_upsert", l.id,
                                   l.currency, l.limit_minor, l.set_by,
                                   Micros(l.set_at)));
}

ReconciliationItem InsertItem(Tx& tx, const ReconciliationItem& i) {
  const auto& r = i.remittance;
  return ToItem(tx.exec_prepared1(
      "reconciliation_insert", std::string(ReasonName(i.reason)),
      r.instruction_id, i.payment_id, r.currency, r.paid_minor, r.paid_date,
      r.bank_reference, i.reported_by, Micros(i.reported_at)));
}

std::optional<ReconciliationItem> GetItem(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("reconciliation_get", id);
  if (rows.empty()) return std::nullopt;
  return ToItem(rows[0]);
}

std::optional<ReconciliationItem> ResolveItem(Tx& tx, const std::string& id,
                                              const std::string& note,
                                              const std::string& actor,
                                              absl::Time now) {
  auto rows = tx.exec_prepared("reconciliation_resolve", id, note, actor,
                               Micros(now));
  if (rows.empty()) return std::nullopt;
  return ToItem(rows[0]);
}

std::vector<ReconciliationItem> ListItems(Tx& tx, bool open_only, int limit,
                                          int offset) {
  return MapRows<ReconciliationItem>(
      tx.exec_prepared("reconciliation_list", open_only, limit, offset),
      ToItem);
}

}  // namespace grants::storage::payment_repo
