// Conflicts of interest at every decision: a person (officer or reviewer)
// who declared an interest in an organisation, or in one of its
// applications, acts on none of its records and reads none of its
// decisions or scores. The use cases of every area call these inside their
// own transaction; the refusal is PERMISSION_DENIED, which the request
// pipeline writes to the audit trail.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "common/caller.h"
#include "storage/transaction.h"

namespace grants::organisations {

// PERMISSION_DENIED CONFLICT_OF_INTEREST naming `field` when the caller
// declared an interest in the application or its organisation.
absl::Status CheckNoInterestInApplication(storage::Tx& tx,
                                          const RequestContext& ctx,
                                          const std::string& application_id,
                                          std::string_view field);

// The same for the award's application or organisation (its payments,
// variations and reports follow the award).
absl::Status CheckNoInterestInAward(storage::Tx& tx, const RequestContext& ctx,
                                    const std::string& award_id,
                                    std::string_view field);

// The same for the organisation itself (its bank details).
absl::Status CheckNoInterestInOrganisation(storage::Tx& tx,
                                           const RequestContext& ctx,
                                           const std::string& organisation_id,
                                           std::string_view field);

// The same for the round as a whole (its ranking and award settings): the
// caller declared an interest in one of its applications (past draft) or in
// an organisation with one. Someone who may not see one competitor's
// standing sees no ranking of the round.
absl::Status CheckNoInterestInRound(storage::Tx& tx, const RequestContext& ctx,
                                    const std::string& round_id,
                                    std::string_view field);

}  // namespace grants::organisations
