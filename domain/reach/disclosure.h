// Statistical disclosure control for published reach figures: small counts
// and every figure that would give them away are suppressed before a table
// or list reaches a funder or the public. Pure functions, no I/O.
//
// THE RULE (what a funder, or anyone reading what is published, may see):
//   * Funders and the public see reach only through releases. A release is
//     one programme's figures for one closed quarter (the reports accepted
//     in it, London time), frozen by an officer once the quarter is over
//     and protected by ProtectPeriod: the quarter's totals and every
//     dimension's groups (community, borough, language, age band, each with
//     a not-recorded group) are suppressed together, so that no combination
//     of them (differences of dimensions, of groups and totals, pairs,
//     triples, anything linear) pins a hidden figure to a single value.
//   * A release never changes, and a report accepted later counts only in
//     the release of the quarter it was accepted in; so reading before and
//     after an acceptance shows the same figures.
//   * Quarters share no figure, and figures over several quarters are only
//     ever sums of released quarters (SumPeriods), never computed afresh,
//     so subtracting across quarters and all-time sums gives nothing new.
//   * Every hidden figure is marked: kPrimary ("<5") is a count from 1 to
//     threshold - 1; kComplementary ("[c]") is hidden to protect another
//     figure and says nothing small about itself (in one quarter it is at
//     least the threshold; a sum over quarters may be anything). The
//     attacker that ProtectPeriod defeats knows these bounds.
//   * Officers and auditors read exact, live figures; that is not published.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace grants::reach {

// Counts from 1 to kDefaultThreshold - 1 are never published.
inline constexpr int64_t kDefaultThreshold = 5;

// Why a figure is hidden.
enum class Suppression {
  kNone,           // published, exact
  kPrimary,        // a count from 1 to threshold - 1 ("<5")
  kComplementary,  // hidden to protect another figure ("[c]")
};

// One published figure. A suppressed figure always carries value 0: the true
// value never leaves Protect.
struct Cell {
  int64_t value = 0;
  bool suppressed = false;
  Suppression suppression = Suppression::kNone;  // kNone unless suppressed
};

// Rows x columns of counts with their row, column and grand totals.
struct Table {
  std::vector<std::string> row_keys, column_keys;
  std::vector<std::vector<Cell>> cells;  // [row][column]
  std::vector<Cell> row_totals, column_totals;
  Cell grand_total;
};

// Groups with their total (reach by community, say).
struct List {
  std::vector<std::string> keys;
  std::vector<Cell> cells;
  Cell total;
};

// Builds the table of `counts` ([row][column]) with its totals and suppresses
// what must not be published. Every total is a figure like any cell, so the
// table is a grid of (rows + 1) x (columns + 1) figures in which each row and
// each column is a line whose members add up to its last one. The rules:
//   1. Primary: every figure (cell or total, grand total included) from 1 to
//      threshold - 1 is suppressed. A zero is always published as 0: a true
//      zero says nothing about a person, so zeros are never suppressed and a
//      reader may assume every suppressed figure is at least 1.
//   2. Complements: while some line has exactly one suppressed member, the
//      smallest non-zero published member other than the line's total is
//      suppressed too (ties: the first). When every such member is zero the
//      line's total is suppressed instead (never a zero). In the line of row
//      totals (and of column totals) those totals are the members and the
//      grand total is the line's total, so a small row total is hidden by
//      another row total and the grand total stays published if it can.
//   3. Combinations: a figure can also be derived by adding and subtracting
//      several lines, or pinned because the others it shares lines with
//      cannot be below 1 (two suppressed 1s beside a published total). While
//      some suppressed figure is so determined, the cheapest chain of further
//      figures (cells before totals, the grand total last, smallest sum
//      first) is suppressed to close a cycle along which it can move.
// Afterwards no suppressed figure has only one possible value given all that
// is published. Throws std::invalid_argument when threshold < 1, a count is
// negative, `counts` does not match the keys, or a total would reach 2^61.
Table Protect(const std::vector<std::string>& row_keys,
              const std::vector<std::string>& column_keys,
              const std::vector<std::vector<int64_t>>& counts,
              int64_t threshold = kDefaultThreshold);

// The one-line variant: groups and their total, under the same rules (a
// suppressed group needs a second suppressed figure in the list, which may
// be the total; two suppressed 1s beside a published total get a third).
// Throws std::invalid_argument as Protect does.
List ProtectList(const std::vector<std::string>& keys,
                 const std::vector<int64_t>& counts,
                 int64_t threshold = kDefaultThreshold);

