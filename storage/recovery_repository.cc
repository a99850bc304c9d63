// Recovery repository: one function per statement in queries/.
#include "storage/recovery_repository.h"

#include <map>

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
  out.received_minor = r[14].as<int64_t>();
  out.due_date = r[15].as<std::string>();
  out.written_off_by = r[16].as<std::string>();
  if (!r[17].is_null()) out.written_off_at = TimeAt(r[17]);
  out.write_off_reason = r[18].as<std::string>();
  out.written_off_minor = r[19].as<int64_t>();
  return out;
}

// Fills each recovery's receipts, oldest first, in one query.
std::vector<Recovery> WithReceipts(Tx& tx, std::vector<Recovery> items) {
  if (items.empty()) return items;
  std::vector<std::string> ids;
  std::map<std::string, Recovery*> by_id;
  for (auto& r : items) {
    ids.push_back(r.id);
    by_id[r.id] = &r;
  }
  for (const auto& row :
       tx.exec_prepared("recovery_receipts_list", ToPgArray(ids))) {
    auto it = by_id.find(row[0].as<std::string>());
    if (it == by_id.end()) continue;
    it->second->receipts.push_back(
        payments::RecoveryReceipt{.recovery_id = it->first,
                                  .currency = row[1].as<std::string>(),
                                  .amount_minor = row[2].as<int64_t>(),
                                  .received_date = row[3].as<std::string>(),
                                  .bank_reference = row[4].as<std::string>(),
                                  .received_by = row[5].as<std::string>(),
                                  .received_at = TimeAt(row[6])});
  }
  return items;
}

}  // namespace

Recovery Insert(Tx& tx, const Recovery& r) {
  return ToRecovery(tx.exec_prepared1(
      "recovery_insert", r.award_id, r.payment_id, r.currency, r.amount_minor,
      r.reason, r.raised_by, Micros(r.raised_at), r.due_date));
}

std::optional<Recovery> GetForUpdate(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("recovery_get_for_update", id);
  if (rows.empty()) return std::nullopt;
  return WithReceipts(tx, {ToRecovery(rows[0])}).front();
}

bool Receive(Tx& tx, const RecoveryReceipt& receipt, const std::string& actor,
             absl::Time now) {
  return !tx.exec_prepared("recovery_receive", receipt.recovery_id,
                           receipt.currency, receipt.amount_minor,
                           receipt.received_date, receipt.bank_reference, actor,
                           Micros(now))
              .empty();
}

bool WriteOff(Tx& tx, const std::string& id, const std::string& actor,
              absl::Time now, const std::string& reason) {
  return !tx.exec_prepared("recovery_write_off", id, actor, Micros(now), reason)
              .empty();
}

std::vector<Recovery> List(Tx& tx, const std::string& award_id,
                           const std::string& state, int limit, int offset) {
  return WithReceipts(
      tx, MapRows<Recovery>(
              tx.exec_prepared("recovery_list", award_id, state, limit, offset),
              ToRecovery));
}

}  // namespace grants::storage::recovery_repo
