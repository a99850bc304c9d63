// Condition repository: one function per statement in queries/.
#include "storage/condition_repository.h"

#include "storage/rows.h"

namespace grants::storage::condition_repo {
namespace {

std::optional<absl::Time> TimeOrNone(const pqxx::field& f) {
  int64_t micros = f.as<int64_t>();
  if (micros == 0) return std::nullopt;
  return absl::FromUnixMicros(micros);
}

int64_t MicrosOrZero(const std::optional<absl::Time>& t) {
  return t ? Micros(*t) : 0;
}

Condition ToCondition(const pqxx::row& r) {
  Condition c;
  c.id = r[0].as<std::string>();
  c.award_id = r[1].as<std::string>();
  c.number = r[2].as<int>();
  c.text = r[3].as<std::string>();
  c.state = ParseName(awards::kConditionStateNames, r[4].as<std::string>());
  c.statement = r[5].as<std::string>();
  c.document_ids = FromPgArray(r[6]);
  c.met_by = r[7].as<std::string>();
  c.met_at = TimeOrNone(r[8]);
  c.on_behalf_reason = r[9].as<std::string>();
  c.signed_off_by = r[10].as<std::string>();
  c.signed_off_at = TimeOrNone(r[11]);
  c.return_comment = r[12].as<std::string>();
  return c;
}

}  // namespace

std::vector<Condition> List(Tx& tx, const std::string& award_id) {
  return MapRows<Condition>(tx.exec_prepared("condition_list", award_id),
                            ToCondition);
}

std::optional<Condition> GetForUpdate(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("condition_get_for_update", id);
  if (rows.empty()) return std::nullopt;
  return ToCondition(rows[0]);
}

void Update(Tx& tx, const Condition& c) {
  tx.exec_prepared0("condition_update", c.id,
                    std::string(NameOf(awards::kConditionStateNames, c.state)),
                    c.statement, ToPgArray(c.document_ids), c.met_by,
                    MicrosOrZero(c.met_at), c.on_behalf_reason, c.signed_off_by,
                    MicrosOrZero(c.signed_off_at), c.return_comment);
}

int64_t OpenCount(Tx& tx, const std::string& award_id) {
  return tx.exec_prepared1("condition_open_count", award_id)[0].as<int64_t>();
}

void ReleasePayments(Tx& tx, const std::string& award_id,
                     const std::string& date, absl::Time now) {
  tx.exec_prepared0("payment_release_conditions", award_id, date, Micros(now));
}

std::vector<awards::ConditionsTranslation> ListTranslations(
    Tx& tx, const std::string& award_id) {
  return MapRows<awards::ConditionsTranslation>(
      tx.exec_prepared("condition_translation_list", award_id),
      [](const pqxx::row& r) {
        return awards::ConditionsTranslation{r[0].as<std::string>(),
                                             FromPgArray(r[1])};
      });
}

void SetTranslation(Tx& tx, const std::string& award_id,
                    const awards::ConditionsTranslation& t,
                    const std::string& actor, absl::Time now) {
  tx.exec_prepared0("condition_translation_upsert", award_id, t.language,
                    ToPgArray(t.conditions), actor, Micros(now));
}

}  // namespace grants::storage::condition_repo
