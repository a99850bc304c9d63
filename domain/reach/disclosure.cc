// Cell suppression for reach tables and lists: primary suppression, the
// complement rule, and closing cycles so no suppressed figure is determined.
#include "domain/reach/disclosure.h"

#include <cstddef>
#include <functional>
#include <limits>
#include <optional>
#include <queue>
#include <stdexcept>
#include <utility>

namespace grants::reach {
namespace {

// Keeps every sum over figures (at most four times the grand total) in range.
constexpr int64_t kMaxTotal = std::numeric_limits<int64_t>::max() / 4;

// A figure is an edge between its two lines (graph vertices). Giving totals
// sign -1 turns every line into "signed members add up to 0", so the ways the
// hidden figures can change together are exactly the cycles of the graph of
// suppressed figures: a figure is determined when no cycle can move it.
struct Entry {
  int64_t value = 0;
  bool suppressed = false;
  int row_vertex = 0;
  int column_vertex = 0;
  int sign = 1;         // +1 cells and the grand total, -1 other totals
  int64_t penalty = 0;  // cost tier of suppressing it
};

// One line: its members add up to `margin`, which is also listed last.
struct Line {
  std::vector<int> members;
  int margin = 0;
};

// Line i is vertex i. A list has a second line repeating the first: its one
// relation seen from the other end of every edge.
struct Grid {
  std::vector<Entry> entries;
  std::vector<Line> lines;
};

void CheckThreshold(int64_t threshold) {
  if (threshold < 1)
    throw std::invalid_argument("threshold must be at least 1");
}

// `total` + `count`, refusing negative counts and totals that could overflow.
int64_t AddCount(int64_t total, int64_t count) {
  if (count < 0) throw std::invalid_argument("reach counts must be >= 0");
  if (__builtin_add_overflow(total, count, &total) || total > kMaxTotal) {
    throw std::invalid_argument("reach counts too large to total");
  }
  return total;
}

int Index(int columns, int row, int column) {
  return row * (columns + 1) + column;
}

// The shape of a table: entries and lines, all values 0.
Grid TableGrid(int rows, int columns) {
  Grid grid;
  const int vertices = rows + columns + 2;
  grid.entries.resize(static_cast<size_t>((rows + 1) * (columns + 1)));
  grid.lines.resize(static_cast<size_t>(vertices));
  for (int i = 0; i <= rows; ++i) {
    for (int j = 0; j <= columns; ++j) {
      const int k = Index(columns, i, j);
      const bool row_total = j == columns, column_total = i == rows;
      Entry& e = grid.entries[k];
      e.row_vertex = i;
      e.column_vertex = rows + 1 + j;
      e.sign = row_total == column_total ? 1 : -1;
      e.penalty = row_total && column_total
                      ? vertices
                      : (row_total || column_total ? 1 : 0);
      grid.lines[e.row_vertex].members.push_back(k);
      grid.lines[e.column_vertex].members.push_back(k);
    }
  }
  for (Line& line : grid.lines) line.margin = line.members.back();
  return grid;
}

// The shape of a list of `groups`: the groups, then the total.
Grid ListGrid(int groups) {
  Grid grid;
  grid.entries.resize(static_cast<size_t>(groups) + 1);
  grid.lines.resize(2);
  for (int k = 0; k <= groups; ++k) {
    Entry& e = grid.entries[k];
    e.column_vertex = 1;
    e.sign = k == groups ? -1 : 1;
    e.penalty = k == groups ? 1 : 0;
    for (Line& line : grid.lines) line.members.push_back(k);
  }
  for (Line& line : grid.lines) line.margin = groups;
  return grid;
}

int CountSuppressed(const Grid& grid, const Line& line) {
  int n = 0;
  for (int k : line.members) n += grid.entries[k].suppressed ? 1 : 0;
  return n;
}

// The complement for a line with one suppressed member: the smallest
// non-zero published member (the first on ties), else the line's total.
std::optional<int> PickComplement(const Grid& grid, const Line& line) {
  std::optional<int> best;
  for (int k : line.members) {
    const Entry& e = grid.entries[k];
    if (k == line.margin || e.suppressed || e.value == 0) continue;
    if (!best || e.value < grid.entries[*best].value) best = k;
  }
  const Entry& total = grid.entries[line.margin];
  if (!best && !total.suppressed && total.value > 0) best = line.margin;
  return best;
}

void SuppressSmall(Grid& grid, int64_t threshold) {
  for (Entry& e : grid.entries)
    e.suppressed = e.value > 0 && e.value < threshold;
}

void SuppressLoneMembers(Grid& grid) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const Line& line : grid.lines) {
      if (CountSuppressed(grid, line) != 1) continue;
      if (std::optional<int> k = PickComplement(grid, line)) {
        grid.entries[*k].suppressed = true;
        changed = true;
      }
    }
  }
}

// Moving along entry `e` away from vertex `from` raises it by one unit of
// the cycle (allowed) or lowers it (allowed only when it is at least 2,
// since every suppressed figure is known to be at least 1).
bool CanLeave(const Entry& e, int from) {
  const int change = from == e.row_vertex ? e.sign : -e.sign;
  return change > 0 || e.value >= 2;
}

