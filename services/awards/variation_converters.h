// Variations and termination: proto <-> domain, with field validation
// (INVALID_ARGUMENT naming each offending field).
#pragma once

#include "absl/status/statusor.h"
#include "domain/awards.h"
#include "grants/v1/awards.pb.h"
#include "services/awards/variation_service.h"

namespace grants::awards {

absl::StatusOr<VariationCommand> ToCommand(
    const v1::ProposeVariationRequest& r);
// Rejecting needs a comment (COMMENT_REQUIRED).
absl::StatusOr<VariationDecision> ToCommand(
    const v1::DecideVariationRequest& r);
absl::StatusOr<TerminateCommand> ToCommand(const v1::TerminateAwardRequest& r);
// A positive amount, a reason, an optional due date.
absl::StatusOr<RecoveryCommand> ToCommand(const v1::RaiseRecoveryRequest& r);
absl::StatusOr<awards::VariationFilter> ToFilter(
    const v1::ListVariationsRequest& r);

void ToProto(const Variation& v, v1::Variation* out);
// `today` (London) tells due payments from scheduled ones.
void ToProto(const Termination& t, const std::string& today,
             v1::Termination* out);
void ToProto(const RaisedRecovery& r, v1::RaiseRecoveryResponse* out);

}  // namespace grants::awards
