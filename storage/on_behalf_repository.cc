// Acts of officers on behalf of organisations, in PostgreSQL.
#include "storage/on_behalf_repository.h"

#include "storage/rows.h"

namespace grants::storage::on_behalf_repo {

std::string Insert(Tx& tx, const ActOnBehalf& act,
                   const std::string& entity_type, const std::string& entity_id,
                   const std::string& request_id) {
  return tx
      .exec_prepared1("on_behalf_insert", act.officer, act.organisation_id,
                      act.action, entity_type, entity_id, act.reason,
                      request_id, Micros(act.acted_at))[0]
      .as<std::string>();
}

void InsertForOrganisation(Tx& tx, const ActOnBehalf& act,
                           const std::string& request_id) {
  tx.exec_prepared0("on_behalf_insert_organisation", act.officer,
                    act.organisation_id, act.action, act.reason, request_id,
                    Micros(act.acted_at));
}

std::vector<ActOnBehalf> ListForApplication(Tx& tx,
                                            const std::string& application_id) {
  std::vector<ActOnBehalf> acts;
  for (const auto& r :
       tx.exec_prepared("on_behalf_list_for_application", application_id))
    acts.push_back({r[0].as<std::string>(), r[1].as<std::string>(),
                    r[2].as<std::string>(), r[3].as<std::string>(),
                    TimeAt(r[4])});
  return acts;
}

bool ActedOnApplication(Tx& tx, const std::string& application_id,
                        const std::string& officer) {
  return tx
      .exec_prepared1("on_behalf_acted_on_application", application_id,
                      officer)[0]
      .as<bool>();
}

bool JudgedApplication(Tx& tx, const std::string& application_id,
                       const std::string& officer) {
  return tx
      .exec_prepared1("on_behalf_judged_application", application_id,
                      officer)[0]
      .as<bool>();
}

}  // namespace grants::storage::on_behalf_repo
