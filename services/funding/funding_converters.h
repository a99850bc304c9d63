// Funding: proto requests -> validated commands, domain -> proto.
#pragma once

#include "absl/status/statusor.h"
#include "domain/funding.h"
#include "grants/v1/funding.pb.h"
#include "services/funding/funding_service.h"

namespace grants::funding {

absl::StatusOr<CreateFunderCommand> ToCommand(const v1::CreateFunderRequest& r);
absl::StatusOr<CreateFundCommand> ToCommand(const v1::CreateFundRequest& r);
absl::StatusOr<AddContributionCommand> ToCommand(
    const v1::AddContributionRequest& r);

void ToProto(const Funder& f, v1::Funder* out);
void ToProto(const Fund& f, v1::Fund* out);
void ToProto(const Contribution& c, v1::Contribution* out);
void ToProto(const FundMoney& m, v1::FundMoney* out);

}  // namespace grants::funding