// Whether a table is fit to publish, judged from what it publishes: its
// shape is consistent; no published figure is negative or from 1 to
// threshold - 1; every suppressed figure carries 0; no suppressed figure is
// in a line with a published zero total (it would be known to be 0); every
// line with a suppressed member has at least two; and no suppressed figure
// can be derived by combining lines (it lies on a cycle of suppressed
// figures). Whether suppressed 1s pin each other depends on the hidden values,
// which this check cannot see; Protect guarantees that part. Throws
// std::invalid_argument when threshold < 1.
bool IsSafe(const Table& table, int64_t threshold = kDefaultThreshold);

// The same check for a list.
bool IsSafe(const List& list, int64_t threshold = kDefaultThreshold);

// ---- Releases: one quarter of one programme, all dimensions together ----

// One figure of a release: its value (0 when hidden) and why it is hidden.
struct Figure {
  int64_t value = 0;
  Suppression suppression = Suppression::kNone;
  bool hidden() const { return suppression != Suppression::kNone; }
};

// One dimension's groups (their counts add up to the period's total; the
// not-recorded group is one of them).
struct Breakdown {
  std::string dimension;
  std::vector<std::string> codes;
  std::vector<int64_t> counts;
};

// One measure (people supported, or reached) of one period.
struct PeriodCounts {
  int64_t total = 0;
  std::vector<Breakdown> breakdowns;
};

struct ProtectedBreakdown {
  std::string dimension;
  // When no choice of further suppressions keeps every hidden figure of the
  // dimension from being pinned (the marks bound them too tightly), the
  // whole breakdown is withheld: no groups are published at all.
  bool withheld = false;
  std::vector<std::string> codes;
  std::vector<Figure> figures;  // empty when withheld
};

struct ProtectedPeriod {
  Figure total;
  std::vector<ProtectedBreakdown> breakdowns;
};

// Protects one period's figures jointly. The rules:
//   1. Primary: every figure (a group or the total) from 1 to threshold - 1
//      is hidden (kPrimary). Zeros are published.
//   2. While an attacker who knows every published figure, that each
//      dimension's groups add up to the total, and the bounds the marks
//      give (kPrimary: 1..threshold-1; kComplementary: >= threshold) can pin
//      some hidden figure to one value (AttackerIntervals), one more figure
//      is hidden (kComplementary): the smallest non-zero published group of
//      the dimension that pins it, else the total (hidden in every
//      dimension at once, since it is one figure); when the dimension has
//      nothing left to hide, the dimension is withheld.
// Afterwards no hidden figure has a single possible value. Throws
// std::invalid_argument when threshold < 3 (a "<2" would be an exact 1), a
// count is negative, codes and counts differ in length, or a breakdown does
// not add up to the total.
ProtectedPeriod ProtectPeriod(const PeriodCounts& counts,
                              int64_t threshold = kDefaultThreshold);

// The attacker's tightest bounds on a hidden figure; high is kUnbounded when
// nothing caps it.
inline constexpr int64_t kUnbounded = int64_t{1} << 60;
struct Interval {
  int64_t low = 0;
  int64_t high = 0;
};

// What can be worked out, exactly, from what `period` publishes: the
// interval of every figure (the total first, then each published breakdown's
// groups in order; a published figure's interval is its value). Exact for
// this structure: every value in an interval is possible.
std::vector<Interval> AttackerIntervals(const ProtectedPeriod& period,
                                        int64_t threshold = kDefaultThreshold);

// Whether every hidden figure of `period` has at least two possible values.
bool IsSafe(const ProtectedPeriod& period,
            int64_t threshold = kDefaultThreshold);

// Figures over several released periods: the sum of each figure over the
// periods, published only when every part is; a hidden sum is kPrimary when
// it is certainly from 1 to threshold - 1, else kComplementary. A breakdown
// withheld in any period is withheld in the sum. Groups are matched by
// dimension and code (a group missing from a period counts 0 there). Nothing
// is computed afresh, so the sum reveals nothing its parts do not.
ProtectedPeriod SumPeriods(const std::vector<ProtectedPeriod>& periods,
                           int64_t threshold = kDefaultThreshold);

}  // namespace grants::reach
