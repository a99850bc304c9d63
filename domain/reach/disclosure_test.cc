// Unit tests of disclosure control: primary and complementary suppression,
// zeros, lists, the safety check, and random tables attacked by brute force.
#include "domain/reach/disclosure.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace grants::reach {
namespace {

using Counts = std::vector<std::vector<int64_t>>;
// A figure of the table with its totals: row == rows is the column totals,
// column == columns the row totals.
using Figure = std::pair<size_t, size_t>;

std::vector<std::string> Keys(size_t n, const std::string& prefix) {
  std::vector<std::string> keys;
  for (size_t i = 0; i < n; ++i) keys.push_back(prefix + std::to_string(i));
  return keys;
}

Table ProtectCounts(const Counts& counts,
                    int64_t threshold = kDefaultThreshold) {
  return Protect(Keys(counts.size(), "row"),
                 Keys(counts.empty() ? 0 : counts[0].size(), "col"), counts,
                 threshold);
}

List ProtectGroups(const std::vector<int64_t>& counts) {
  return ProtectList(Keys(counts.size(), "group"), counts);
}

size_t Rows(const Table& t) { return t.row_keys.size(); }
size_t Columns(const Table& t) { return t.column_keys.size(); }

// The cell or total at `f`, of a Table or a const Table.
template <typename T>
auto& At(T& t, Figure f) {
  const auto [i, j] = f;
  if (i == Rows(t)) return j == Columns(t) ? t.grand_total : t.column_totals[j];
  return j == Columns(t) ? t.row_totals[i] : t.cells[i][j];
}

// The true value of a figure: a count or a sum of counts.
int64_t TrueValue(const Counts& counts, Figure f) {
  int64_t sum = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    for (size_t j = 0; j < counts[i].size(); ++j) {
      const bool in_row = f.first == counts.size() || f.first == i;
      const bool in_column = f.second == counts[i].size() || f.second == j;
      if (in_row && in_column) sum += counts[i][j];
    }
  }
  return sum;
}

std::vector<Figure> AllFigures(const Table& t) {
  std::vector<Figure> figures;
  for (size_t i = 0; i <= Rows(t); ++i) {
    for (size_t j = 0; j <= Columns(t); ++j) figures.push_back({i, j});
  }
  return figures;
}

// What a table of `counts` would publish if exactly `hidden` were suppressed.
Table PublishWithHidden(const Counts& counts, const std::set<Figure>& hidden) {
  Table t = ProtectCounts(counts, 1);
  for (Figure f : AllFigures(t))
    At(t, f) = hidden.count(f) ? Cell{0, true} : At(t, f);
  return t;
}

// Searches for a table, other than the truth, that agrees with all that is
// published (every suppressed figure at least 1, as zeros are published)
// and gives one figure the value truth + delta. If a figure can take any
// other value, a cycle of unit changes gives it truth + 1 or truth - 1 with
// every figure within one of its truth, so trying truth - 1, truth and
// truth + 1 for each hidden cell decides the question exactly.
class Attacker {
 public:
  Attacker(const Table& published, const Counts& truth)
      : published_(published), x_(truth) {
    for (Figure f : AllFigures(published)) {
      if (f.first < Rows(published) && f.second < Columns(published) &&
          At(published, f).suppressed) {
        hidden_.push_back(f);
      }
    }
  }

  bool CanShift(Figure target, int64_t delta) {
    target_ = target;
    wanted_ = TrueValue(x_, target) + delta;
    return wanted_ >= 1 && Assign(0);
  }

 private:
  bool Fits(Figure f) const {
    const Cell& cell = At(published_, f);
    const int64_t v = TrueValue(x_, f);
    if (f == target_ && v != wanted_) return false;
    return cell.suppressed ? v >= 1 : v == cell.value;
  }

  bool RowFits(size_t row) const {
    for (size_t j = 0; j <= Columns(published_); ++j) {
      if (!Fits({row, j})) return false;
    }
    return true;
  }

  bool Assign(size_t next) {
    if (next == hidden_.size()) {
      for (Figure f : AllFigures(published_)) {
        if (!Fits(f)) return false;
      }
      return true;
    }
    const auto [i, j] = hidden_[next];
    const int64_t truth = x_[i][j];
    const bool row_done =
        next + 1 == hidden_.size() || hidden_[next + 1].first != i;
    bool found = false;
    for (int64_t v : {truth, truth - 1, truth + 1}) {
      if (found || v < 1 || (hidden_[next] == target_ && v != wanted_))
        continue;
      x_[i][j] = v;
      found = (!row_done || RowFits(i)) && Assign(next + 1);
    }
    x_[i][j] = truth;
    return found;
  }

