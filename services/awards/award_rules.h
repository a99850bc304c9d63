// Pure rules of awards: when an application may be recommended and decided
// (four eyes, staleness, the microgrant light path), what an offer needs,
// the award life cycle as a table, and the pro-rata split among funders.
// No I/O; unit-tested directly.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/money.h"
#include "domain/applications.h"
#include "domain/awards.h"
#include "domain/programmes.h"

namespace grants::awards {

// Recommendations may be made while the round is OPEN (assessment as
// submissions arrive) or once it is CLOSED, ASSESSING or DECIDED.
// FAILED_PRECONDITION ROUND_NOT_ASSESSABLE otherwise.
absl::Status CheckRoundAssessable(programmes::RoundState state);

// Decisions and offers wait until the round is CLOSED (or ASSESSING,
// DECIDED): no submission can change any more, and the round can no longer
// be cancelled (which would release a budget its awards commit).
// FAILED_PRECONDITION ROUND_NOT_CLOSED otherwise.
absl::Status CheckRoundClosed(programmes::RoundState state);

// Only a submitted, eligible application is recommended or decided.
// FAILED_PRECONDITION ALREADY_DECIDED, APPLICATION_NOT_SUBMITTED or
// APPLICATION_NOT_ELIGIBLE.
absl::Status CheckDecidable(const applications::Application& a);

// What a recommendation says, against the round: approving needs an amount
// in the round's currency within its minimum and maximum grant
// (INVALID_ARGUMENT CURRENCY_MISMATCH, AMOUNT_OUT_OF_RANGE); declining
// needs a reason (INVALID_ARGUMENT REASON_REQUIRED).
absl::Status CheckRecommendation(const programmes::RoundSpec& round,
                                 const RecommendCommand& cmd);

// The light path: a reviewer may recommend only amounts at or below the
// round's microgrant threshold; officers any. FAILED_PRECONDITION
// OFFICER_RECOMMENDATION_REQUIRED.
absl::Status CheckRecommender(const RoundSettings& settings,
                              std::string_view role, int64_t amount_minor);

// Whether `decider` may decide `d` as `outcome`: ALREADY_DECIDED,
// RECOMMENDATION_REQUIRED, FOUR_EYES_REQUIRED (PERMISSION_DENIED: the
// decider recommended it), RECOMMENDATION_STALE,
// OUTCOME_DIFFERS_FROM_RECOMMENDATION, and CheckRecommender's error for
// the recommender under today's settings.
absl::Status CheckDecision(const Decision& d, const RoundSettings& settings,
                           std::string_view decider, Outcome outcome);

// An offer: the application approved (APPLICATION_NOT_APPROVED), in the
// round's currency (INVALID_ARGUMENT CURRENCY_MISMATCH), at most the
// approved amount (AMOUNT_ABOVE_APPROVED), expiring after `now`
// (INVALID_ARGUMENT EXPIRY_IN_PAST).
absl::Status CheckOffer(const Decision& d, const OfferCommand& cmd,
                        absl::Time expires_at, absl::Time now);

// The award life cycle as data.
enum class AwardAction { kAccept, kDecline, kExpire };

struct AwardTransition {
  AwardAction action;
  AwardState from;
  AwardState to;
  bool releases;           // gives the amount back to the round's budget
  std::string_view label;  // history label, e.g. "accepted"
};

std::span<const AwardTransition> AwardTransitions();

// The transition for `action` from `state`; FAILED_PRECONDITION
// AWARD_NOT_OFFERED when there is none.
absl::StatusOr<AwardTransition> FindAwardTransition(AwardAction action,
                                                    AwardState state);

// True for the states whose amount counts as committed.
bool Commits(AwardState state);

// An offer is accepted strictly before its expiry, by the server's clock.
// FAILED_PRECONDITION OFFER_EXPIRED.
absl::Status CheckNotExpired(const Award& award, absl::Time now);

// SplitProRata (common/money.h) splits an award among its funders.

// An explicit split: each funder once (INVALID_ARGUMENT DUPLICATE_FUNDER)
// and among `fund_funders` (FUNDER_NOT_IN_FUND), summing exactly to
// `amount` (ATTRIBUTION_SUM_MISMATCH).
absl::Status CheckShares(int64_t amount, std::string_view currency,
                         const std::vector<Share>& shares,
                         const std::vector<std::string>& fund_funders);

}  // namespace grants::awards
