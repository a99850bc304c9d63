// Funding rules: each funder's share of a fund's money sums to the fund's.
#include "services/funding/funding_rules.h"

#include <gtest/gtest.h>

#include <random>

namespace grants::funding {
namespace {

TEST(FunderLinesTest, SplitsEachAwardByItsSharesAndLeavesTheRestFree) {
  std::vector<FunderTotal> funders = {{"f1", "Trust", 100'000},
                                      {"f2", "City", 50'000}};
  // An award of 30,000 shared 2:1, 12,000 paid, 1,000 repaid.
  std::vector<AwardMoney> awards = {
      {"a1", 30'000, 12'000, 1'000, 500, {{"f1", 20'000}, {"f2", 10'000}}}};
  auto lines = FunderLines(funders, awards);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].money,
            (MoneyLine{100'000, 12'000, 8'000, 667, 80'667, 333}));
  EXPECT_EQ(lines[1].money,
            (MoneyLine{50'000, 6'000, 4'000, 333, 40'333, 167}));
}

TEST(FunderLinesTest, SumsToTheAwardsTotalsToThePenny) {
  std::mt19937_64 rng(18);
  std::vector<FunderTotal> funders = {
      {"f1", "", 1'000'003}, {"f2", "", 777'777}, {"f3", "", 3}};
  std::vector<AwardMoney> awards;
  for (int i = 0; i < 200; ++i) {
    int64_t a = 1 + static_cast<int64_t>(rng() % 100'000);
    int64_t s1 = static_cast<int64_t>(rng() % static_cast<uint64_t>(a + 1));
    int64_t s2 =
        static_cast<int64_t>(rng() % static_cast<uint64_t>(a - s1 + 1));
    int64_t paid = static_cast<int64_t>(rng() % static_cast<uint64_t>(a + 1));
    int64_t rec = static_cast<int64_t>(rng() % static_cast<uint64_t>(paid + 1));
    awards.push_back({"a" + std::to_string(i),
                      a,
                      paid,
                      rec,
                      paid - rec,
                      {{"f1", s1}, {"f2", s2}, {"f3", a - s1 - s2}}});
  }
  MoneyLine total = FundLine(1'777'783, 0, awards);
  MoneyLine sum;
  for (const auto& f : FunderLines(funders, awards)) {
    sum.contributed += f.money.contributed;
    sum.committed += f.money.committed;
    sum.paid += f.money.paid;
    sum.recovered += f.money.recovered;
    sum.recovery_outstanding += f.money.recovery_outstanding;
    sum.free += f.money.free;
  }
  EXPECT_EQ(sum.contributed, total.contributed);
  EXPECT_EQ(sum.committed, total.committed);
  EXPECT_EQ(sum.paid, total.paid);
  EXPECT_EQ(sum.recovered, total.recovered);
  EXPECT_EQ(sum.recovery_outstanding, total.recovery_outstanding);
  EXPECT_EQ(sum.free,
            total.contributed - total.committed - total.paid + total.recovered);
}

TEST(FunderLinesTest, GivesAShareholderWithoutAContributionALineOfItsOwn) {
  auto lines = FunderLines({{"f1", "Trust", 10}},
                           {{"a1", 10, 0, 0, 0, {{"f1", 5}, {"f9", 5}}}});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].funder_id, "f9");
  EXPECT_EQ(lines[1].money.free, -5);
}

}  // namespace
}  // namespace grants::funding