  const Table& published_;
  Counts x_;
  std::vector<Figure> hidden_;
  Figure target_;
  int64_t wanted_ = 0;
};

std::set<Figure> HiddenFigures(const Table& t) {
  std::set<Figure> hidden;
  for (Figure f : AllFigures(t)) {
    if (At(t, f).suppressed) hidden.insert(f);
  }
  return hidden;
}

TEST(ProtectTest, HidesASmallCellWithTheSmallestComplementsInItsRowAndColumn) {
  const Counts counts = {{3, 10, 20}, {12, 30, 40}, {15, 50, 60}};
  const Table t = ProtectCounts(counts);
  EXPECT_EQ(HiddenFigures(t),
            (std::set<Figure>{{0, 0}, {0, 1}, {1, 0}, {1, 1}}));
  for (Figure f : AllFigures(t)) {
    EXPECT_EQ(At(t, f).value, At(t, f).suppressed ? 0 : TrueValue(counts, f));
  }
  EXPECT_EQ(t.grand_total.value, 240);
  EXPECT_EQ(t.row_totals[0].value, 33);
  EXPECT_EQ(t.column_totals[0].value, 30);
  EXPECT_TRUE(IsSafe(t));
}

TEST(ProtectTest, LeavesATableWithoutSmallCountsUnchanged) {
  const Counts counts = {{5, 0, 12}, {7, 9, 0}};
  const Table t = ProtectCounts(counts);
  EXPECT_TRUE(HiddenFigures(t).empty());
  for (Figure f : AllFigures(t))
    EXPECT_EQ(At(t, f).value, TrueValue(counts, f));
}

TEST(ProtectTest, PublishesEveryZeroAsZero) {
  const Counts counts = {{0, 2, 9, 0}, {0, 6, 8, 11}, {0, 7, 0, 30}};
  const Table t = ProtectCounts(counts);
  for (Figure f : AllFigures(t)) {
    if (TrueValue(counts, f) == 0) {
      EXPECT_EQ(At(t, f).value, 0);
      EXPECT_FALSE(At(t, f).suppressed);
    }
  }
  EXPECT_TRUE(At(t, {0, 1}).suppressed);
  EXPECT_TRUE(IsSafe(t));
}

TEST(ProtectTest, HidesTheRowTotalWhenTheOtherCellsInTheRowAreZero) {
  // The 2 needs the 6 as its complement in its column; 6 is then alone among
  // zeros, so hiding a zero would not help (zeros are published as zeros):
  // its row total is hidden, and another row total with it.
  const Table t = ProtectCounts({{20, 2, 30}, {0, 6, 0}, {40, 25, 50}});
  EXPECT_TRUE(t.cells[1][1].suppressed);
  EXPECT_EQ(t.cells[1][0].value, 0);
  EXPECT_FALSE(t.cells[1][0].suppressed);
  EXPECT_FALSE(t.cells[1][2].suppressed);
  EXPECT_TRUE(t.row_totals[1].suppressed);
  EXPECT_EQ(t.grand_total.value, 173);
  EXPECT_TRUE(IsSafe(t));
}

TEST(ProtectTest, HidesASmallRowTotalBehindTheSmallestOtherRowTotal) {
  const Table t = ProtectCounts({{1, 2, 0}, {10, 20, 30}, {8, 9, 11}});
  EXPECT_TRUE(t.row_totals[0].suppressed);
  EXPECT_TRUE(t.row_totals[2].suppressed);  // 28, smaller than 60
  EXPECT_EQ(t.row_totals[1].value, 60);
  EXPECT_EQ(t.grand_total.value, 91);
  EXPECT_FALSE(t.grand_total.suppressed);
  EXPECT_TRUE(IsSafe(t));
}

TEST(ProtectTest, HidesEveryNonZeroFigureWhenTheGrandTotalIsSmall) {
  const Table t = ProtectCounts({{1, 0}, {0, 2}});
  EXPECT_EQ(HiddenFigures(t),
            (std::set<Figure>{
                {0, 0}, {1, 1}, {0, 2}, {1, 2}, {2, 0}, {2, 1}, {2, 2}}));
  EXPECT_TRUE(IsSafe(t));
}

