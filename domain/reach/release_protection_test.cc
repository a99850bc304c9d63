// Attacker tests of releases: random report streams are released a quarter
// at a time, and two attackers try to recover a hidden count from everything
// a funder sees (every quarter, every dimension, the totals and the sums
// over quarters): one enumerates every assignment the published figures and
// marks allow, one combines every pair and triple of the relations between
// figures and narrows intervals. Neither may pin a hidden figure.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/reach/disclosure.h"

namespace grants::reach {
namespace {

constexpr int64_t kT = kDefaultThreshold;

// ---- The data: random reports, summed per quarter ----

constexpr std::array<int, 4> kCodesPerDim = {4, 6, 3, 3};
const std::array<std::string, 4> kDims = {"community", "borough", "language",
                                          "age_band"};

struct Report {
  int quarter = 0;
  int64_t total = 0;
  std::array<std::vector<int64_t>, 4> parts;  // per dimension, per code
};

std::vector<Report> RandomStream(std::mt19937& rng, int quarters, int reports) {
  std::vector<Report> out;
  for (int r = 0; r < reports; ++r) {
    Report rep;
    rep.quarter = static_cast<int>(rng() % quarters);
    rep.total = rng() % 4 == 0 ? rng() % 3 : rng() % 16;
    for (size_t d = 0; d < 4; ++d) {
      rep.parts[d].assign(kCodesPerDim[d], 0);
      if (rng() % 3 == 0) continue;  // this report gave no such breakdown
      int64_t left = rep.total;
      for (auto& p : rep.parts[d]) {
        p = left > 0 ? rng() % (left + 1) : 0;
        if (rng() % 2) p = std::min<int64_t>(p, rng() % 5);
        left -= p;
      }
    }
    out.push_back(rep);
  }
  return out;
}

// The true figures of a quarter: codes of each dimension, then not_recorded.
PeriodCounts QuarterCounts(const std::vector<Report>& stream, int quarter) {
  PeriodCounts c;
  for (size_t d = 0; d < 4; ++d) {
    Breakdown b{kDims[d], {}, std::vector<int64_t>(kCodesPerDim[d] + 1, 0)};
    for (int k = 0; k < kCodesPerDim[d]; ++k)
      b.codes.push_back(kDims[d] + std::to_string(k));
    b.codes.push_back("not_recorded");
    c.breakdowns.push_back(b);
  }
  for (const Report& r : stream) {
    if (r.quarter != quarter) continue;
    c.total += r.total;
    for (size_t d = 0; d < 4; ++d) {
      int64_t placed = 0;
      for (int k = 0; k < kCodesPerDim[d]; ++k) {
        c.breakdowns[d].counts[k] += r.parts[d][k];
        placed += r.parts[d][k];
      }
      c.breakdowns[d].counts.back() += r.total - placed;
    }
  }
  return c;
}

// Every figure of a period, flattened as AttackerIntervals lists them.
std::vector<int64_t> TrueFigures(const PeriodCounts& c,
                                 const ProtectedPeriod& p) {
  std::vector<int64_t> v{c.total};
  for (size_t d = 0; d < p.breakdowns.size(); ++d)
    if (!p.breakdowns[d].withheld)
      v.insert(v.end(), c.breakdowns[d].counts.begin(),
               c.breakdowns[d].counts.end());
  return v;
}

std::vector<Figure> Published(const ProtectedPeriod& p) {
  std::vector<Figure> v{p.total};
  for (const auto& b : p.breakdowns)
    v.insert(v.end(), b.figures.begin(), b.figures.end());
  return v;
}

// ---- Attacker 1: exact enumeration of one period ----

// The bounds a mark gives, capped (a value above the cap is not needed to
// show that a figure has two possible values).
Interval Capped(const Figure& f, int64_t cap) {
  if (f.suppression == Suppression::kPrimary) return {1, kT - 1};
  if (f.suppression == Suppression::kComplementary) return {kT, cap};
  return {f.value, f.value};
}

// Sums reachable by choosing each of `bounds` within its interval.
std::vector<bool> Reachable(const std::vector<Interval>& bounds, int64_t cap) {
  std::vector<bool> reach(cap + 1, false);
  reach[0] = true;
  for (const Interval& b : bounds) {
    std::vector<bool> next(cap + 1, false);
    for (int64_t s = 0; s <= cap; ++s)
      if (reach[s])
        for (int64_t v = b.low; v <= b.high && s + v <= cap; ++v)
          next[s + v] = true;
    reach = std::move(next);
  }
  return reach;
}

// For every figure, up to two distinct values consistent with everything
// published (flattened as AttackerIntervals lists them).
std::vector<std::vector<int64_t>> Enumerate(const ProtectedPeriod& p,
                                            int64_t cap) {
  std::vector<std::vector<Interval>> dims;
  for (const auto& b : p.breakdowns) {
    if (b.withheld) continue;
    std::vector<Interval> bounds;
    for (const Figure& f : b.figures) bounds.push_back(Capped(f, cap));
    dims.push_back(bounds);
  }
  size_t n = 1;
  for (const auto& d : dims) n += d.size();
  std::vector<std::vector<int64_t>> seen(n);
  auto note = [&](size_t k, int64_t v) {
    auto& s = seen[k];
    if (s.size() < 2 && std::find(s.begin(), s.end(), v) == s.end())
      s.push_back(v);
  };
  const Interval t = Capped(p.total, cap);
  for (int64_t total = t.low; total <= t.high; ++total) {
    bool feasible = true;
    for (const auto& d : dims) feasible = feasible && Reachable(d, cap)[total];
    if (!feasible) continue;
    note(0, total);
    size_t k = 1;
    for (const auto& d : dims) {
      for (size_t i = 0; i < d.size(); ++i, ++k) {
        std::vector<Interval> others = d;
        others.erase(others.begin() + static_cast<long>(i));
        const std::vector<bool> rest = Reachable(others, cap);
        for (int64_t v = d[i].low; v <= d[i].high && v <= total; ++v)
          if (rest[total - v]) note(k, v);
      }
    }
  }
  return seen;
}

// ---- Attacker 2: pairs and triples of relations, interval propagation ----

struct Var {
  int64_t low = 0, high = kUnbounded;
  bool hidden = false;
  int64_t truth = 0;
};
using Relation = std::vector<std::pair<size_t, int64_t>>;  // sum a*x = 0

// Narrows every variable of `r` from the others; true when something moved.
// The sum S = sum a*x has a range; each variable's term is 0 minus the
// range of the rest (infinite ends counted apart).
bool Narrow(const Relation& r, std::vector<Var>& vars) {
  struct Term {
    int64_t low, high;
    bool low_inf, high_inf;
  };
  std::vector<Term> terms;
  int64_t sum_low = 0, sum_high = 0;
  int low_infs = 0, high_infs = 0;
  for (const auto& [j, a] : r) {
    const Var& x = vars[j];
    const bool inf = x.high >= kUnbounded;
    Term t = a > 0 ? Term{a * x.low, inf ? 0 : a * x.high, false, inf}
                   : Term{inf ? 0 : a * x.high, a * x.low, inf, false};
    sum_low += t.low;
    sum_high += t.high;
    low_infs += t.low_inf;
    high_infs += t.high_inf;
    terms.push_back(t);
  }
  auto floor_div = [](int64_t p, int64_t q) {
    return p / q - ((p % q != 0) && ((p < 0) != (q < 0)));
  };
  auto ceil_div = [&](int64_t p, int64_t q) { return -floor_div(-p, q); };
  bool moved = false;
  for (size_t i = 0; i < r.size(); ++i) {
    const auto& [k, a] = r[i];
    const Term& t = terms[i];
    // The rest lies in [rest_low, rest_high]; a*x = -rest.
    const bool rest_low_inf = low_infs - t.low_inf > 0;
    const bool rest_high_inf = high_infs - t.high_inf > 0;
    const int64_t rest_low = sum_low - t.low, rest_high = sum_high - t.high;
    Var& x = vars[k];
    int64_t lo = x.low, hi = x.high;
    // a*x in [-rest_high, -rest_low]
    if (a > 0) {
      if (!rest_high_inf) lo = std::max(lo, ceil_div(-rest_high, a));
      if (!rest_low_inf) hi = std::min(hi, floor_div(-rest_low, a));
    } else {
      if (!rest_low_inf) lo = std::max(lo, ceil_div(-rest_low, a));
      if (!rest_high_inf) hi = std::min(hi, floor_div(-rest_high, a));
    }
    if (lo != x.low || hi != x.high) {
      x.low = lo;
      x.high = hi;
      moved = true;
    }
  }
  return moved;
}

Relation Combine(const std::vector<const Relation*>& rs,
                 const std::vector<int64_t>& signs) {
  std::vector<std::pair<size_t, int64_t>> acc;
  for (size_t i = 0; i < rs.size(); ++i)
    for (const auto& [k, a] : *rs[i]) {
      auto it = std::find_if(acc.begin(), acc.end(),
                             [&](const auto& e) { return e.first == k; });
      if (it == acc.end())
        acc.push_back({k, signs[i] * a});
      else
        it->second += signs[i] * a;
    }
  Relation out;
  for (const auto& e : acc)
    if (e.second != 0) out.push_back(e);
  return out;
}

// Every relation, and every sum and difference of two or three of them
// that share a figure.
std::vector<Relation> PairsAndTriples(const std::vector<Relation>& base) {
  std::vector<Relation> all = base;
  auto share = [](const Relation& a, const Relation& b) {
    for (const auto& [k, x] : a)
      for (const auto& [j, y] : b)
        if (k == j) return true;
    return false;
  };
  const size_t n = base.size();
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) {
      if (!share(base[i], base[j])) continue;
      for (int64_t s : {1, -1})
        all.push_back(Combine({&base[i], &base[j]}, {1, s}));
      for (size_t k = j + 1; k < n; ++k) {
        if (!share(base[i], base[k]) && !share(base[j], base[k])) continue;
        for (int64_t s : {1, -1})
          for (int64_t u : {1, -1})
            all.push_back(Combine({&base[i], &base[j], &base[k]}, {1, s, u}));
      }
    }
  return all;
}

void Propagate(const std::vector<Relation>& relations, std::vector<Var>& vars) {
  for (int round = 0; round < 50; ++round) {
    bool moved = false;
    for (const Relation& r : relations) moved |= Narrow(r, vars);
    if (!moved) return;
  }
}

// A funder's view of a whole stream as variables and relations: every
// released quarter and the sums over them.
struct System {
  std::vector<Var> vars;
  std::vector<Relation> relations;
};

size_t AddVar(System& s, const Figure& f, int64_t truth, bool sum) {
  Var v{f.value, f.value, f.hidden(), truth};
  if (f.suppression == Suppression::kPrimary) v = {1, kT - 1, true, truth};
  if (f.suppression == Suppression::kComplementary)
    v = {sum ? 1 : kT, kUnbounded, true, truth};
  s.vars.push_back(v);
  return s.vars.size() - 1;
}

// ---- The tests ----

TEST(ReleaseProtectionTest,
     MarksSmallCountsPrimaryAndTheirProtectorsComplementary) {
  PeriodCounts c{
      12, {{"community", {"roma", "disabled", "not_recorded"}, {3, 9, 0}}}};
  ProtectedPeriod p = ProtectPeriod(c);
  ASSERT_EQ(p.breakdowns.size(), 1u);
  const auto& f = p.breakdowns[0].figures;
  EXPECT_EQ(f[0].suppression, Suppression::kPrimary);
  EXPECT_EQ(f[0].value, 0);
  // 9 is hidden only to protect the 3: never called "fewer than 5".
  EXPECT_EQ(f[1].suppression, Suppression::kComplementary);
  EXPECT_EQ(f[2].suppression, Suppression::kNone);
  EXPECT_EQ(p.total.value, 12);
  EXPECT_TRUE(IsSafe(p));
}

TEST(ReleaseProtectionTest, HidesTheTotalInEveryDimensionAtOnceOrInNone) {
  // In one dimension the 2 has no published partner but the total; the
  // total hidden there would be readable from the other dimension unless
  // that one hides a group too.
  PeriodCounts c{14,
                 {{"community", {"roma", "not_recorded"}, {2, 12}},
                  {"borough", {"hackney", "newham"}, {7, 7}}}};
  ProtectedPeriod p = ProtectPeriod(c);
  EXPECT_TRUE(IsSafe(p));
  const auto iv = AttackerIntervals(p);
  EXPECT_LT(iv[1].low, iv[1].high);  // the 2
}

TEST(ReleaseProtectionTest,
     AComplementaryFigureNextToAOneIsNotPinnedByItsMark) {
  // 1 + 5 = 6 with 6 published: "<5" and "[c] >= 5" would pin both.
  PeriodCounts c{6, {{"community", {"roma", "other"}, {1, 5}}}};
  ProtectedPeriod p = ProtectPeriod(c);
  EXPECT_TRUE(IsSafe(p));
}

TEST(ReleaseProtectionTest, WithholdsABreakdownTheMarksWouldGiveAway) {
  // Four groups of 1 in a total of 4: "<5" each and a "<5" total pins every
  // group at 1, whatever else is hidden.
  PeriodCounts c{4, {{"community", {"a", "b", "c", "d"}, {1, 1, 1, 1}}}};
  ProtectedPeriod p = ProtectPeriod(c);
  EXPECT_TRUE(p.breakdowns[0].withheld);
  EXPECT_TRUE(p.breakdowns[0].figures.empty());
  EXPECT_EQ(p.total.suppression, Suppression::kPrimary);
  EXPECT_TRUE(IsSafe(p));
}

TEST(ReleaseProtectionTest, RefusesBadCounts) {
  EXPECT_THROW(ProtectPeriod({5, {{"community", {"a"}, {4}}}}),
               std::invalid_argument);
  EXPECT_THROW(ProtectPeriod({5, {{"community", {"a"}, {-1}}}}),
               std::invalid_argument);
  EXPECT_THROW(ProtectPeriod({5, {{"community", {"a", "b"}, {5}}}}),
               std::invalid_argument);
  EXPECT_THROW(ProtectPeriod({5, {}}, 2), std::invalid_argument);
}

TEST(ReleaseProtectionTest, SumsOverQuartersPublishOnlyWhatEveryPartPublishes) {
  ProtectedPeriod q1 = ProtectPeriod({12, {{"c", {"a", "b"}, {3, 9}}}});
  ProtectedPeriod q2 = ProtectPeriod({20, {{"c", {"a", "b"}, {10, 10}}}});
  ProtectedPeriod all = SumPeriods({q1, q2});
  EXPECT_EQ(all.total.value, 32);
  EXPECT_EQ(all.breakdowns[0].figures[0].suppression,
            Suppression::kComplementary);  // 3 + 10: hidden, not "<5"
  EXPECT_EQ(all.breakdowns[0].figures[1].suppression,
            Suppression::kComplementary);
  ProtectedPeriod one =
      SumPeriods({q1, ProtectPeriod({0, {{"c", {"a"}, {0}}}})});
  EXPECT_EQ(one.breakdowns[0].figures[0].suppression, Suppression::kPrimary);
}

// The attack from issue #14, tried live: a funder with three small grants
// read all-time figures and a quarter's, and subtracted. All-time figures are
// now sums of released quarters, so the difference is the other quarter's
// release, hidden cells and all.
TEST(ReleaseProtectionTest, SubtractingAQuarterFromAllTimeRevealsNothing) {
  PeriodCounts q1{14, {{"borough", {"hackney", "newham", "brent"}, {3, 4, 7}}}};
  PeriodCounts q2{9, {{"borough", {"hackney", "newham", "brent"}, {2, 0, 7}}}};
  ProtectedPeriod p1 = ProtectPeriod(q1), p2 = ProtectPeriod(q2);
  ProtectedPeriod all = SumPeriods({p1, p2});
  for (size_t i = 0; i < 3; ++i) {
    const Figure &a = all.breakdowns[0].figures[i],
                 &x = p1.breakdowns[0].figures[i];
    if (x.hidden()) {
      EXPECT_TRUE(a.hidden()) << i;
    }
  }
  EXPECT_TRUE(IsSafe(p1));
  EXPECT_TRUE(IsSafe(p2));
}

TEST(ReleaseProtectionTest,
     NoAttackerRecoversAHiddenCountFromRandomStreamsOfReleasedQuarters) {
  std::mt19937 rng(20261204);
  int hidden_seen = 0, withheld_seen = 0;
  for (int stream = 0; stream < 150; ++stream) {
    const int quarters = 1 + static_cast<int>(rng() % 4);
    const std::vector<Report> reports =
        RandomStream(rng, quarters, 1 + static_cast<int>(rng() % 10));
    System sys;
    std::vector<ProtectedPeriod> released;
    std::vector<PeriodCounts> truth;
    std::vector<std::vector<size_t>> ids;  // per quarter, flattened figures
    std::map<std::string, std::vector<size_t>> parts;  // "dim/code" -> vars
    for (int q = 0; q < quarters; ++q) {
      PeriodCounts c = QuarterCounts(reports, q);
      ProtectedPeriod p = ProtectPeriod(c);
      ASSERT_TRUE(IsSafe(p)) << stream << "/" << q;
      // Attacker 1, exact: every hidden figure has two possible values,
      // and the truth is one of the possibilities.
      const std::vector<int64_t> real = TrueFigures(c, p);
      const std::vector<Figure> shown = Published(p);
      const auto possible = Enumerate(p, c.total + 3 * kT);
      const auto intervals = AttackerIntervals(p);
      for (size_t k = 0; k < shown.size(); ++k) {
        EXPECT_LE(intervals[k].low, real[k]);
        EXPECT_GE(intervals[k].high, real[k]);
        if (!shown[k].hidden()) continue;
        ++hidden_seen;
        EXPECT_EQ(possible[k].size(), 2u)
            << "stream " << stream << " quarter " << q << " figure " << k;
      }
      // The relations a funder knows: each dimension adds up to the total.
      std::vector<size_t> v{AddVar(sys, p.total, c.total, false)};
      for (size_t d = 0; d < p.breakdowns.size(); ++d) {
        if (p.breakdowns[d].withheld) {
          ++withheld_seen;
          continue;
        }
        Relation line{{v[0], -1}};
        for (size_t i = 0; i < p.breakdowns[d].figures.size(); ++i) {
          v.push_back(AddVar(sys, p.breakdowns[d].figures[i],
                             c.breakdowns[d].counts[i], false));
          line.push_back({v.back(), 1});
          parts[p.breakdowns[d].dimension + "/" + p.breakdowns[d].codes[i]]
              .push_back(v.back());
        }
        sys.relations.push_back(line);
      }
      released.push_back(p);
      truth.push_back(c);
      ids.push_back(v);
    }
    // The all-time figures a funder reads: sums of the released quarters,
    // each related to its parts.
    ProtectedPeriod all = SumPeriods(released);
    int64_t all_total = 0;
    for (const auto& c : truth) all_total += c.total;
    Relation total_sum{{AddVar(sys, all.total, all_total, true), -1}};
    for (const auto& v : ids) total_sum.push_back({v[0], 1});
    sys.relations.push_back(total_sum);
    for (const auto& b : all.breakdowns) {
      for (size_t i = 0; i < b.figures.size(); ++i) {
        const auto& of = parts[b.dimension + "/" + b.codes[i]];
        int64_t truth_sum = 0;
        for (size_t id : of) truth_sum += sys.vars[id].truth;
        Relation sum{{AddVar(sys, b.figures[i], truth_sum, true), -1}};
        for (size_t id : of) sum.push_back({id, 1});
        sys.relations.push_back(sum);
      }
    }
    // Attacker 2: pairs and triples of every relation, narrowed to a fixed
    // point. Nothing hidden may come out pinned, or wrong.
    Propagate(PairsAndTriples(sys.relations), sys.vars);
    for (size_t k = 0; k < sys.vars.size(); ++k) {
      const Var& x = sys.vars[k];
      EXPECT_LE(x.low, x.truth) << stream;
      EXPECT_GE(x.high, x.truth) << stream;
      if (x.hidden) {
        EXPECT_LT(x.low, x.high) << "stream " << stream << " variable " << k;
      }
    }
  }
  EXPECT_GT(hidden_seen, 100);  // the streams do exercise suppression
  (void)withheld_seen;
}

TEST(ReleaseProtectionTest, AReleaseDoesNotChangeWhenALaterReportIsAccepted) {
  std::mt19937 rng(7);
  std::vector<Report> reports = RandomStream(rng, 2, 6);
  for (auto& r : reports) r.quarter = 0;
  ProtectedPeriod before = ProtectPeriod(QuarterCounts(reports, 0));
  Report late;
  late.quarter = 1;
  late.total = 3;
  for (size_t d = 0; d < 4; ++d) late.parts[d].assign(kCodesPerDim[d], 0);
  late.parts[1][0] = 3;
  reports.push_back(late);
  ProtectedPeriod after = ProtectPeriod(QuarterCounts(reports, 0));
  const auto a = Published(before), b = Published(after);
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].value, b[k].value);
    EXPECT_EQ(a[k].suppression, b[k].suppression);
  }
}

}  // namespace
}  // namespace grants::reach
