// Statistical disclosure control for published reach figures: small counts
// and every figure that would give them away are suppressed before a table
// or list reaches a funder or the public. Pure functions, no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace grants::reach {

// Counts from 1 to kDefaultThreshold - 1 are never published.
inline constexpr int64_t kDefaultThreshold = 5;

// One published figure. A suppressed figure always carries value 0: the true
// value never leaves Protect.
struct Cell {
  int64_t value = 0;
  bool suppressed = false;
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

}  // namespace grants::reach
