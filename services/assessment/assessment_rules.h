// Pure rules of assessment: rubric shape, score sheets against the rubric,
// moderation, the exact weighted score and the ranking order. No I/O.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "domain/assessment.h"
#include "domain/programmes.h"

namespace grants::assessment {

inline constexpr int kMaxCriteria = 20;
inline constexpr int kMaxWeight = 1000;
inline constexpr int kMaxScore = 1000;
inline constexpr int kMaxReviewersPerRequest = 20;
inline constexpr size_t kMaxCommentChars = 2000;

// A rubric: 1-20 criteria with unique well-formed codes, titles of 1-200
// characters, weights 1-1000 and 0 <= min_score < max_score <= 1000.
// INVALID_ARGUMENT naming criteria[i].<field>: CRITERIA_COUNT_INVALID,
// CODE_INVALID, CRITERION_DUPLICATE, REQUIRED, TOO_LONG, WEIGHT_INVALID,
// SCORE_RANGE_INVALID.
absl::Status CheckRubric(const std::vector<Criterion>& criteria);

// A rubric can be set while the round is DRAFT or OPEN. FAILED_PRECONDITION
// RUBRIC_NOT_EDITABLE otherwise.
absl::Status CheckRubricEditable(programmes::RoundState state);

// A reviewer's sheet: exactly one entry per criterion, each value within
// its range, a comment where required, comments up to 2000 characters.
// INVALID_ARGUMENT: CRITERION_UNKNOWN / CRITERION_DUPLICATE
// (scores[i].criterion_code), SCORE_OUT_OF_RANGE (scores[i].value),
// COMMENT_REQUIRED / TOO_LONG (scores[i].comment), SCORE_MISSING (scores).
absl::Status CheckScoreSheet(const std::vector<Criterion>& criteria,
                             const std::vector<ScoreEntry>& entries);

// A moderated value must be within the criterion's range.
// INVALID_ARGUMENT SCORE_OUT_OF_RANGE (value).
absl::Status CheckModeratedValue(const Criterion& criterion, int value);

// The exact weighted score of one application: the sum over criteria of
// weight x the mean of the counted values on that criterion (criteria
// nobody scored add nothing; scores on codes not in the rubric are
// ignored). Sets *reviewers to the number of distinct reviewers counted.
Rational WeightedScore(const std::vector<Criterion>& criteria,
                       const std::vector<CountedScore>& scores,
                       int* reviewers);

// <0, 0, >0 as a is less than, equal to or greater than b.
int Compare(const Rational& a, const Rational& b);

// The value rounded half up to `decimals` places, e.g. 125/3 -> "41.67".
std::string FormatDecimal(const Rational& r, int decimals = 2);

// Orders entries best first and numbers them 1, 2, ...: those with counted
// scores by weighted score (higher first), then the rest; ties by earlier
// submission, then reference.
void SortRanking(std::vector<RankingEntry>& entries);

// The ranking: each entry's weighted score and reviewer count from its
// counted scores in `scores` (by application id), sorted by SortRanking.
std::vector<RankingEntry> Rank(
    const std::vector<Criterion>& criteria, std::vector<RankingEntry> entries,
    const std::map<std::string, std::vector<CountedScore>>& scores);

}  // namespace grants::assessment