TEST(ProtectTest, UsesTheGivenThreshold) {
  EXPECT_TRUE(ProtectCounts({{7, 20}, {30, 40}}, 10).cells[0][0].suppressed);
  EXPECT_TRUE(HiddenFigures(ProtectCounts({{7, 20}, {30, 40}}, 5)).empty());
}

TEST(ProtectTest, RefusesNegativeCountsMismatchedShapesAndThresholdsBelowOne) {
  EXPECT_THROW(ProtectCounts({{3, -1}}), std::invalid_argument);
  EXPECT_THROW(Protect({"a", "b"}, {"x"}, {{1}}), std::invalid_argument);
  EXPECT_THROW(Protect({"a"}, {"x", "y"}, {{1}}), std::invalid_argument);
  EXPECT_THROW(ProtectCounts({{3}}, 0), std::invalid_argument);
  EXPECT_THROW(ProtectList({"a"}, {-2}), std::invalid_argument);
}

TEST(ProtectListTest, HidesASmallGroupAndTheSmallestOtherGroup) {
  const List l = ProtectGroups({3, 12, 7, 40});
  EXPECT_TRUE(l.cells[0].suppressed && l.cells[2].suppressed);
  EXPECT_EQ(l.cells[1].value, 12);
  EXPECT_EQ(l.cells[3].value, 40);
  EXPECT_EQ(l.total.value, 62);
  EXPECT_TRUE(IsSafe(l));
}

TEST(ProtectListTest, HidesTheTotalWhenTheOnlyOtherGroupsAreZero) {
  const List l = ProtectGroups({0, 3, 0});
  EXPECT_TRUE(l.cells[1].suppressed && l.total.suppressed);
  EXPECT_FALSE(l.cells[0].suppressed || l.cells[2].suppressed);
  EXPECT_TRUE(IsSafe(l));
}

TEST(ProtectListTest,
     HidesAThirdGroupWhenTwoHiddenOnesWouldBePinnedByTheirTotal) {
  // Hiding only the two 1s leaves x + y = 2 with x, y >= 1: both are 1.
  const List l = ProtectGroups({1, 1, 10, 20});
  EXPECT_TRUE(l.cells[0].suppressed && l.cells[1].suppressed &&
              l.cells[2].suppressed);
  EXPECT_EQ(l.cells[3].value, 20);
  EXPECT_EQ(l.total.value, 32);
}

TEST(IsSafeTest, RejectsARowWithExactlyOneHiddenCell) {
  const Counts counts = {{3, 10, 20}, {12, 30, 40}, {15, 50, 60}};
  EXPECT_TRUE(
      IsSafe(PublishWithHidden(counts, {{0, 0}, {0, 1}, {1, 0}, {1, 1}})));
  EXPECT_FALSE(IsSafe(PublishWithHidden(counts, {{0, 0}, {1, 0}})));
}

TEST(IsSafeTest, RejectsACellDerivableByCombiningRowsAndColumns) {
  // Two hidden 2x2 blocks joined by (1,2): every line has two hidden cells,
  // yet rows 0-1 minus columns 0-1 leaves exactly (1,2).
  const Counts counts(4, std::vector<int64_t>(4, 10));
  const std::set<Figure> blocks = {{0, 0}, {0, 1}, {1, 0}, {1, 1},
                                   {2, 2}, {2, 3}, {3, 2}, {3, 3}};
  std::set<Figure> joined = blocks;
  joined.insert({1, 2});
  EXPECT_TRUE(IsSafe(PublishWithHidden(counts, blocks)));
  EXPECT_FALSE(IsSafe(PublishWithHidden(counts, joined)));
  // The brute-force attacker of the property tests agrees.
  const Table published = PublishWithHidden(counts, joined);
  Attacker attacker(published, counts);
  EXPECT_FALSE(attacker.CanShift({1, 2}, 1) || attacker.CanShift({1, 2}, -1));
  EXPECT_TRUE(attacker.CanShift({0, 0}, 1));
}

