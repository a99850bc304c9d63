// Organisations: proto <-> domain.
#pragma once

#include <functional>

#include "absl/status/statusor.h"
#include "domain/organisations.h"
#include "grants/v1/organisations.pb.h"
#include "services/organisations/retention_service.h"

namespace grants::organisations {

// Field shapes are checked by the rules (ValidateProfile) on the merged
// profile; this only maps. INVALID_ARGUMENT LEGAL_FORM for an unknown enum.
Profile FromProto(const v1::OrganisationProfile& p);
// The merge an update applies: the fields named in `mask` from `p`.
// INVALID_ARGUMENT UPDATE_MASK_INVALID for an unknown or empty mask.
absl::StatusOr<std::function<Profile(Profile)>> ToMerge(
    const v1::UpdateOrganisationRequest& r);
void ToProto(const Organisation& o, v1::Organisation* out);
BankDetails FromProto(const v1::BankDetails& b);
void ToProto(const BankDetailsChange& c, v1::BankDetailsChange* out);
void ToProto(const RetentionRule& r, v1::RetentionRule* out);
void ToProto(const RetentionService::Sweep& s, v1::SweepRetentionResponse* out);

}  // namespace grants::organisations
