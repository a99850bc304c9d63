// Acts of officers on behalf of organisations, in PostgreSQL.
#pragma once

#include <string>
#include <vector>

#include "domain/on_behalf.h"
#include "storage/transaction.h"

namespace grants::storage::on_behalf_repo {

// Records that `act.officer` did `act.action` on the entity
// ("application", "award" or "report") for `act.organisation_id`; the
// request's key ties it to the call. Returns the application the act
// serves.
std::string Insert(Tx& tx, const ActOnBehalf& act,
                   const std::string& entity_type, const std::string& entity_id,
                   const std::string& request_id);

// Records that `act.officer` registered `act.organisation_id` for the group.
void InsertForOrganisation(Tx& tx, const ActOnBehalf& act,
                           const std::string& request_id);

// Every act on the application, its award and its reports, oldest first.
std::vector<ActOnBehalf> ListForApplication(Tx& tx,
                                            const std::string& application_id);

// Whether `officer` acted for the applicant on the application.
bool ActedOnApplication(Tx& tx, const std::string& application_id,
                        const std::string& officer);
// Whether `officer` recommended or decided the application.
bool JudgedApplication(Tx& tx, const std::string& application_id,
                       const std::string& officer);

}  // namespace grants::storage::on_behalf_repo
