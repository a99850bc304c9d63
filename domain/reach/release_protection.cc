// Joint protection of one period's figures (its total and every dimension's
// groups), the exact attacker it is checked against, and sums over periods.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <utility>

#include "domain/reach/disclosure.h"

namespace grants::reach {
namespace {

// Keeps every sum of counts far below kUnbounded.
constexpr int64_t kMaxCount = int64_t{1} << 50;

int64_t Plus(int64_t a, int64_t b) { return std::min(kUnbounded, a + b); }

// What a figure tells a reader: its value, or the bounds of its mark.
Interval BoundsOf(int64_t value, Suppression mark, int64_t threshold) {
  switch (mark) {
    case Suppression::kPrimary:
      return {1, threshold - 1};
    case Suppression::kComplementary:
      return {threshold, kUnbounded};
    case Suppression::kNone:
      break;
  }
  return {value, value};
}

// The published shape: bounds of the total and of each published
// dimension's groups. A line: the groups of a dimension add up to the total.
struct View {
  Interval total;
  std::vector<std::vector<Interval>> dims;
};

struct Solved {
  Interval total;
  std::vector<std::vector<Interval>> dims;
  std::vector<Interval> dim_sums;  // [sum of lows, sum of highs] per dim
};

// The exact projection of {groups in their bounds, each dimension adding up
// to the total} on every figure. For a fixed total the dimensions are
// independent boxes under one sum, whose projections are intervals; the
// total ranges over the intersection of what each dimension allows.
Solved Solve(const View& v) {
  Solved s{v.total, {}, {}};
  for (const auto& dim : v.dims) {
    Interval sum{0, 0};
    for (const Interval& b : dim)
      sum = {sum.low + b.low, Plus(sum.high, b.high)};
    s.dim_sums.push_back(sum);
    s.total.low = std::max(s.total.low, sum.low);
    s.total.high = std::min(s.total.high, sum.high);
  }
  for (size_t d = 0; d < v.dims.size(); ++d) {
    const auto& dim = v.dims[d];
    std::vector<Interval> out;
    for (size_t i = 0; i < dim.size(); ++i) {
      int64_t others_low = 0, others_high = 0;
      for (size_t j = 0; j < dim.size(); ++j) {
        if (j == i) continue;
        others_low += dim[j].low;
        others_high = Plus(others_high, dim[j].high);
      }
      const int64_t low = others_high >= kUnbounded
                              ? dim[i].low
                              : std::max(dim[i].low, s.total.low - others_high);
      const int64_t high =
          s.total.high >= kUnbounded
              ? dim[i].high
              : std::min(dim[i].high, s.total.high - others_low);
      out.push_back({low, high});
    }
    s.dims.push_back(std::move(out));
  }
  return s;
}

// The true values with their marks while ProtectPeriod works.
struct Work {
  int64_t threshold = kDefaultThreshold;
  int64_t total = 0;
  Suppression total_mark = Suppression::kNone;
  struct Dim {
    std::vector<int64_t> values;
    std::vector<Suppression> marks;
    bool withheld = false;
  };
  std::vector<Dim> dims;
};

View ViewOf(const Work& w, std::vector<size_t>* published_dims) {
  View v{BoundsOf(w.total, w.total_mark, w.threshold), {}};
  for (size_t d = 0; d < w.dims.size(); ++d) {
    if (w.dims[d].withheld) continue;
    published_dims->push_back(d);
    std::vector<Interval> bounds;
    for (size_t i = 0; i < w.dims[d].values.size(); ++i)
      bounds.push_back(
          BoundsOf(w.dims[d].values[i], w.dims[d].marks[i], w.threshold));
    v.dims.push_back(std::move(bounds));
  }
  return v;
}

Suppression SmallMark(int64_t value, int64_t threshold) {
  return value > 0 && value < threshold ? Suppression::kPrimary
                                        : Suppression::kNone;
}

// The smallest non-zero published group of a dimension (the first on ties).
std::optional<size_t> SmallestPublished(const Work::Dim& dim) {
  std::optional<size_t> best;
  for (size_t i = 0; i < dim.values.size(); ++i) {
    if (dim.marks[i] != Suppression::kNone || dim.values[i] == 0) continue;
    if (!best || dim.values[i] < dim.values[*best]) best = i;
  }
  return best;
}

// Hides one more figure of dimension d, or withholds it.
void Loosen(Work& w, size_t d, bool total_may_go) {
  Work::Dim& dim = w.dims[d];
  if (std::optional<size_t> i = SmallestPublished(dim)) {
    dim.marks[*i] = Suppression::kComplementary;
  } else if (total_may_go && w.total_mark == Suppression::kNone &&
             w.total > 0) {
    w.total_mark = Suppression::kComplementary;
  } else {
    dim.withheld = true;
  }
}

// One step: finds a hidden figure the attacker pins and loosens around it.
// False when none is pinned.
bool Step(Work& w) {
  std::vector<size_t> dims;
  const Solved s = Solve(ViewOf(w, &dims));
  if (w.total_mark != Suppression::kNone && s.total.low >= s.total.high) {
    // A dimension whose sum bounds meet the total's pins it.
    for (size_t k = 0; k < dims.size(); ++k) {
      const Interval& sum = s.dim_sums[k];
      if (sum.low == s.total.low || sum.high == s.total.high) {
        Loosen(w, dims[k], false);
        return true;
      }
    }
    throw std::logic_error("a hidden total is pinned by its own mark");
  }
  for (size_t k = 0; k < dims.size(); ++k) {
    const Work::Dim& dim = w.dims[dims[k]];
    for (size_t i = 0; i < dim.values.size(); ++i) {
      if (dim.marks[i] == Suppression::kNone) continue;
      if (s.dims[k][i].low < s.dims[k][i].high) continue;
      Loosen(w, dims[k], true);
      return true;
    }
  }
  return false;
}

Figure FigureOf(int64_t value, Suppression mark) {
  return mark == Suppression::kNone ? Figure{value, mark} : Figure{0, mark};
}

Work Load(const PeriodCounts& counts, int64_t threshold) {
  if (threshold < 3)
    throw std::invalid_argument("threshold must be at least 3");
  if (counts.total < 0 || counts.total > kMaxCount)
    throw std::invalid_argument("a period's total must be 0..2^50");
  Work w{threshold, counts.total, SmallMark(counts.total, threshold), {}};
  for (const Breakdown& b : counts.breakdowns) {
    if (b.codes.size() != b.counts.size())
      throw std::invalid_argument("a count per code");
    int64_t sum = 0;
    Work::Dim dim;
    for (int64_t c : b.counts) {
      if (c < 0 || c > counts.total)
        throw std::invalid_argument("a group must be 0..the total");
      sum += c;
      dim.values.push_back(c);
      dim.marks.push_back(SmallMark(c, threshold));
    }
    if (sum != counts.total)
      throw std::invalid_argument("a breakdown must add up to the total");
    w.dims.push_back(std::move(dim));
  }
  return w;
}

View PublishedView(const ProtectedPeriod& p, int64_t threshold) {
  View v{BoundsOf(p.total.value, p.total.suppression, threshold), {}};
  for (const ProtectedBreakdown& b : p.breakdowns) {
    if (b.withheld) continue;
    std::vector<Interval> bounds;
    for (const Figure& f : b.figures)
      bounds.push_back(BoundsOf(f.value, f.suppression, threshold));
    v.dims.push_back(std::move(bounds));
  }
  return v;
}

// A sum over periods: published parts, and the bounds of the hidden ones.
struct Sum {
  int64_t published = 0;
  Interval hidden{0, 0};
  bool any_hidden = false;

