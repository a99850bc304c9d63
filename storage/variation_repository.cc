// Variation repository: one function per statement in queries/.
#include "storage/variation_repository.h"

#include <array>
#include <utility>

#include "storage/rows.h"

namespace grants::storage::variation_repo {
namespace {

Variation ToVariation(const pqxx::row& r) {
  Variation v;
  v.id = r[0].as<std::string>();
  v.award_id = r[1].as<std::string>();
  v.organisation_id = r[2].as<std::string>();
  v.state = ParseName(awards::kVariationStateNames, r[3].as<std::string>());
  v.currency = r[4].as<std::string>();
  v.previous_minor = r[5].as<int64_t>();
  v.new_minor = r[6].as<int64_t>();
  v.previous_end_date = r[7].as<std::string>();
  v.new_end_date = r[8].as<std::string>();
  v.reason = r[9].as<std::string>();
  v.proposed_by = r[10].as<std::string>();
  v.proposer_role = r[11].as<std::string>();
  v.proposed_at = TimeAt(r[12]);
  v.decided_by = r[13].as<std::string>();
  if (!r[14].is_null()) v.decided_at = TimeAt(r[14]);
  v.decision_comment = r[15].as<std::string>();
  v.endorsed_by = r[16].as<std::string>();
  if (!r[17].is_null()) v.endorsed_at = TimeAt(r[17]);
  return v;
}

}  // namespace

Variation Insert(Tx& tx, const Variation& v) {
  return ToVariation(tx.exec_prepared1(
      "variation_insert", v.award_id, v.currency, v.previous_minor, v.new_minor,
      v.previous_end_date, v.new_end_date, v.reason, v.proposed_by,
      v.proposer_role, Micros(v.proposed_at)));
}

std::optional<Variation> Get(Tx& tx, const std::string& id, bool for_update) {
  auto rows = tx.exec_prepared(
      for_update ? "variation_get_for_update" : "variation_get", id);
  if (rows.empty()) return std::nullopt;
  return ToVariation(rows[0]);
}

bool OpenExists(Tx& tx, const std::string& award_id) {
  return tx.exec_prepared1("variation_open_exists", award_id)[0].as<bool>();
}

void Endorse(Tx& tx, const std::string& id, const std::string& actor,
             absl::Time now) {
  tx.exec_prepared0("variation_endorse", id, actor, Micros(now));
}

void Decide(Tx& tx, const std::string& id, VariationState state,
            const std::string& actor, absl::Time now,
            const std::string& comment) {
  tx.exec_prepared0("variation_decide", id, std::string(StateName(state)),
                    actor, Micros(now), comment);
}

std::vector<Variation> List(Tx& tx, const Filter& f, int limit, int offset) {
  return MapRows<Variation>(
      tx.exec_prepared("variation_list", f.award_id, f.state, f.organisation_id,
                       limit, offset),
      ToVariation);
}

}  // namespace grants::storage::variation_repo
