// Unit tests of the fast-path rules: the round's policy, the threshold and
// the reviewer's mark.
#include "services/awards/fast_path_rules.h"

#include <gtest/gtest.h>

#include "common/status.h"

namespace grants::awards {
namespace {

using assessment::Criterion;
using assessment::Score;
using programmes::RoundState;

RoundSettings FastPath(int64_t threshold = 100'000, int mark = 60) {
  RoundSettings s;
  s.currency = "GBP";
  s.microgrant_threshold_minor = threshold;
  s.fast_path = true;
  s.fast_path_mark_percent = mark;
  return s;
}

// need: weight 3 of 0-5; reach: weight 2 of 1-10 (maximum 35).
std::vector<Criterion> Rubric() {
  return {{.code = "need", .weight = 3, .min_score = 0, .max_score = 5},
          {.code = "reach", .weight = 2, .min_score = 1, .max_score = 10}};
}

std::vector<Score> Sheet(const std::string& reviewer, int need, int reach) {
  return {{.reviewer = reviewer, .criterion_code = "need", .value = need},
          {.reviewer = reviewer, .criterion_code = "reach", .value = reach}};
}

TEST(CheckFastPathTest, AllowsAnAmountAtTheThresholdInAnOpenRound) {
  EXPECT_TRUE(CheckFastPath(FastPath(), RoundState::kOpen, 100'000).ok());
  EXPECT_TRUE(CheckFastPath(FastPath(), RoundState::kClosed, 50'000).ok());
}

TEST(CheckFastPathTest, RefusesAPennyAboveTheThreshold) {
  auto s = CheckFastPath(FastPath(), RoundState::kOpen, 100'001);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(s), "FAST_PATH_ABOVE_THRESHOLD");
}

TEST(CheckFastPathTest, RefusesARoundWhosePolicyIsOff) {
  RoundSettings off = FastPath();
  off.fast_path = false;
  EXPECT_EQ(ReasonOf(CheckFastPath(off, RoundState::kOpen, 1)),
            "FAST_PATH_OFF");
}

TEST(CheckFastPathTest, RefusesADraftRound) {
  EXPECT_EQ(ReasonOf(CheckFastPath(FastPath(), RoundState::kDraft, 1)),
            "ROUND_NOT_ASSESSABLE");
}

TEST(ReviewerMeetingMarkTest, FindsAReviewerExactlyAtTheMark) {
  // 3*5 + 2*3 = 21 of 35 is 60% exactly.
  EXPECT_EQ(ReviewerMeetingMark(Rubric(), Sheet("rita", 5, 3), 60, "ann"),
            "rita");
}

TEST(ReviewerMeetingMarkTest, RefusesOnePointBelowTheMark) {
  // 3*5 + 2*2 = 19 of 35.
  EXPECT_EQ(ReviewerMeetingMark(Rubric(), Sheet("rita", 5, 2), 60, "ann"),
            std::nullopt);
}

TEST(ReviewerMeetingMarkTest, NeedsEveryCriterionScored) {
  std::vector<Score> partial = {
      {.reviewer = "rita", .criterion_code = "reach", .value = 10}};
  EXPECT_EQ(ReviewerMeetingMark(Rubric(), partial, 50, "ann"), std::nullopt);
}

TEST(ReviewerMeetingMarkTest, IgnoresTheApprovingOfficersOwnScores) {
  EXPECT_EQ(ReviewerMeetingMark(Rubric(), Sheet("ann", 5, 10), 60, "ann"),
            std::nullopt);
}

TEST(ReviewerMeetingMarkTest, IgnoresScoresExcludedByAConflict) {
  auto sheet = Sheet("rita", 5, 10);
  for (auto& s : sheet) s.excluded = true;
  EXPECT_EQ(ReviewerMeetingMark(Rubric(), sheet, 60, "ann"), std::nullopt);
}

TEST(ReviewerMeetingMarkTest, UsesTheModeratedValue) {
  auto sheet = Sheet("rita", 5, 10);
  sheet[0].moderated_value = 0;  // 0 + 20 = 20 of 35: 57%
  EXPECT_EQ(ReviewerMeetingMark(Rubric(), sheet, 60, "ann"), std::nullopt);
}

TEST(ReviewerMeetingMarkTest, OneReviewerIsEnoughAmongSeveral) {
  auto sheets = Sheet("pat", 1, 1);
  for (const auto& s : Sheet("rita", 5, 8)) sheets.push_back(s);
  EXPECT_EQ(ReviewerMeetingMark(Rubric(), sheets, 60, "ann"), "rita");
}

TEST(ReviewerMeetingMarkTest, FindsNoneWithoutARubric) {
  EXPECT_EQ(ReviewerMeetingMark({}, Sheet("rita", 5, 8), 1, "ann"),
            std::nullopt);
}

}  // namespace
}  // namespace grants::awards
