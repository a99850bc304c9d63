// Acting on behalf: an officer creates, fills and submits an application,
// accepts an offer or submits a report for an organisation that asked for
// help (by phone, on paper, through an interpreter). The call then runs as
// the organisation's grantee would, with the officer's subject, and the act
// is recorded with its reason in the change's transaction. The officer
// counts as involved in the application from then on: four-eyes points
// refuse them its recommendation, decision and report reviews.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "storage/pool.h"
#include "storage/transaction.h"

namespace grants::organisations {

// The context a grantee's use case runs in. Without `on_behalf` the caller
// must be a grantee (an officer gets PERMISSION_DENIED ON_BEHALF_REQUIRED).
// With it: the caller must be an officer (PERMISSION_DENIED
// ON_BEHALF_NOT_ALLOWED), the reason 1-500 characters (INVALID_ARGUMENT
// ON_BEHALF_REASON_REQUIRED / ON_BEHALF_REASON_TOO_LONG), the organisation
// registered (NOT_FOUND ORGANISATION_NOT_FOUND) and free of the officer's
// declared interest (PERMISSION_DENIED CONFLICT_OF_INTEREST); fields are
// named under "on_behalf.". Reads only; writes nothing.
absl::StatusOr<RequestContext> Acting(storage::ConnectionPool& pool,
                                      const RequestContext& ctx,
                                      const std::optional<OnBehalf>& on_behalf);

// The reason given by an officer who registers an organisation for a
// group that asked for help (RegisterOrganisation's on_behalf_reason),
// stripped: required of an officer and 1-500 characters, refused of anyone
// else; the errors of Acting, on the field "on_behalf_reason". "" for a
// grantee registering its own. The registering officer counts as involved
// in every application of the group (CheckNotActedOnBehalf): they chose
// the contact who signs in for it.
absl::StatusOr<std::string> RegisteringFor(
    const RequestContext& ctx, const std::string& on_behalf_reason);

// Records, when `ctx` acts on behalf, that the officer did ctx.method on
// the entity ("application", "award" or "report"), in `tx`. An officer
// who declared an interest in the application the entity serves (not only
// in the organisation, which Acting checks) may not act on it:
// PERMISSION_DENIED CONFLICT_OF_INTEREST (on_behalf.organisation_id); nor
// may one who recommended or decided it: PERMISSION_DENIED
// FOUR_EYES_REQUIRED (JUDGED_IT).
absl::Status RecordActOnBehalf(storage::Tx& tx, const RequestContext& ctx,
                               std::string_view entity_type,
                               const std::string& entity_id);

// The same for an officer's call for a group that does not run as the
// group (attaching or removing its document, meeting its offer's
// condition), with the call's `reason` (required of an officer, validated
// by the call with RegisteringFor): nothing for a grantee. From then on the
// officer counts as involved, as for any other act.
absl::Status RecordOfficerActFor(storage::Tx& tx, const RequestContext& ctx,
                                 const std::string& organisation_id,
                                 const std::string& reason,
                                 std::string_view entity_type,
                                 const std::string& entity_id);

// Records, in `tx`, that the officer in `ctx` registered `organisation_id`
// for a group that asked for help, with `reason` (RegisteringFor's), as
// acts_on_behalf records every other act; returns the audit event's
// "on_behalf" object (the organisation and the reason's length).
nlohmann::json RecordRegistrationOnBehalf(storage::Tx& tx,
                                          const RequestContext& ctx,
                                          const std::string& organisation_id,
                                          const std::string& reason);

// A grantee message's parameters, with the officer and the reason when an
// officer acted on behalf (the message then tells the group who did it for
// them, and why).
nlohmann::json NoteOnBehalf(const RequestContext& ctx, nlohmann::json params);
// The same for an officer's act with `reason` ("" adds nothing), such as
// registering the group.
nlohmann::json NoteOnBehalf(const RequestContext& ctx,
                            const std::string& reason, nlohmann::json params);

// PERMISSION_DENIED FOUR_EYES_REQUIRED (field `field`, ACTED_ON_BEHALF) when
// the caller acted for the applicant on the application, or registered the
// applicant for it: whoever wrote, submitted or accepted for the group, or
// chose who signs in for it, does not also judge it.
absl::Status CheckNotActedOnBehalf(storage::Tx& tx, const RequestContext& ctx,
                                   const std::string& application_id,
                                   std::string_view field);
// The same for the award's application: whoever accepted its offer, or
// wrote or submitted for the group, does not also authorise its payments,
// decide its variations, sign off its conditions or write off what it
// owes.
absl::Status CheckNotActedOnBehalfForAward(storage::Tx& tx,
                                           const RequestContext& ctx,
                                           const std::string& award_id,
                                           std::string_view field);

}  // namespace grants::organisations
