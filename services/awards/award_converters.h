// Awards: proto <-> domain, with field validation (INVALID_ARGUMENT naming
// each offending field).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/awards.h"
#include "grants/v1/awards.pb.h"
#include "services/common/validation.h"

namespace grants::awards {

// Planned start and end dates, each optional: DATE_INVALID,
// END_BEFORE_START (on end_date).
void CheckPlannedDates(Validator& v, const std::string& start,
                       const std::string& end);
Outcome FromProto(v1::Outcome o);
v1::Outcome ToProto(Outcome o);

absl::StatusOr<RoundSettings> ToSettings(
    const v1::SetRoundAwardSettingsRequest& r);
absl::StatusOr<RecommendCommand> ToCommand(
    const v1::RecommendApplicationRequest& r);
absl::StatusOr<DecideCommand> ToCommand(const v1::DecideApplicationRequest& r);

// A bulk decision, checked: 1-500 distinct ids.
struct BulkDecision {
  std::string round_id;
  std::vector<std::string> application_ids;
  Outcome outcome = Outcome::kApprove;
  std::string comment;
};
absl::StatusOr<BulkDecision> ToBulk(const v1::DecideApplicationsRequest& r);

absl::StatusOr<OfferCommand> ToCommand(const v1::OfferAwardRequest& r);
absl::StatusOr<FastPathCommand> ToCommand(const v1::ApproveFastPathRequest& r);
absl::StatusOr<std::vector<Share>> ToShares(const v1::SetAttributionRequest& r);
absl::StatusOr<awards::ListFilter> ToFilter(const v1::ListAwardsRequest& r);

void ToProto(const RoundSettings& s, v1::RoundAwardSettings* out);
void ToProto(const Decision& d, v1::Decision* out);
void ToProto(const Award& a, v1::Award* out);
void ToProto(const Condition& c, v1::AwardCondition* out);
void ToProto(const ConditionsTranslation& t, v1::ConditionsTranslation* out);
// A translation of `count` conditions (-1: the count is checked later);
// errors named under `field` (LANGUAGE_NOT_SUPPORTED,
// CONDITION_COUNT_MISMATCH, each entry's length).
void CheckConditionsTranslation(Validator& v, const std::string& field,
                                const v1::ConditionsTranslation& t, int count);
// SetConditionTranslation's input.
absl::StatusOr<std::pair<std::string, ConditionsTranslation>> ToTranslation(
    const v1::SetConditionTranslationRequest& r);
// INVALID_ARGUMENT: ID_INVALID, TOO_LONG, TOO_MANY (documents),
// CONDITION_EVIDENCE_REQUIRED (neither statement nor document).
absl::StatusOr<MeetCommand> ToCommand(const v1::MeetConditionRequest& r);
// One bulk result: the decision, or the refusal's code and ErrorInfo.
void ToProto(const std::string& application_id,
             const absl::StatusOr<Decision>& result, v1::DecisionResult* out);

}  // namespace grants::awards