struct Arc {
  int entry = 0;
  int to = 0;
};
using Arcs = std::vector<std::vector<Arc>>;

enum class ArcSet { kSuppressed, kCandidates, kUndirected };

// Arcs of the suppressed figures (or of every non-zero figure, for choosing
// new suppressions), without entry `skip`. kUndirected ignores values: it is
// for checking published tables, whose hidden values are not known.
Arcs BuildArcs(const Grid& grid, int skip, ArcSet set) {
  Arcs arcs(grid.lines.size());
  for (int k = 0; k < static_cast<int>(grid.entries.size()); ++k) {
    const Entry& e = grid.entries[k];
    if (k == skip) continue;
    if (set == ArcSet::kCandidates ? e.value <= 0 : !e.suppressed) continue;
    const bool any_way = set == ArcSet::kUndirected;
    if (any_way || CanLeave(e, e.row_vertex))
      arcs[e.row_vertex].push_back({k, e.column_vertex});
    if (any_way || CanLeave(e, e.column_vertex))
      arcs[e.column_vertex].push_back({k, e.row_vertex});
  }
  return arcs;
}

// (penalty, value) summed over the figures a path would newly suppress.
using Cost = std::pair<int64_t, int64_t>;

struct Path {
  Cost cost;
  std::vector<int> entries;
};

// Dijkstra from `from` to `to`; suppressed figures cost nothing.
std::optional<Path> CheapestPath(const Grid& grid, const Arcs& arcs, int from,
                                 int to) {
  const Cost kUnreached{std::numeric_limits<int64_t>::max(), 0};
  std::vector<Cost> cost(arcs.size(), kUnreached);
  std::vector<Arc> back(arcs.size());  // entry used to arrive, and where from
  using Item = std::pair<Cost, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
  cost[from] = {0, 0};
  queue.push({cost[from], from});
  while (!queue.empty()) {
    const auto [c, v] = queue.top();
    queue.pop();
    if (c != cost[v]) continue;
    for (const Arc& a : arcs[v]) {
      const Entry& e = grid.entries[a.entry];
      const Cost next =
          e.suppressed ? c : Cost{c.first + e.penalty, c.second + e.value};
      if (next < cost[a.to]) {
        cost[a.to] = next;
        back[a.to] = {a.entry, v};
        queue.push({next, a.to});
      }
    }
  }
  if (cost[to] == kUnreached) return std::nullopt;
  Path path{cost[to], {}};
  for (int v = to; v != from; v = back[v].to)
    path.entries.push_back(back[v].entry);
  return path;
}

// The cheapest chain of figures from `set` that closes a cycle along which
// entry k can move; none when there is no such cycle.
std::optional<Path> CheapestCycle(const Grid& grid, int k, ArcSet set) {
  const Entry& e = grid.entries[k];
  const Arcs arcs = BuildArcs(grid, k, set);
  std::optional<Path> best;
  for (const auto& [from, to] : {std::pair{e.row_vertex, e.column_vertex},
                                 std::pair{e.column_vertex, e.row_vertex}}) {
    if (set != ArcSet::kUndirected && !CanLeave(e, from)) continue;
    std::optional<Path> path = CheapestPath(grid, arcs, to, from);
    if (path && (!best || path->cost < best->cost)) best = std::move(path);
  }
  return best;
}

// Until every suppressed figure can move (given the true values), suppresses
// the cheapest chain closing a cycle through one that cannot.
void CloseAllCycles(Grid& grid) {
  for (bool changed = true; changed;) {
    changed = false;
    for (int k = 0; k < static_cast<int>(grid.entries.size()); ++k) {
      if (!grid.entries[k].suppressed ||
          CheapestCycle(grid, k, ArcSet::kSuppressed)) {
        continue;
      }
      // Raising a positive figure with its totals is always a cycle, so
      // failing here would be a bug, not bad input.
      const std::optional<Path> path =
          CheapestCycle(grid, k, ArcSet::kCandidates);
      if (!path) throw std::logic_error("no cycle can protect a figure");
      for (int j : path->entries) grid.entries[j].suppressed = true;
      changed = true;
    }
  }
}

void Suppress(Grid& grid, int64_t threshold) {
  SuppressSmall(grid, threshold);
  SuppressLoneMembers(grid);
  CloseAllCycles(grid);
}

// A hidden figure is primary when small itself, else hidden to protect one.
Cell Publish(const Entry& e, int64_t threshold) {
  if (!e.suppressed) return Cell{e.value, false, Suppression::kNone};
  return Cell{0, true,
              e.value < threshold ? Suppression::kPrimary
                                  : Suppression::kComplementary};
}

