// Award repository: one function per statement in queries/.
#include "storage/award_repository.h"

#include <array>

#include "storage/rows.h"

namespace grants::storage::award_repo {
namespace {

Award ToAward(const pqxx::row& r) {
  Award a;
  a.id = r[0].as<std::string>();
  a.application_id = r[1].as<std::string>();
  a.round_id = r[2].as<std::string>();
  a.organisation_id = r[3].as<std::string>();
  a.fund_id = r[4].as<std::string>();
  a.currency = r[5].as<std::string>();
  a.amount_minor = r[6].as<int64_t>();
  a.conditions = FromPgArray(r[7]);
  a.state = awards::ParseAwardState(r[8].as<std::string>())
                .value_or(AwardState::kOffered);
  a.expires_at = TimeAt(r[9]);
  a.offered_by = r[10].as<std::string>();
  a.offered_at = TimeAt(r[11]);
  a.responded_by = r[12].as<std::string>();
  if (!r[13].is_null()) a.responded_at = TimeAt(r[13]);
  a.decline_reason = r[14].as<std::string>();
  a.explicit_attribution = r[15].as<std::string>() == "explicit";
  a.start_date = r[16].as<std::string>();
  a.end_date = r[17].as<std::string>();
  a.terminated_by = r[18].as<std::string>();
  if (!r[19].is_null()) a.terminated_at = TimeAt(r[19]);
  a.termination_reason = r[20].as<std::string>();
  a.released_minor = r[21].as<int64_t>();
  a.fast_path = r[22].as<bool>();
  return a;
}

}  // namespace

Award Insert(Tx& tx, const Award& a) {
  return ToAward(tx.exec_prepared1(
      "award_insert", a.application_id, a.round_id, a.organisation_id,
      a.fund_id, a.currency, a.amount_minor, ToPgArray(a.conditions),
      Micros(a.expires_at), a.offered_by, Micros(a.offered_at), a.start_date,
      a.end_date, a.fast_path));
}

std::optional<Award> Get(Tx& tx, const std::string& id, bool for_update) {
  auto rows =
      tx.exec_prepared(for_update ? "award_get_for_update" : "award_get", id);
  if (rows.empty()) return std::nullopt;
  return ToAward(rows[0]);
}

Award Update(Tx& tx, const Award& a, absl::Time now) {
  int64_t responded = a.responded_at ? Micros(*a.responded_at) : -1;
  int64_t terminated = a.terminated_at ? Micros(*a.terminated_at) : -1;
  return ToAward(tx.exec_prepared1(
      "award_update", a.id, std::string(StateName(a.state)), a.responded_by,
      responded, a.decline_reason,
      std::string(a.explicit_attribution ? "explicit" : "pro_rata"),
      Micros(now), a.amount_minor, a.end_date, a.terminated_by, terminated,
      a.termination_reason, a.released_minor));
}

std::vector<Award> List(Tx& tx, const Filter& f, int limit, int offset) {
  return MapRows<Award>(
      tx.exec_prepared("award_list", f.organisation_id, f.round_id, f.state,
                       limit, offset, f.funder_id),
      ToAward);
}

bool HasLiveAward(Tx& tx, const std::string& application_id) {
  return tx.exec_prepared1("award_live_exists", application_id)[0].as<bool>();
}

std::vector<Award> ExpireOverdue(Tx& tx, const std::string& round_id,
                                 absl::Time now) {
  return MapRows<Award>(
      tx.exec_prepared("award_expire_overdue", round_id, Micros(now)), ToAward);
}

std::vector<Share> GetShares(Tx& tx, const std::string& award_id) {
  return MapRows<Share>(
      tx.exec_prepared("award_shares_get", award_id), [](const pqxx::row& r) {
        return Share{r[0].as<std::string>(), r[1].as<int64_t>()};
      });
}

void ReplaceShares(Tx& tx, const std::string& award_id,
                   const std::vector<Share>& shares) {
  std::vector<std::string> funders;
  std::vector<int64_t> amounts;
  for (const auto& s : shares) {
    funders.push_back(s.funder_id);
    amounts.push_back(s.amount_minor);
  }
  tx.exec_prepared0("award_shares_delete", award_id);
  tx.exec_prepared0("award_shares_insert", award_id, ToPgArray(funders),
                    ToPgArray(amounts));
}

std::vector<std::pair<std::string, int64_t>> FunderTotals(
    Tx& tx, const std::string& fund_id) {
  return MapRows<std::pair<std::string, int64_t>>(
      tx.exec_prepared("fund_funder_totals", fund_id), [](const pqxx::row& r) {
        return std::pair{r[0].as<std::string>(), r[1].as<int64_t>()};
      });
}

void EnsureCommitment(Tx& tx, const std::string& round_id) {
  tx.exec_prepared0("round_commitment_ensure", round_id);
}

bool ChangeCommitted(Tx& tx, const std::string& round_id, int64_t delta) {
  return !tx.exec_prepared("round_commitment_change", round_id, delta).empty();
}

bool Activate(Tx& tx, const std::string& award_id, absl::Time now) {
  return !tx.exec_prepared("award_activate", award_id, Micros(now)).empty();
}

Completion CompletionOf(Tx& tx, const std::string& award_id) {
  pqxx::row r = tx.exec_prepared1("award_completion_blockers", award_id);
  return {FromPgArray(r[0]), r[1].as<bool>(), r[2].as<int64_t>(),
          r[3].as<int64_t>(), r[4].as<int64_t>()};
}

CloseOutBlockers CloseOutBlockersOf(Tx& tx, const std::string& round_id) {
  pqxx::row r = tx.exec_prepared1("round_close_out_blockers", round_id);
  return {r[0].as<int64_t>(), r[1].as<int64_t>(), r[2].as<int64_t>()};
}

std::pair<int64_t, int64_t> CloseOutCommitment(Tx& tx,
                                               const std::string& round_id) {
  pqxx::row r = tx.exec_prepared1("round_close_out", round_id);
  return {r[0].as<int64_t>(), r[1].as<int64_t>()};
}

std::string InsertExpiryRun(Tx& tx, const std::string& round_id,
                            const std::vector<std::string>& award_ids,
                            const std::string& actor, absl::Time now) {
  return tx
      .exec_prepared1("award_expiry_run_insert", round_id, ToPgArray(award_ids),
                      actor, Micros(now))[0]
      .as<std::string>();
}

std::optional<std::pair<std::string, std::vector<std::string>>> GetExpiryRun(
    Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("award_expiry_run_get", id);
  if (rows.empty()) return std::nullopt;
  return std::pair{rows[0][0].as<std::string>(), FromPgArray(rows[0][1])};
}

}  // namespace grants::storage::award_repo
