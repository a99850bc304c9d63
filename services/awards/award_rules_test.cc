// Unit tests of the award rules: pro-rata split, explicit shares, four
// eyes, staleness, the microgrant light path, offers and the life cycle.
#include "services/awards/award_rules.h"

#include <gtest/gtest.h>

#include <numeric>

#include "common/status.h"

namespace grants::awards {
namespace {

using programmes::RoundState;

int64_t Sum(const std::vector<int64_t>& v) {
  return std::accumulate(v.begin(), v.end(), int64_t{0});
}

TEST(SplitProRataTest, SplitsAHundredPoundsOneToOneToOneWithTheOddPennyFirst) {
  EXPECT_EQ(SplitProRata(10000, {1, 1, 1}),
            (std::vector<int64_t>{3334, 3333, 3333}));
}

TEST(SplitProRataTest, FollowsTheContributions) {
  // £100,000 and £80,000 contributed; a £2,500 award.
  EXPECT_EQ(SplitProRata(250000, {10000000, 8000000}),
            (std::vector<int64_t>{138889, 111111}));
}

TEST(SplitProRataTest, GivesLeftoverPenniesToTheLargestRemainders) {
  // 100 split 1:2:3:4 = 10, 20, 30, 40 exactly; 101 -> the 4 (0.4) gets it.
  EXPECT_EQ(SplitProRata(100, {1, 2, 3, 4}), (std::vector<int64_t>{10, 20, 30, 40}));
  std::vector<int64_t> parts = SplitProRata(7, {1, 1, 1, 1, 1, 1});
  EXPECT_EQ(Sum(parts), 7);
  EXPECT_EQ(parts[0], 2);
}

TEST(SplitProRataTest, AlwaysSumsExactlyEvenForHugeAmountsAndWeights) {
  const int64_t big = int64_t{1} << 62;
  for (int64_t amount : {int64_t{1}, int64_t{99}, int64_t{1234567}, big}) {
    std::vector<int64_t> parts = SplitProRata(amount, {big, 3, big / 7, 1});
    EXPECT_EQ(Sum(parts), amount) << amount;
    for (int64_t p : parts) EXPECT_GE(p, 0);
  }
}

TEST(SplitProRataTest, IsEmptyWhenNobodyContributed) {
  EXPECT_TRUE(SplitProRata(100, {}).empty());
  EXPECT_TRUE(SplitProRata(100, {0, 0}).empty());
}

TEST(CheckSharesTest, AcceptsAnExactSplitAndRefusesAPennyOut) {
  std::vector<std::string> funders = {"a", "b"};
  EXPECT_TRUE(CheckShares(100, "GBP", {{"a", 60}, {"b", 40}}, funders).ok());
  absl::Status off = CheckShares(100, "GBP", {{"a", 60}, {"b", 39}}, funders);
  EXPECT_EQ(ReasonOf(off), "ATTRIBUTION_SUM_MISMATCH");
  EXPECT_EQ(off.code(), absl::StatusCode::kInvalidArgument);
}

TEST(CheckSharesTest, RefusesUnknownAndDuplicateFunders) {
  std::vector<std::string> funders = {"a", "b"};
  EXPECT_EQ(ReasonOf(CheckShares(100, "GBP", {{"a", 50}, {"c", 50}}, funders)),
            "FUNDER_NOT_IN_FUND");
  EXPECT_EQ(ReasonOf(CheckShares(100, "GBP", {{"a", 50}, {"a", 50}}, funders)),
            "DUPLICATE_FUNDER");
}

Decision Recommended(const std::string& by, const std::string& role,
                     int64_t amount, Outcome outcome = Outcome::kApprove) {
  Decision d;
  d.id = "app";
  d.currency = "GBP";
  d.current_submission_version = 1;
  d.recommendation = Recommendation{"r1", "app", outcome, amount, "", 1, by,
                                    role, absl::UnixEpoch()};
  return d;
}

TEST(CheckDecisionTest, RefusesTheRecommenderAsDecider) {
  RoundSettings s;
  absl::Status st = CheckDecision(Recommended("alice", "officer", 100000), s,
                                  "alice", Outcome::kApprove);
  EXPECT_EQ(ReasonOf(st), "FOUR_EYES_REQUIRED");
  EXPECT_EQ(st.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckDecision(Recommended("alice", "officer", 100000), s, "bob",
                            Outcome::kApprove)
                  .ok());
}

TEST(CheckDecisionTest, RefusesARecommendationForAnEarlierSubmission) {
  Decision d = Recommended("alice", "officer", 100000);
  d.current_submission_version = 2;
  EXPECT_TRUE(d.stale());
  EXPECT_EQ(ReasonOf(CheckDecision(d, {}, "bob", Outcome::kApprove)),
            "RECOMMENDATION_STALE");
}

TEST(CheckDecisionTest, NeedsARecommendationWithTheSameOutcomeAndNoEarlierDecision) {
  Decision none;
  EXPECT_EQ(ReasonOf(CheckDecision(none, {}, "bob", Outcome::kApprove)),
            "RECOMMENDATION_REQUIRED");
  EXPECT_EQ(ReasonOf(CheckDecision(Recommended("alice", "officer", 1), {}, "bob",
                                   Outcome::kDecline)),
            "OUTCOME_DIFFERS_FROM_RECOMMENDATION");
  Decision decided = Recommended("alice", "officer", 1);
  decided.decided = true;
  EXPECT_EQ(ReasonOf(CheckDecision(decided, {}, "bob", Outcome::kApprove)),
            "ALREADY_DECIDED");
}

TEST(LightPathTest, AReviewerMayRecommendOnlyAtOrBelowTheThreshold) {
  RoundSettings s;
  s.microgrant_threshold_minor = 100000;
  EXPECT_TRUE(CheckRecommender(s, "reviewer", 100000).ok());
  EXPECT_EQ(ReasonOf(CheckRecommender(s, "reviewer", 100001)),
            "OFFICER_RECOMMENDATION_REQUIRED");
  EXPECT_TRUE(CheckRecommender(s, "officer", 10000000).ok());
  RoundSettings none;  // threshold 0: no light path
  EXPECT_EQ(ReasonOf(CheckRecommender(none, "reviewer", 1)),
            "OFFICER_RECOMMENDATION_REQUIRED");
}

TEST(LightPathTest, ADecisionRechecksTheRecommenderUnderTodaysThreshold) {
  RoundSettings s;
  s.microgrant_threshold_minor = 50000;
  EXPECT_TRUE(CheckDecision(Recommended("rev", "reviewer", 50000), s, "bob",
                            Outcome::kApprove)
                  .ok());
  s.microgrant_threshold_minor = 40000;
  EXPECT_EQ(ReasonOf(CheckDecision(Recommended("rev", "reviewer", 50000), s,
                                   "bob", Outcome::kApprove)),
            "OFFICER_RECOMMENDATION_REQUIRED");
}

TEST(RoundStateTest, RecommendWhileOpenOrClosedDecideOnlyOnceClosed) {
  EXPECT_TRUE(CheckRoundAssessable(RoundState::kOpen).ok());
  EXPECT_TRUE(CheckRoundAssessable(RoundState::kClosed).ok());
  EXPECT_EQ(ReasonOf(CheckRoundAssessable(RoundState::kDraft)),
            "ROUND_NOT_ASSESSABLE");
  EXPECT_EQ(ReasonOf(CheckRoundClosed(RoundState::kOpen)), "ROUND_NOT_CLOSED");
  EXPECT_TRUE(CheckRoundClosed(RoundState::kDecided).ok());
}

TEST(CheckOfferTest, NeedsApprovalAnAmountWithinItAndAFutureExpiry) {
  absl::Time now = absl::FromUnixSeconds(1736942400);
  Decision d = Recommended("alice", "officer", 250000);
  OfferCommand cmd{"app", "GBP", 250000, {}, std::nullopt};
  EXPECT_EQ(ReasonOf(CheckOffer(d, cmd, now + absl::Hours(1), now)),
            "APPLICATION_NOT_APPROVED");
  d.decided = true;
  d.approved_minor = 250000;
  EXPECT_TRUE(CheckOffer(d, cmd, now + absl::Hours(1), now).ok());
  cmd.amount_minor = 250001;
  EXPECT_EQ(ReasonOf(CheckOffer(d, cmd, now + absl::Hours(1), now)),
            "AMOUNT_ABOVE_APPROVED");
  cmd.amount_minor = 1000;
  EXPECT_EQ(ReasonOf(CheckOffer(d, cmd, now, now)), "EXPIRY_IN_PAST");
}

TEST(AwardLifeCycleTest, OnlyAnOpenOfferIsAnsweredAndDeclineOrExpiryReleases) {
  auto accept = FindAwardTransition(AwardAction::kAccept, AwardState::kOffered);
  ASSERT_TRUE(accept.ok());
  EXPECT_EQ(accept->to, AwardState::kAccepted);
  EXPECT_FALSE(accept->releases);
  EXPECT_TRUE(FindAwardTransition(AwardAction::kDecline, AwardState::kOffered)
                  ->releases);
  EXPECT_TRUE(FindAwardTransition(AwardAction::kExpire, AwardState::kOffered)
                  ->releases);
  EXPECT_EQ(ReasonOf(FindAwardTransition(AwardAction::kAccept,
                                         AwardState::kDeclined)
                         .status()),
            "AWARD_NOT_OFFERED");
  for (const auto& t : AwardTransitions())
    EXPECT_EQ(Commits(t.from) && !Commits(t.to), t.releases) << t.label;
}

TEST(CheckNotExpiredTest, TheExpiryInstantItselfIsTooLate) {
  Award a;
  a.expires_at = absl::FromUnixSeconds(1000);
  EXPECT_TRUE(CheckNotExpired(a, absl::FromUnixSeconds(999)).ok());
  EXPECT_EQ(ReasonOf(CheckNotExpired(a, absl::FromUnixSeconds(1000))),
            "OFFER_EXPIRED");
}

}  // namespace
}  // namespace grants::awards
