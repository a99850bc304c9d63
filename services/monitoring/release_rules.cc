// Pure rules of reach releases.
#include "services/monitoring/release_rules.h"

#include <algorithm>
#include <cstdio>
#include <regex>
#include <tuple>

#include "common/london_time.h"
#include "services/monitoring/release_errors.h"

namespace grants::monitoring {
namespace {

constexpr char kNotRecorded[] = "not_recorded";

int64_t MeasureOf(const ReachCount& c, std::string_view measure) {
  return measure == "reached" ? c.reached : c.supported;
}

reach::Figure FigureAt(const reach::ProtectedBreakdown& b,
                       const std::string& code) {
  for (size_t i = 0; i < b.codes.size(); ++i)
    if (b.codes[i] == code) return b.figures[i];
  return {};  // no report placed anyone there: a true 0
}

// Every code of the breakdown in either measure, ordered by what is
// published: largest first (hidden count as 0), then code, not_recorded
// last.
std::vector<std::string> RowOrder(const reach::ProtectedBreakdown* a,
                                  const reach::ProtectedBreakdown* b) {
  std::vector<std::string> codes;
  for (const auto* br : {a, b})
    if (br)
      for (const auto& c : br->codes)
        if (std::find(codes.begin(), codes.end(), c) == codes.end())
          codes.push_back(c);
  auto key = [&](const std::string& c) {
    int64_t shown = 0;
    if (a) shown = std::max(shown, FigureAt(*a, c).value);
    return std::tuple(c == kNotRecorded, -shown, c);
  };
  std::sort(codes.begin(), codes.end(),
            [&](const auto& x, const auto& y) { return key(x) < key(y); });
  return codes;
}

const reach::ProtectedBreakdown* BreakdownOf(const reach::ProtectedPeriod& p,
                                             const std::string& dimension) {
  for (const auto& b : p.breakdowns)
    if (b.dimension == dimension) return &b;
  return nullptr;
}

void Set(const reach::Figure& f, int64_t* value, bool* suppressed,
         reach::Suppression* why) {
  *value = f.value;
  *suppressed = f.hidden();
  *why = f.suppression;
}

}  // namespace

absl::StatusOr<QuarterSpan> SpanOf(std::string_view field,
                                   const std::string& quarter) {
  static const std::regex kQuarter("^([0-9]{4})-Q([1-4])$");
  std::smatch m;
  if (!std::regex_match(quarter, m, kQuarter) || m[1].str() < "1970")
    return release_errors::PeriodInvalid(field);
  const int year = std::stoi(m[1].str()), q = std::stoi(m[2].str());
  auto first_day = [](int y, int month) {
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-01T00:00", y, month);
    return ParseLondonLocal("quarter", text);
  };
  ASSIGN_OR_RETURN(absl::Time start, first_day(year, 3 * q - 2));
  ASSIGN_OR_RETURN(absl::Time end, q == 4 ? first_day(year + 1, 1)
                                          : first_day(year, 3 * q + 1));
  return QuarterSpan{start, end};
}

bool CanRelease(const QuarterSpan& span, absl::Time now) {
  return now >= span.end + kReleaseGrace;
}

reach::PeriodCounts CountsOf(const std::vector<ReachCount>& counts,
                             std::string_view measure) {
  reach::PeriodCounts out;
  for (const ReachCount& c : counts)
    if (c.dimension.empty()) out.total = MeasureOf(c, measure);
  for (std::string_view dimension : kReleaseDimensions) {
    reach::Breakdown b{std::string(dimension), {}, {}};
    int64_t placed = 0;
    for (const ReachCount& c : counts) {
      if (c.dimension != dimension) continue;
      b.codes.push_back(c.code);
      b.counts.push_back(MeasureOf(c, measure));
      placed += b.counts.back();
    }
    b.codes.push_back(kNotRecorded);
    b.counts.push_back(out.total - placed);
    out.breakdowns.push_back(std::move(b));
  }
  return out;
}

void AppendFigures(const reach::ProtectedPeriod& period,
                   std::string_view measure, const std::string& quarter,
                   std::vector<ReleasedFigure>* figures,
                   std::vector<std::string>* withheld) {
  const std::string m(measure);
  figures->push_back(
      {quarter, m, "", "", period.total.value, period.total.suppression});
  for (const auto& b : period.breakdowns) {
    if (b.withheld) withheld->push_back(m + "/" + b.dimension);
    for (size_t i = 0; i < b.figures.size(); ++i)
      figures->push_back({quarter, m, b.dimension, b.codes[i],
                          b.figures[i].value, b.figures[i].suppression});
  }
}

ReleasedPeriods PeriodsOf(const std::vector<ReachRelease>& releases,
                          const std::vector<ReleasedFigure>& figures,
                          const std::string& dimension) {
  ReleasedPeriods out;
  for (const ReachRelease& r : releases) {
    for (std::string_view measure : kMeasures) {
      const std::string m(measure);
      reach::ProtectedPeriod& p = out[r.quarter][m];
      if (dimension.empty()) continue;
      const bool withheld = std::find(r.withheld.begin(), r.withheld.end(),
                                      m + "/" + dimension) != r.withheld.end();
      p.breakdowns.push_back({dimension, withheld, {}, {}});
    }
  }
  for (const ReleasedFigure& f : figures) {
    auto q = out.find(f.quarter);
    if (q == out.end()) continue;
    reach::ProtectedPeriod& p = q->second[f.measure];
    const reach::Figure figure{f.value, f.suppression};
    if (f.dimension.empty()) {
      p.total = figure;
    } else if (!p.breakdowns.empty() && !p.breakdowns[0].withheld) {
      p.breakdowns[0].codes.push_back(f.code);
      p.breakdowns[0].figures.push_back(figure);
    }
  }
  return out;
}

ReachSummary ReleasedSummary(const ReachKey& key,
                             const ReleasedPeriods& periods) {
  ReachSummary s{.key = key, .disclosure_controlled = true};
  std::map<std::string, reach::ProtectedPeriod> sums;
  for (std::string_view measure : kMeasures) {
    std::vector<reach::ProtectedPeriod> parts;
    for (const auto& [quarter, by_measure] : periods) {
      if (!key.period.empty() && quarter != key.period) continue;
      parts.push_back(by_measure.at(std::string(measure)));
    }
    sums[std::string(measure)] = reach::SumPeriods(parts, kReleaseThreshold);
  }
  for (const auto& [quarter, by_measure] : periods)
    if (key.period.empty() || quarter == key.period)
      s.released_quarters.push_back(quarter);
  const auto &supported = sums["supported"], &reached = sums["reached"];
  s.total.code = "";
  Set(supported.total, &s.total.supported, &s.total.supported_suppressed,
      &s.total.supported_suppression);
  Set(reached.total, &s.total.reached, &s.total.reached_suppressed,
      &s.total.reached_suppression);
  if (key.dimension.empty()) return s;
  const auto* a = BreakdownOf(supported, key.dimension);
  const auto* b = BreakdownOf(reached, key.dimension);
  s.supported_withheld = a && a->withheld;
  s.reached_withheld = b && b->withheld;
  const reach::Figure hidden{0, reach::Suppression::kComplementary};
  for (const std::string& code : RowOrder(a, b)) {
    ReachRow row{.code = code};
    Set(s.supported_withheld || !a ? hidden : FigureAt(*a, code),
        &row.supported, &row.supported_suppressed, &row.supported_suppression);
    Set(s.reached_withheld || !b ? hidden : FigureAt(*b, code), &row.reached,
        &row.reached_suppressed, &row.reached_suppression);
    s.rows.push_back(row);
  }
  return s;
}

reach::Figure ActualOf(const reach::ProtectedPeriod& period,
                       const std::string& community) {
  if (community.empty()) return period.total;
  const auto* b = BreakdownOf(period, "community");
  if (!b || b->withheld) return {0, reach::Suppression::kComplementary};
  return FigureAt(*b, community);
}

}  // namespace grants::monitoring
