// Unit tests of the release rules: quarters in London time, when a quarter
// may be released, the counts a release protects, and released figures read
// back without their hidden values leaking through the order of the rows.
#include "services/monitoring/release_rules.h"

#include <gtest/gtest.h>

#include "common/london_time.h"
#include "common/status.h"

namespace grants::monitoring {
namespace {

absl::Time London(const std::string& text) {
  return *ParseLondonLocal("t", text);
}

TEST(ReleaseRulesTest, AQuarterRunsFromItsFirstLondonMidnightToTheNext) {
  auto q1 = SpanOf("quarter", "2025-Q1");
  ASSERT_TRUE(q1.ok());
  EXPECT_EQ(q1->start, London("2025-01-01T00:00"));
  EXPECT_EQ(q1->end, London("2025-04-01T00:00"));  // BST: 03-31T23:00Z
  auto q4 = SpanOf("quarter", "2025-Q4");
  ASSERT_TRUE(q4.ok());
  EXPECT_EQ(q4->end, London("2026-01-01T00:00"));
  for (const char* bad : {"", "2025-Q0", "2025-Q5", "25-Q1", "2025Q1", "x"}) {
    auto s = SpanOf("quarter", bad);
    EXPECT_EQ(ReasonOf(s.status()), "PERIOD_INVALID") << bad;
  }
}

TEST(ReleaseRulesTest, AQuarterCanBeReleasedFromAnHourAfterItEnds) {
  const QuarterSpan q1 = *SpanOf("quarter", "2025-Q1");
  EXPECT_FALSE(CanRelease(q1, London("2025-03-31T23:59")));
  EXPECT_FALSE(CanRelease(q1, London("2025-04-01T00:59")));
  EXPECT_TRUE(CanRelease(q1, London("2025-04-01T01:00")));
}

TEST(ReleaseRulesTest, EveryDimensionAddsUpToTheTotalWithNotRecorded) {
  std::vector<ReachCount> counts = {{"", "", 45, 450, 2},
                                    {"community", "roma", 3, 30, 1},
                                    {"community", "disabled", 40, 400, 2}};
  reach::PeriodCounts c = CountsOf(counts, "supported");
  EXPECT_EQ(c.total, 45);
  ASSERT_EQ(c.breakdowns.size(), kReleaseDimensions.size());
  EXPECT_EQ(c.breakdowns[0].codes,
            (std::vector<std::string>{"roma", "disabled", "not_recorded"}));
  EXPECT_EQ(c.breakdowns[0].counts, (std::vector<int64_t>{3, 40, 2}));
  EXPECT_EQ(c.breakdowns[1].counts, (std::vector<int64_t>{45}));  // borough
  EXPECT_EQ(CountsOf(counts, "reached").breakdowns[0].counts,
            (std::vector<int64_t>{30, 400, 20}));
}

TEST(ReleaseRulesTest, RowsAreOrderedByPublishedFiguresNeverHiddenOnes) {
  std::vector<ReachCount> counts = {{"", "", 43, 430, 1},
                                    {"community", "alpha", 3, 30, 1},
                                    {"community", "beta", 40, 400, 1}};
  ReachRelease release{.quarter = "2025-Q1"};
  std::vector<ReleasedFigure> figures;
  for (std::string_view m : kMeasures)
    AppendFigures(reach::ProtectPeriod(CountsOf(counts, m)), m, "2025-Q1",
                  &figures, &release.withheld);
  ReachKey key{"programme", "p", "2025-Q1", "community", true};
  ReachSummary s =
      ReleasedSummary(key, PeriodsOf({release}, figures, "community"));
  ASSERT_EQ(s.rows.size(), 3u);
  // alpha (3) and beta (40) are both hidden: ordered by code, not size.
  EXPECT_EQ(s.rows[0].code, "alpha");
  EXPECT_EQ(s.rows[0].supported_suppression, reach::Suppression::kPrimary);
  EXPECT_EQ(s.rows[1].code, "beta");
  EXPECT_EQ(s.rows[1].supported_suppression,
            reach::Suppression::kComplementary);
  EXPECT_EQ(s.rows[2].code, "not_recorded");
  EXPECT_EQ(s.total.supported, 43);
  EXPECT_EQ(s.released_quarters, std::vector<std::string>{"2025-Q1"});
}

}  // namespace
}  // namespace grants::monitoring
