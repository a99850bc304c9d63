// Recovery repository: one function per statement in queries/.
#include "storage/recovery_repository.h"

#include "storage/rows.h"

namespace grants::storage::recovery_repo {
namespace {

Recovery ToRecovery(const pqxx::row& r) {
  Recovery out;
  out.id = r[0].as<std::string>();
  out.award_id = r[1].as<std::string>();
  out.organisation_id = r[2].as<std::string>();
  out.payment_id = r[3].as<std::string>();
  out.currency = r[4].as<std::string>();
  out.amount_minor = r[5].as<int64_t>();
  out.reason = r[6].as<std::string>();
  out.state = ParseName(payments::kRecoveryStateNames,
                        r[7].as<std::string>());
  out.raised_by = r[8].as<std::string>();
  out.raised_at = TimeAt(r[9]);
  out.received_date = r[10].as<std::string>();
  out.bank_reference = r[11].as<std::string>();
  out.received_by = r[12].as<std::string>();
  if (!r[13].is_null()) out.received_at = TimeAt(r[13]);
  return out;
}

}  // namespace

Recovery Insert(Tx& tx, const Recovery& r) {
  return ToRecovery(tx.exec_prepared1(
      "recovery_insert", r.award_id, r.payment_id, r.currency, r.amount_minor,
      r.reason, r.raised_by, Micros(r.raised_at)));
}

std::optional<Recovery> GetForUpdate(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("recovery_get_for_update", id);
  if (rows.empty()) return std::nullopt;
  return ToRecovery(rows[0]);
}

void Receive(Tx& tx, const RecoveryReceipt& receipt, const std::string& actor,
             absl::Time now) {
  tx.exec_prepared0("recovery_receive", receipt.recovery_id,
                    receipt.received_date, receipt.bank_reference, actor,
                    Micros(now));
}

std::vector<Recovery> List(Tx& tx, const std::string& award_id,
                           const std::string& state, int limit, int offset) {
  return MapRows<Recovery>(
      tx.exec_prepared("recovery_list", award_id, state, limit, offset),
      ToRecovery);
}

}  // namespace grants::storage::recovery_repo
