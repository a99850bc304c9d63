// The awards area's error catalog.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace grants::awards {

inline absl::Status Refused(std::string_view reason, std::string_view field,
                            std::string_view message) {
  return MakeError(absl::StatusCode::kFailedPrecondition, reason, message,
                   {{std::string(field), std::string(reason),
                     std::string(message)}});
}

inline absl::Status AwardNotFound(std::string_view field = "id") {
  return MakeError(absl::StatusCode::kNotFound, "AWARD_NOT_FOUND",
                   "award not found",
                   {{std::string(field), "AWARD_NOT_FOUND", "no such award"}});
}

inline absl::Status ApplicationNotFound() {
  return MakeError(absl::StatusCode::kNotFound, "APPLICATION_NOT_FOUND",
                   "application not found",
                   {{"application_id", "APPLICATION_NOT_FOUND",
                     "no such application"}});
}

inline absl::Status FourEyesRequired() {
  return MakeError(absl::StatusCode::kPermissionDenied, "FOUR_EYES_REQUIRED",
                   "the decision must be made by someone other than the "
                   "recommender",
                   {{"application_id", "FOUR_EYES_REQUIRED",
                     "you recommended this application"}});
}

inline absl::Status RecommendationRequired() {
  return Refused("RECOMMENDATION_REQUIRED", "application_id",
                 "the application has no recommendation to decide on");
}

inline absl::Status RecommendationStale() {
  return Refused("RECOMMENDATION_STALE", "application_id",
                 "the application changed after it was recommended; "
                 "recommend it again");
}

inline absl::Status AlreadyDecided() {
  return Refused("ALREADY_DECIDED", "application_id",
                 "the application has been decided");
}

inline absl::Status OfficerRecommendationRequired() {
  return Refused("OFFICER_RECOMMENDATION_REQUIRED", "amount",
                 "above the round's microgrant threshold an officer must "
                 "recommend");
}

inline absl::Status OutcomeDiffers() {
  return Refused("OUTCOME_DIFFERS_FROM_RECOMMENDATION", "outcome",
                 "the decision must follow the standing recommendation; "
                 "record a new recommendation to overrule it");
}

inline absl::Status BudgetExhausted() {
  return Refused("BUDGET_EXHAUSTED", "amount",
                 "the round's budget does not have this much uncommitted");
}

inline absl::Status OfferExpired() {
  return Refused("OFFER_EXPIRED", "id", "the offer has expired");
}

inline absl::Status AttributionSumMismatch(std::string_view detail) {
  return InvalidField("shares", "ATTRIBUTION_SUM_MISMATCH", detail);
}

}  // namespace grants::awards
