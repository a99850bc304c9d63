// Programmes: proto requests -> validated domain values, domain -> proto.
// London local times are converted to UTC here, once.
#pragma once

#include "absl/status/statusor.h"
#include "domain/programmes.h"
#include "grants/v1/programmes.pb.h"
#include "services/programmes/programme_service.h"

namespace grants::programmes {

absl::StatusOr<Programme> ToCommand(const v1::CreateProgrammeRequest& r);
// The whole spec, for CreateRound.
absl::StatusOr<RoundSpec> ToSpec(const v1::RoundSpec& s);
// The fields named in update_mask, for UpdateRound. INVALID_ARGUMENT
// UPDATE_MASK_INVALID for an unknown or empty mask.
absl::StatusOr<RoundPatch> ToPatch(const v1::UpdateRoundRequest& r);
absl::StatusOr<RoundFilter> ToFilter(const v1::ListRoundsRequest& r);
// INVALID_ARGUMENT LANGUAGE_NOT_SUPPORTED (translation.language) for a
// language the system has no catalogue for, or English.
absl::StatusOr<RoundTranslation> ToTranslation(
    const v1::SetRoundTranslationRequest& r);

void ToProto(const Programme& p, v1::Programme* out);
void ToProto(const Round& r, v1::Round* out);

}  // namespace grants::programmes
