// Award rules.
#include "services/awards/award_rules.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <set>

#include <fmt/format.h>

#include "absl/numeric/int128.h"
#include "services/awards/award_errors.h"
#include "common/money.h"
#include "common/status.h"

namespace grants::awards {
namespace {

using programmes::RoundState;
using S = AwardState;
using A = AwardAction;

constexpr std::array kTransitions = {
    AwardTransition{A::kAccept, S::kOffered, S::kAccepted, false, "accepted"},
    AwardTransition{A::kDecline, S::kOffered, S::kDeclined, true, "declined"},
    AwardTransition{A::kExpire, S::kOffered, S::kExpired, true, "expired"},
};

}  // namespace

absl::Status CheckRoundAssessable(RoundState state) {
  if (state == RoundState::kOpen) return absl::OkStatus();
  return CheckRoundClosed(state).ok()
             ? absl::OkStatus()
             : Refused("ROUND_NOT_ASSESSABLE", "application_id",
                       "the round is not open or closed for assessment");
}

absl::Status CheckRoundClosed(RoundState state) {
  if (state == RoundState::kClosed || state == RoundState::kAssessing ||
      state == RoundState::kDecided)
    return absl::OkStatus();
  return Refused("ROUND_NOT_CLOSED", "application_id",
                 "decisions and offers wait until the round has closed");
}

absl::Status CheckDecidable(const applications::Application& a) {
  using applications::State;
  if (a.state == State::kApproved || a.state == State::kDeclined)
    return AlreadyDecided();
  if (a.state != State::kSubmitted)
    return Refused("APPLICATION_NOT_SUBMITTED", "application_id",
                   "only a submitted application can be recommended or "
                   "decided");
  if (a.eligibility != "eligible")
    return Refused("APPLICATION_NOT_ELIGIBLE", "application_id",
                   "the application failed the round's eligibility rules");
  return absl::OkStatus();
}

absl::Status CheckRecommendation(const programmes::RoundSpec& round,
                                 const RecommendCommand& cmd) {
  if (cmd.outcome == Outcome::kDecline) {
    if (cmd.reason.empty())
      return InvalidField("reason", "REASON_REQUIRED",
                          "say why the application should be declined");
    return absl::OkStatus();
  }
  if (cmd.currency != round.currency)
    return InvalidField("amount.currency_code", "CURRENCY_MISMATCH",
                        "must be in the round's currency");
  if (cmd.amount_minor < round.min_grant_minor ||
      cmd.amount_minor > round.max_grant_minor)
    return InvalidField(
        "amount", "AMOUNT_OUT_OF_RANGE",
        fmt::format("must be between {} and {}",
                    FormatMoney(round.currency, round.min_grant_minor),
                    FormatMoney(round.currency, round.max_grant_minor)));
  return absl::OkStatus();
}

absl::Status CheckRecommender(const RoundSettings& settings,
                              std::string_view role, int64_t amount_minor) {
  if (role == "officer") return absl::OkStatus();
  if (settings.microgrant_threshold_minor > 0 &&
      amount_minor <= settings.microgrant_threshold_minor)
    return absl::OkStatus();
  return OfficerRecommendationRequired();
}

absl::Status CheckDecision(const Decision& d, const RoundSettings& settings,
                           std::string_view decider, Outcome outcome) {
  if (d.decided) return AlreadyDecided();
  if (!d.recommendation) return RecommendationRequired();
  const Recommendation& r = *d.recommendation;
  if (r.recommended_by == decider) return FourEyesRequired();
  if (d.stale()) return RecommendationStale();
  if (r.outcome != outcome) return OutcomeDiffers();
  return CheckRecommender(settings, r.recommender_role, r.amount_minor);
}

absl::Status CheckOffer(const Decision& d, const OfferCommand& cmd,
                        absl::Time expires_at, absl::Time now) {
  if (!d.decided || d.outcome != Outcome::kApprove)
    return Refused("APPLICATION_NOT_APPROVED", "application_id",
                   "only an approved application can be offered an award");
  if (cmd.currency != d.currency)
    return InvalidField("amount.currency_code", "CURRENCY_MISMATCH",
                        "must be in the round's currency");
  if (cmd.amount_minor > d.approved_minor)
    return Refused("AMOUNT_ABOVE_APPROVED", "amount",
                   fmt::format("at most the approved {}",
                               FormatMoney(d.currency, d.approved_minor)));
  if (expires_at <= now)
    return InvalidField("expires_local", "EXPIRY_IN_PAST",
                        "the offer must expire in the future");
  return absl::OkStatus();
}

std::span<const AwardTransition> AwardTransitions() { return kTransitions; }

absl::StatusOr<AwardTransition> FindAwardTransition(AwardAction action,
                                                    AwardState state) {
  for (const auto& t : kTransitions)
    if (t.action == action && t.from == state) return t;
  return Refused("AWARD_NOT_OFFERED", "id",
                 "only an offer that is still open can be answered");
}

bool Commits(AwardState state) {
  return state == S::kOffered || state == S::kAccepted || state == S::kActive;
}

absl::Status CheckNotExpired(const Award& award, absl::Time now) {
  if (now >= award.expires_at) return OfferExpired();
  return absl::OkStatus();
}

absl::Status CheckShares(int64_t amount, std::string_view currency,
                         const std::vector<Share>& shares,
                         const std::vector<std::string>& fund_funders) {
  std::set<std::string> seen;
  int64_t total = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    std::string field = fmt::format("shares[{}].funder_id", i);
    const Share& s = shares[i];
    if (!seen.insert(s.funder_id).second)
      return InvalidField(field, "DUPLICATE_FUNDER",
                          "each funder may have one share");
    if (std::find(fund_funders.begin(), fund_funders.end(), s.funder_id) ==
        fund_funders.end())
      return InvalidField(field, "FUNDER_NOT_IN_FUND",
                          "the funder has not contributed to the award's fund");
    auto sum = AddMinor(total, s.amount_minor);
    if (!sum) return AttributionSumMismatch("the shares add up to too much");
    total = *sum;
  }
  if (total != amount)
    return AttributionSumMismatch(
        fmt::format("the shares sum to {}, not the award's {}",
                    FormatMoney(currency, total), FormatMoney(currency, amount)));
  return absl::OkStatus();
}

}  // namespace grants::awards
