// Unit tests of the round rules: transitions as data, spec checks, the
// submission window (deadline exclusive, to the second).
#include "services/programmes/programme_rules.h"

#include <gtest/gtest.h>

#include "common/status.h"

namespace grants::programmes {
namespace {

Round DraftRound() {
  Round r;
  r.spec.opens_at = absl::FromUnixSeconds(1738400400);   // 2025-02-01 09:00Z
  r.spec.closes_at = absl::FromUnixSeconds(1740830400);  // 2025-03-01 12:00Z
  r.spec.budget_minor = 4'500'000;
  r.spec.min_grant_minor = 50'000;
  r.spec.max_grant_minor = 500'000;
  return r;
}

TEST(RoundRulesTest, AllowsOnlyTheTransitionsInTheTable) {
  EXPECT_EQ(FindTransition(RoundAction::kOpen, RoundState::kDraft)->to,
            RoundState::kOpen);
  EXPECT_EQ(FindTransition(RoundAction::kClose, RoundState::kOpen)->to,
            RoundState::kClosed);
  EXPECT_EQ(FindTransition(RoundAction::kCancel, RoundState::kOpen)->to,
            RoundState::kCancelled);
  EXPECT_EQ(ReasonOf(FindTransition(RoundAction::kOpen, RoundState::kClosed)
                         .status()),
            "ROUND_TRANSITION_NOT_ALLOWED");
  EXPECT_EQ(ReasonOf(FindTransition(RoundAction::kCancel, RoundState::kClosed)
                         .status()),
            "ROUND_TRANSITION_NOT_ALLOWED");
  EXPECT_EQ(ReasonOf(FindTransition(RoundAction::kEdit, RoundState::kOpen)
                         .status()),
            "ROUND_NOT_DRAFT");
}

TEST(RoundRulesTest, ChecksWindowAndGrantLimits) {
  Round r = DraftRound();
  EXPECT_TRUE(CheckSpec(r.spec).ok());
  r.spec.closes_at = r.spec.opens_at;
  EXPECT_EQ(ReasonOf(CheckSpec(r.spec)), "WINDOW_INVALID");
  r = DraftRound();
  r.spec.min_grant_minor = 600'000;
  EXPECT_EQ(ReasonOf(CheckSpec(r.spec)), "GRANT_LIMITS_INVALID");
  r = DraftRound();
  r.spec.max_grant_minor = 4'500'001;
  EXPECT_EQ(ReasonOf(CheckSpec(r.spec)), "GRANT_LIMITS_INVALID");
}

TEST(RoundRulesTest, AcceptsSubmissionsUntilOneSecondBeforeTheDeadline) {
  Round r = DraftRound();
  r.state = RoundState::kOpen;
  EXPECT_TRUE(AcceptsSubmissions(r, r.spec.closes_at - absl::Seconds(1)));
  EXPECT_FALSE(AcceptsSubmissions(r, r.spec.closes_at));
  EXPECT_FALSE(AcceptsSubmissions(r, r.spec.closes_at + absl::Seconds(1)));
  EXPECT_FALSE(AcceptsSubmissions(r, r.spec.opens_at - absl::Seconds(1)));
  r.state = RoundState::kClosed;
  EXPECT_FALSE(AcceptsSubmissions(r, r.spec.opens_at + absl::Hours(1)));
}

TEST(RoundRulesTest, RefusesToOpenARoundWhoseDeadlinePassed) {
  Round r = DraftRound();
  EXPECT_TRUE(CheckCanOpen(r, r.spec.closes_at - absl::Seconds(1)).ok());
  EXPECT_EQ(ReasonOf(CheckCanOpen(r, r.spec.closes_at)), "WINDOW_ALREADY_ENDED");
}

}  // namespace
}  // namespace grants::programmes
