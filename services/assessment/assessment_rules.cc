// Assessment rules.
#include "services/assessment/assessment_rules.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "absl/numeric/int128.h"
#include "services/assessment/assessment_errors.h"
#include "services/common/validation.h"

namespace grants::assessment {
namespace {

using absl::int128;

int128 Gcd(int128 a, int128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// Sums of exact fractions stay in 128 bits: with at most 20 criteria,
// weights and scores up to 1000, the reduced result fits 64 bits for any
// realistic number of reviewers.
struct Fraction {
  int128 num = 0;
  int128 den = 1;
  void Add(int128 n, int128 d) {
    num = num * d + n * den;
    den = den * d;
    int128 g = Gcd(num, den);
    if (g > 1) {
      num /= g;
      den /= g;
    }
  }
};

std::string Field(size_t i, std::string_view name) {
  return fmt::format("criteria[{}].{}", i, name);
}

std::string ScoreField(size_t i, std::string_view name) {
  return fmt::format("scores[{}].{}", i, name);
}

void CheckCriterion(size_t i, const Criterion& c, Validator& v) {
  v.Code(Field(i, "code"), c.code)
      .Text(Field(i, "title"), c.title, 1, kMaxNameChars);
  if (c.weight < 1 || c.weight > kMaxWeight)
    v.Add(Field(i, "weight"), "WEIGHT_INVALID",
          fmt::format("must be 1-{}", kMaxWeight));
  if (c.min_score < 0 || c.min_score >= c.max_score || c.max_score > kMaxScore)
    v.Add(Field(i, "max_score"), "SCORE_RANGE_INVALID",
          fmt::format("need 0 <= min_score < max_score <= {}", kMaxScore));
}

}  // namespace

absl::Status CheckRubric(const std::vector<Criterion>& criteria) {
  Validator v;
  if (criteria.empty() || criteria.size() > kMaxCriteria)
    v.Add("criteria", "CRITERIA_COUNT_INVALID",
          fmt::format("give 1-{} criteria", kMaxCriteria));
  std::set<std::string> seen;
  for (size_t i = 0; i < criteria.size(); ++i) {
    CheckCriterion(i, criteria[i], v);
    if (!seen.insert(criteria[i].code).second)
      v.Add(Field(i, "code"), "CRITERION_DUPLICATE",
            "each criterion code appears once");
  }
  return v.Finish();
}

absl::Status CheckRubricEditable(programmes::RoundState state) {
  if (state == programmes::RoundState::kDraft ||
      state == programmes::RoundState::kOpen)
    return absl::OkStatus();
  return RubricNotEditable();
}

absl::Status CheckScoreSheet(const std::vector<Criterion>& criteria,
                             const std::vector<ScoreEntry>& entries) {
  Validator v;
  std::set<std::string> seen;
  for (size_t i = 0; i < entries.size(); ++i) {
    const ScoreEntry& e = entries[i];
    auto c = std::find_if(criteria.begin(), criteria.end(),
                          [&](const Criterion& k) { return k.code == e.criterion_code; });
    if (c == criteria.end()) {
      v.Add(ScoreField(i, "criterion_code"), "CRITERION_UNKNOWN",
            "not a criterion of the round's rubric");
      continue;
    }
    if (!seen.insert(e.criterion_code).second)
      v.Add(ScoreField(i, "criterion_code"), "CRITERION_DUPLICATE",
            "score each criterion once");
    if (e.value < c->min_score || e.value > c->max_score)
      v.Add(ScoreField(i, "value"), "SCORE_OUT_OF_RANGE",
            fmt::format("must be {}-{}", c->min_score, c->max_score));
    if (c->comment_required && e.comment.find_first_not_of(" \t\r\n") ==
                                   std::string::npos)
      v.Add(ScoreField(i, "comment"), "COMMENT_REQUIRED",
            "this criterion needs a comment");
    else
      v.Multiline(ScoreField(i, "comment"), e.comment, 0, kMaxCommentChars);
  }
  for (const Criterion& c : criteria)
    if (!seen.contains(c.code))
      v.Add("scores", "SCORE_MISSING",
            fmt::format("criterion {} is not scored", c.code));
  return v.Finish();
}

absl::Status CheckModeratedValue(const Criterion& criterion, int value) {
  if (value >= criterion.min_score && value <= criterion.max_score)
    return absl::OkStatus();
  return Validator()
      .Add("value", "SCORE_OUT_OF_RANGE",
           fmt::format("must be {}-{}", criterion.min_score,
                       criterion.max_score))
      .Finish();
}

Rational WeightedScore(const std::vector<Criterion>& criteria,
                       const std::vector<CountedScore>& scores,
                       int* reviewers) {
  struct Tally {
    int128 sum = 0;
    int128 count = 0;
  };
  std::map<std::string, Tally> by_code;
  std::set<std::string> counted;
  for (const CountedScore& s : scores) {
    bool known = std::any_of(criteria.begin(), criteria.end(),
                             [&](const Criterion& c) { return c.code == s.criterion_code; });
    if (!known) continue;
    by_code[s.criterion_code].sum += s.value;
    by_code[s.criterion_code].count += 1;
    counted.insert(s.reviewer);
  }
  Fraction total;
  for (const Criterion& c : criteria) {
    auto t = by_code.find(c.code);
    if (t == by_code.end()) continue;
    total.Add(t->second.sum * c.weight, t->second.count);
  }
  if (reviewers) *reviewers = static_cast<int>(counted.size());
  return {static_cast<int64_t>(total.num), static_cast<int64_t>(total.den)};
}

int Compare(const Rational& a, const Rational& b) {
  int128 left = int128(a.numerator) * b.denominator;
  int128 right = int128(b.numerator) * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

std::string FormatDecimal(const Rational& r, int decimals) {
  int128 scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  // Half up: floor((2 * n * scale + d) / (2 * d)), for n >= 0.
  int128 scaled = (2 * int128(r.numerator) * scale + r.denominator) /
                  (2 * int128(r.denominator));
  auto whole = static_cast<int64_t>(scaled / scale);
  auto fraction = static_cast<int64_t>(scaled % scale);
  if (decimals == 0) return std::to_string(whole);
  return fmt::format("{}.{:0{}}", whole, fraction, decimals);
}

void SortRanking(std::vector<RankingEntry>& entries) {
  std::sort(entries.begin(), entries.end(),
            [](const RankingEntry& a, const RankingEntry& b) {
              bool a_scored = a.reviewer_count > 0;
              bool b_scored = b.reviewer_count > 0;
              if (a_scored != b_scored) return a_scored;
              if (int c = Compare(a.score, b.score); c != 0) return c > 0;
              if (a.submitted_at != b.submitted_at)
                return a.submitted_at < b.submitted_at;
              return a.reference < b.reference;
            });
  for (size_t i = 0; i < entries.size(); ++i)
    entries[i].rank = static_cast<int>(i) + 1;
}

std::vector<RankingEntry> Rank(
    const std::vector<Criterion>& criteria, std::vector<RankingEntry> entries,
    const std::map<std::string, std::vector<CountedScore>>& scores) {
  for (RankingEntry& e : entries) {
    auto found = scores.find(e.application_id);
    if (found == scores.end()) continue;
    e.score = WeightedScore(criteria, found->second, &e.reviewer_count);
  }
  SortRanking(entries);
  return entries;
}

}  // namespace grants::assessment