TEST(IsSafeTest, RejectsAPublishedSmallCountOrAHiddenCellThatKeepsItsValue) {
  const Counts counts = {{3, 10}, {12, 30}};
  EXPECT_FALSE(IsSafe(PublishWithHidden(counts, {})));
  Table leaky = PublishWithHidden(counts, {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
  EXPECT_TRUE(IsSafe(leaky));
  leaky.cells[0][0].value = 3;
  EXPECT_FALSE(IsSafe(leaky));
  EXPECT_FALSE(IsSafe(List{{"a", "b"}, {{2, false}, {9, false}}, {11, false}}));
}

// Mostly small counts: 30% zeros, 40% from 1 to 4, 30% from 5 to 40.
int64_t RandomCount(std::mt19937& rng) {
  const int kind = std::uniform_int_distribution<int>(0, 9)(rng);
  if (kind < 3) return 0;
  return std::uniform_int_distribution<int64_t>(kind < 7 ? 1 : 5,
                                                kind < 7 ? 4 : 40)(rng);
}

Counts RandomCounts(std::mt19937& rng) {
  std::uniform_int_distribution<size_t> size(1, 5);
  Counts counts(size(rng), std::vector<int64_t>(size(rng)));
  for (auto& row : counts) {
    for (int64_t& c : row) c = RandomCount(rng);
  }
  return counts;
}

// A hidden figure cannot be read off one line: each of its lines (row and
// column, totals included) hides at least one other figure.
void ExpectEveryHiddenFigureSharesItsLines(const Table& t) {
  const std::set<Figure> hidden = HiddenFigures(t);
  for (const auto& [i, j] : hidden) {
    int in_row = 0, in_column = 0;
    for (const auto& [r, c] : hidden) {
      in_row += r == i ? 1 : 0;
      in_column += c == j ? 1 : 0;
    }
    EXPECT_GE(in_row, 2) << i << "," << j;
    EXPECT_GE(in_column, 2) << i << "," << j;
  }
}

TEST(ProtectPropertyTest,
     RandomTablesAreSafeTrueAndNoHiddenFigureCanBeDerived) {
  std::mt19937 rng(20240611);
  int tables_with_hidden = 0;
  for (int n = 0; n < 400; ++n) {
    const Counts counts = RandomCounts(rng);
    SCOPED_TRACE(testing::PrintToString(counts));
    const Table t = ProtectCounts(counts);
    ASSERT_TRUE(IsSafe(t));
    for (Figure f : AllFigures(t)) {
      EXPECT_EQ(At(t, f).value, At(t, f).suppressed ? 0 : TrueValue(counts, f));
    }
    ExpectEveryHiddenFigureSharesItsLines(t);
    Attacker attacker(t, counts);
    for (Figure f : HiddenFigures(t)) {
      EXPECT_TRUE(attacker.CanShift(f, 1) || attacker.CanShift(f, -1))
          << "derivable: " << f.first << "," << f.second;
    }
    tables_with_hidden += HiddenFigures(t).empty() ? 0 : 1;
  }
  EXPECT_GT(tables_with_hidden, 300);
}

// Whether some list agreeing with what `l` publishes (hidden groups at least
// 1) gives hidden group k another value; within one of the truth suffices.
bool ListGroupCanShift(const List& l, const std::vector<int64_t>& truth,
                       size_t k) {
  std::vector<size_t> hidden;
  for (size_t g = 0; g < truth.size(); ++g) {
    if (l.cells[g].suppressed && g != k) hidden.push_back(g);
  }
  for (int64_t delta : {-1, 1}) {
    for (int mask = 0; mask < (1 << (2 * hidden.size())); ++mask) {
      std::vector<int64_t> x = truth;
      x[k] += delta;
      for (size_t h = 0; h < hidden.size(); ++h)
        x[hidden[h]] += (mask >> (2 * h)) % 4 - 1;
      int64_t sum = 0;
      bool ok = true;
      for (int64_t v : x) sum += v;
      for (size_t g = 0; g < x.size(); ++g)
        ok = ok && (!l.cells[g].suppressed || x[g] >= 1);
      if (ok && (l.total.suppressed || sum == l.total.value)) return true;
    }
  }
  return false;
}

TEST(ProtectPropertyTest, RandomListsAreSafeTrueAndNoHiddenGroupCanBeDerived) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> size(1, 6);
  for (int n = 0; n < 300; ++n) {
    std::vector<int64_t> counts(size(rng));
    for (int64_t& c : counts) c = RandomCount(rng);
    SCOPED_TRACE(testing::PrintToString(counts));
    const List l = ProtectGroups(counts);
    ASSERT_TRUE(IsSafe(l));
    int64_t sum = 0;
    for (size_t g = 0; g < counts.size(); ++g) {
      sum += counts[g];
      EXPECT_EQ(l.cells[g].value, l.cells[g].suppressed ? 0 : counts[g]);
      if (l.cells[g].suppressed) {
        EXPECT_TRUE(ListGroupCanShift(l, counts, g)) << g;
      }
    }
    EXPECT_EQ(l.total.value, l.total.suppressed ? 0 : sum);
  }
}

}  // namespace
}  // namespace grants::reach
