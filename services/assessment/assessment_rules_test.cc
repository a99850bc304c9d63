// Unit tests of the assessment rules, without a database.
#include "services/assessment/assessment_rules.h"

#include <gtest/gtest.h>

#include "common/status.h"

namespace grants::assessment {
namespace {

// need: weight 3, 0-5; reach: weight 2, 1-10, comment required.
std::vector<Criterion> Rubric() {
  return {{"need", "Evidence of need", 3, 0, 5, false},
          {"reach", "Reach into the communities", 2, 1, 10, true}};
}

std::string FirstField(const absl::Status& s) {
  auto fields = FieldViolationsOf(s);
  return fields.empty() ? "" : fields.front().field;
}

TEST(AssessmentRulesTest, AWellFormedRubricPasses) {
  EXPECT_TRUE(CheckRubric(Rubric()).ok());
}

TEST(AssessmentRulesTest, RubricsWithBadWeightsRangesCodesOrCountsAreRefused) {
  auto r = Rubric();
  r[1].weight = 0;
  EXPECT_EQ(ReasonOf(CheckRubric(r)), "WEIGHT_INVALID");
  EXPECT_EQ(FirstField(CheckRubric(r)), "criteria[1].weight");
  r = Rubric();
  r[0].min_score = 5;  // min == max
  EXPECT_EQ(ReasonOf(CheckRubric(r)), "SCORE_RANGE_INVALID");
  r = Rubric();
  r[1].code = "need";
  EXPECT_EQ(ReasonOf(CheckRubric(r)), "CRITERION_DUPLICATE");
  EXPECT_EQ(FirstField(CheckRubric(r)), "criteria[1].code");
  r = Rubric();
  r[0].code = "Need!";
  EXPECT_EQ(ReasonOf(CheckRubric(r)), "CODE_INVALID");
  r = Rubric();
  r[0].title = "";
  EXPECT_EQ(ReasonOf(CheckRubric(r)), "REQUIRED");
  EXPECT_EQ(ReasonOf(CheckRubric({})), "CRITERIA_COUNT_INVALID");
}

TEST(AssessmentRulesTest, RubricsCanChangeOnlyWhileTheRoundIsDraftOrOpen) {
  EXPECT_TRUE(CheckRubricEditable(programmes::RoundState::kDraft).ok());
  EXPECT_TRUE(CheckRubricEditable(programmes::RoundState::kOpen).ok());
  EXPECT_EQ(ReasonOf(CheckRubricEditable(programmes::RoundState::kClosed)),
            "RUBRIC_NOT_EDITABLE");
}

TEST(AssessmentRulesTest, ScoreSheetsMustScoreEveryCriterionOnceWithinRange) {
  std::vector<ScoreEntry> good = {{"need", 4, ""}, {"reach", 7, "Good links"}};
  EXPECT_TRUE(CheckScoreSheet(Rubric(), good).ok());

  auto bad = good;
  bad[1].value = 11;
  EXPECT_EQ(ReasonOf(CheckScoreSheet(Rubric(), bad)), "SCORE_OUT_OF_RANGE");
  EXPECT_EQ(FirstField(CheckScoreSheet(Rubric(), bad)), "scores[1].value");
  bad = good;
  bad[1].value = 0;  // below reach's minimum of 1
  EXPECT_EQ(FirstField(CheckScoreSheet(Rubric(), bad)), "scores[1].value");
  bad = good;
  bad[1].comment = "  ";
  EXPECT_EQ(ReasonOf(CheckScoreSheet(Rubric(), bad)), "COMMENT_REQUIRED");
  EXPECT_EQ(FirstField(CheckScoreSheet(Rubric(), bad)), "scores[1].comment");
  bad = {good[0]};
  EXPECT_EQ(ReasonOf(CheckScoreSheet(Rubric(), bad)), "SCORE_MISSING");
  bad = {good[0], good[0], good[1]};
  EXPECT_EQ(ReasonOf(CheckScoreSheet(Rubric(), bad)), "CRITERION_DUPLICATE");
  bad = {{"budget", 1, ""}, good[0], good[1]};
  EXPECT_EQ(FirstField(CheckScoreSheet(Rubric(), bad)),
            "scores[0].criterion_code");
}

TEST(AssessmentRulesTest, ModeratedValuesStayWithinTheCriterionsRange) {
  EXPECT_TRUE(CheckModeratedValue(Rubric()[1], 10).ok());
  EXPECT_EQ(FirstField(CheckModeratedValue(Rubric()[1], 11)), "value");
}

TEST(AssessmentRulesTest, WeightedScoreIsWeightTimesTheMeanSummedExactly) {
  // need: (4 + 5) / 2 = 4.5, x3 = 13.5; reach: (7 + 8) / 2 = 7.5, x2 = 15.
  std::vector<CountedScore> scores = {
      {"r1", "need", 4}, {"r1", "reach", 7}, {"r2", "need", 5}, {"r2", "reach", 8}};
  int reviewers = 0;
  EXPECT_EQ(WeightedScore(Rubric(), scores, &reviewers), (Rational{57, 2}));
  EXPECT_EQ(reviewers, 2);
  // Thirds stay exact: need (1 + 1 + 2) / 3 x 3 = 4; reach (1 + 1 + 2) / 3
  // x 2 = 8/3; total 20/3.
  scores = {{"a", "need", 1}, {"b", "need", 1}, {"c", "need", 2},
            {"a", "reach", 1}, {"b", "reach", 1}, {"c", "reach", 2}};
  Rational thirds = WeightedScore(Rubric(), scores, &reviewers);
  EXPECT_EQ(thirds, (Rational{20, 3}));
  EXPECT_EQ(reviewers, 3);
  EXPECT_EQ(FormatDecimal(thirds), "6.67");
  // Unknown codes are ignored; nothing counted is 0/1 with no reviewers.
  EXPECT_EQ(WeightedScore(Rubric(), {{"x", "budget", 9}}, &reviewers),
            (Rational{0, 1}));
  EXPECT_EQ(reviewers, 0);
}

TEST(AssessmentRulesTest, DifferentCountsPerCriterionAreAveragedSeparately) {
  // need: 5 / 1 x 3 = 15; reach: (4 + 5) / 2 x 2 = 9; total 24.
  std::vector<CountedScore> scores = {
      {"r1", "need", 5}, {"r1", "reach", 4}, {"r2", "reach", 5}};
  EXPECT_EQ(WeightedScore(Rubric(), scores, nullptr), (Rational{24, 1}));
}

TEST(AssessmentRulesTest, DecimalsRoundHalfUp) {
  EXPECT_EQ(FormatDecimal({57, 2}), "28.50");
  EXPECT_EQ(FormatDecimal({1, 8}), "0.13");   // 0.125
  EXPECT_EQ(FormatDecimal({1, 3}), "0.33");
  EXPECT_EQ(FormatDecimal({2, 3}), "0.67");
  EXPECT_EQ(FormatDecimal({0, 1}), "0.00");
  EXPECT_EQ(FormatDecimal({7, 2}, 0), "4");
}

TEST(AssessmentRulesTest, CompareOrdersFractionsExactly) {
  EXPECT_GT(Compare({1, 3}, {333, 1000}), 0);  // 1/3 > 0.333
  EXPECT_EQ(Compare({2, 4}, {1, 2}), 0);
  EXPECT_LT(Compare({20, 3}, {7, 1}), 0);
}

TEST(AssessmentRulesTest, RankingOrdersByScoreThenSubmissionThenReference) {
  auto at = [](int s) { return absl::FromUnixSeconds(s); };
  std::vector<RankingEntry> entries = {
      {0, "a", "R-0004", "o", at(10), {}, 0},  // unscored: last
      {0, "b", "R-0003", "o", at(30), {}, 0},
      {0, "c", "R-0002", "o", at(20), {}, 0},
      {0, "d", "R-0001", "o", at(20), {}, 0},
      {0, "e", "R-0005", "o", at(15), {}, 0},
  };
  std::map<std::string, std::vector<CountedScore>> scores = {
      {"b", {{"r", "need", 5}, {"r", "reach", 10}}},  // 35
      {"c", {{"r", "need", 3}, {"r", "reach", 4}}},   // 17
      {"d", {{"r", "need", 1}, {"r", "reach", 7}}},   // 17
      {"e", {{"r", "need", 5}, {"r", "reach", 1}}},   // 17
  };
  auto ranked = Rank(Rubric(), entries, scores);
  ASSERT_EQ(ranked.size(), 5u);
  EXPECT_EQ(ranked[0].application_id, "b");
  EXPECT_EQ(ranked[0].score, (Rational{35, 1}));
  EXPECT_EQ(ranked[0].rank, 1);
  // c, d and e tie at 17: the earliest submission first, then reference.
  EXPECT_EQ(ranked[1].application_id, "e");
  EXPECT_EQ(ranked[2].application_id, "d");
  EXPECT_EQ(ranked[3].application_id, "c");
  EXPECT_EQ(ranked[4].application_id, "a");
  EXPECT_EQ(ranked[4].reviewer_count, 0);
  EXPECT_EQ(ranked[4].rank, 5);
}

}  // namespace
}  // namespace grants::assessment
