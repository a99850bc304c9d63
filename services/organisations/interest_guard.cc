// Conflict-of-interest and assignment checks shared by every area.
#include "services/organisations/interest_guard.h"

#include "services/organisations/organisation_errors.h"
#include "storage/assessment_repository.h"

namespace grants::organisations {
namespace {

// Only people declare interests; grantees, funders and machines have none
// to look up.
bool CanHoldInterest(Role role) {
  return role == Role::kOfficer || role == Role::kReviewer;
}

}  // namespace

absl::Status CheckNoInterestInApplication(storage::Tx& tx,
                                          const RequestContext& ctx,
                                          const std::string& application_id,
                                          std::string_view field) {
  if (!CanHoldInterest(ctx.caller.role)) return absl::OkStatus();
  if (storage::assessment_repo::IsConflicted(tx, ctx.caller.subject,
                                             application_id))
    return InterestDeclared(field);
  return absl::OkStatus();
}

absl::Status CheckNoInterestInAward(storage::Tx& tx, const RequestContext& ctx,
                                    const std::string& award_id,
                                    std::string_view field) {
  if (!CanHoldInterest(ctx.caller.role)) return absl::OkStatus();
  if (storage::assessment_repo::IsConflictedWithAward(tx, ctx.caller.subject,
                                                      award_id))
    return InterestDeclared(field);
  return absl::OkStatus();
}

absl::Status CheckNoInterestInOrganisation(storage::Tx& tx,
                                           const RequestContext& ctx,
                                           const std::string& organisation_id,
                                           std::string_view field) {
  if (!CanHoldInterest(ctx.caller.role)) return absl::OkStatus();
  if (storage::assessment_repo::IsConflictedWithOrganisation(
          tx, ctx.caller.subject, organisation_id))
    return InterestDeclared(field);
  return absl::OkStatus();
}

absl::Status CheckNoInterestInRound(storage::Tx& tx, const RequestContext& ctx,
                                    const std::string& round_id,
                                    std::string_view field) {
  if (!CanHoldInterest(ctx.caller.role)) return absl::OkStatus();
  if (storage::assessment_repo::IsConflictedInRound(tx, ctx.caller.subject,
                                                    round_id))
    return InterestDeclared(field);
  return absl::OkStatus();
}

}  // namespace grants::organisations