  void Add(const Figure& f, int64_t threshold) {
    if (!f.hidden()) {
      published += f.value;
      return;
    }
    any_hidden = true;
    const Interval b = BoundsOf(0, f.suppression, threshold);
    hidden = {hidden.low + b.low, Plus(hidden.high, b.high)};
  }

  Figure Result(int64_t threshold) const {
    if (!any_hidden) return {published, Suppression::kNone};
    const bool small = published + hidden.high < threshold;
    return {0, small ? Suppression::kPrimary : Suppression::kComplementary};
  }
};

}  // namespace

ProtectedPeriod ProtectPeriod(const PeriodCounts& counts, int64_t threshold) {
  Work w = Load(counts, threshold);
  while (Step(w)) {
  }
  ProtectedPeriod out{FigureOf(w.total, w.total_mark), {}};
  for (size_t d = 0; d < w.dims.size(); ++d) {
    ProtectedBreakdown b{
        counts.breakdowns[d].dimension, w.dims[d].withheld, {}, {}};
    if (!b.withheld) {
      b.codes = counts.breakdowns[d].codes;
      for (size_t i = 0; i < w.dims[d].values.size(); ++i)
        b.figures.push_back(FigureOf(w.dims[d].values[i], w.dims[d].marks[i]));
    }
    out.breakdowns.push_back(std::move(b));
  }
  return out;
}

std::vector<Interval> AttackerIntervals(const ProtectedPeriod& period,
                                        int64_t threshold) {
  if (threshold < 3)
    throw std::invalid_argument("threshold must be at least 3");
  const Solved s = Solve(PublishedView(period, threshold));
  std::vector<Interval> out{s.total};
  for (const auto& dim : s.dims) out.insert(out.end(), dim.begin(), dim.end());
  return out;
}

bool IsSafe(const ProtectedPeriod& period, int64_t threshold) {
  std::vector<Figure> figures{period.total};
  for (const ProtectedBreakdown& b : period.breakdowns) {
    if (b.withheld) {
      if (!b.figures.empty() || !b.codes.empty()) return false;
      continue;
    }
    if (b.codes.size() != b.figures.size()) return false;
    figures.insert(figures.end(), b.figures.begin(), b.figures.end());
  }
  const std::vector<Interval> intervals = AttackerIntervals(period, threshold);
  for (size_t k = 0; k < figures.size(); ++k) {
    const Figure& f = figures[k];
    if (f.hidden() ? f.value != 0
                   : (f.value < 0 ||
                      SmallMark(f.value, threshold) != Suppression::kNone))
      return false;
    if (intervals[k].low > intervals[k].high) return false;  // inconsistent
    if (f.hidden() && intervals[k].low == intervals[k].high) return false;
  }
  return true;
}

ProtectedPeriod SumPeriods(const std::vector<ProtectedPeriod>& periods,
                           int64_t threshold) {
  Sum total;
  struct Dim {
    std::string dimension;
    bool withheld = false;
    std::vector<std::string> codes;
    std::vector<Sum> sums;
  };
  std::vector<Dim> dims;
  for (const ProtectedPeriod& p : periods) {
    total.Add(p.total, threshold);
    for (const ProtectedBreakdown& b : p.breakdowns) {
      auto it = std::find_if(dims.begin(), dims.end(), [&](const Dim& d) {
        return d.dimension == b.dimension;
      });
      if (it == dims.end()) it = dims.insert(dims.end(), Dim{b.dimension});
      it->withheld = it->withheld || b.withheld;
      for (size_t i = 0; i < b.figures.size(); ++i) {
        auto c = std::find(it->codes.begin(), it->codes.end(), b.codes[i]);
        size_t k = static_cast<size_t>(c - it->codes.begin());
        if (c == it->codes.end()) {
          it->codes.push_back(b.codes[i]);
          it->sums.emplace_back();
        }
        it->sums[k].Add(b.figures[i], threshold);
      }
    }
  }
  ProtectedPeriod out{total.Result(threshold), {}};
  for (const Dim& d : dims) {
    ProtectedBreakdown b{d.dimension, d.withheld, {}, {}};
    if (!d.withheld) {
      b.codes = d.codes;
      for (const Sum& s : d.sums) b.figures.push_back(s.Result(threshold));
    }
    out.breakdowns.push_back(std::move(b));
  }
  return out;
}

}  // namespace grants::reach