// The grid of `counts` with true totals; throws on bad counts or shape.
Grid FilledTableGrid(const std::vector<std::vector<int64_t>>& counts,
                     size_t rows, size_t columns) {
  if (counts.size() != rows) throw std::invalid_argument("a row per row key");
  const int r = static_cast<int>(rows), c = static_cast<int>(columns);
  Grid grid = TableGrid(r, c);
  auto value = [&](int i, int j) -> int64_t& {
    return grid.entries[Index(c, i, j)].value;
  };
  for (int i = 0; i < r; ++i) {
    if (counts[i].size() != columns) {
      throw std::invalid_argument("a count per column key in every row");
    }
    for (int j = 0; j < c; ++j) {
      value(i, j) = AddCount(0, counts[i][j]);
      value(i, c) = AddCount(value(i, c), counts[i][j]);
      value(r, j) = AddCount(value(r, j), counts[i][j]);
      value(r, c) = AddCount(value(r, c), counts[i][j]);
    }
  }
  return grid;
}

// The figures of `table` in grid order (row by row, each with its total,
// then the column totals and the grand total); empty if the shape is broken.
std::vector<Cell*> FiguresOf(Table& table) {
  const size_t rows = table.row_keys.size(), columns = table.column_keys.size();
  if (table.cells.size() != rows || table.row_totals.size() != rows ||
      table.column_totals.size() != columns) {
    return {};
  }
  std::vector<Cell*> figures;
  for (size_t i = 0; i < rows; ++i) {
    if (table.cells[i].size() != columns) return {};
    for (Cell& cell : table.cells[i]) figures.push_back(&cell);
    figures.push_back(&table.row_totals[i]);
  }
  for (Cell& cell : table.column_totals) figures.push_back(&cell);
  figures.push_back(&table.grand_total);
  return figures;
}

// The checks IsSafe makes on what a grid publishes.
bool PublishesSafely(const Grid& grid, int64_t threshold) {
  for (const Entry& e : grid.entries) {
    const bool small = e.value > 0 && e.value < threshold;
    if (e.suppressed ? e.value != 0 : (e.value < 0 || small)) return false;
  }
  for (const Line& line : grid.lines) {
    const Entry& total = grid.entries[line.margin];
    const int hidden = CountSuppressed(grid, line);
    if (hidden == 1 || (hidden > 0 && !total.suppressed && total.value == 0))
      return false;
  }
  for (int k = 0; k < static_cast<int>(grid.entries.size()); ++k) {
    if (grid.entries[k].suppressed &&
        !CheapestCycle(grid, k, ArcSet::kUndirected)) {
      return false;
    }
  }
  return true;
}

}  // namespace

Table Protect(const std::vector<std::string>& row_keys,
              const std::vector<std::string>& column_keys,
              const std::vector<std::vector<int64_t>>& counts,
              int64_t threshold) {
  CheckThreshold(threshold);
  Grid grid = FilledTableGrid(counts, row_keys.size(), column_keys.size());
  Suppress(grid, threshold);
  const size_t rows = row_keys.size(), columns = column_keys.size();
  Table table{row_keys,
              column_keys,
              std::vector<std::vector<Cell>>(rows, std::vector<Cell>(columns)),
              std::vector<Cell>(rows),
              std::vector<Cell>(columns),
              {}};
  const std::vector<Cell*> figures = FiguresOf(table);
  for (size_t k = 0; k < figures.size(); ++k) {
    *figures[k] = Publish(grid.entries[k], threshold);
  }
  return table;
}

List ProtectList(const std::vector<std::string>& keys,
                 const std::vector<int64_t>& counts, int64_t threshold) {
  CheckThreshold(threshold);
  if (counts.size() != keys.size())
    throw std::invalid_argument("a count per key");
  const int groups = static_cast<int>(keys.size());
  Grid grid = ListGrid(groups);
  for (int k = 0; k < groups; ++k) {
    grid.entries[k].value = AddCount(0, counts[k]);
    grid.entries[groups].value =
        AddCount(grid.entries[groups].value, counts[k]);
  }
  Suppress(grid, threshold);
  List list{keys, {}, Publish(grid.entries[groups], threshold)};
  for (int k = 0; k < groups; ++k) {
    list.cells.push_back(Publish(grid.entries[k], threshold));
  }
  return list;
}

bool IsSafe(const Table& table, int64_t threshold) {
  CheckThreshold(threshold);
  Table copy = table;
  const std::vector<Cell*> figures = FiguresOf(copy);
  if (figures.empty()) return false;
  Grid grid = TableGrid(static_cast<int>(table.row_keys.size()),
                        static_cast<int>(table.column_keys.size()));
  for (size_t k = 0; k < figures.size(); ++k) {
    grid.entries[k].value = figures[k]->value;
    grid.entries[k].suppressed = figures[k]->suppressed;
  }
  return PublishesSafely(grid, threshold);
}

bool IsSafe(const List& list, int64_t threshold) {
  CheckThreshold(threshold);
  if (list.cells.size() != list.keys.size()) return false;
  Grid grid = ListGrid(static_cast<int>(list.keys.size()));
  for (size_t k = 0; k <= list.cells.size(); ++k) {
    const Cell& cell = k < list.cells.size() ? list.cells[k] : list.total;
    grid.entries[k].value = cell.value;
    grid.entries[k].suppressed = cell.suppressed;
  }
  return PublishesSafely(grid, threshold);
}

}  // namespace grants::reach
