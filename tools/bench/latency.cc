// Percentiles by sorting all samples (a run holds at most a few 100k).
#include "tools/bench/latency.h"

#include <fmt/format.h>

#include <algorithm>

namespace grants::bench {

std::string Summary::Line(std::string_view unit, int decimals) const {
  return fmt::format("{:>7} {}  {:>8.1f} {}/s  p50 {:.{}f} ms  p99 {:.{}f} ms  "
                     "max {:.{}f} ms  errors {}",
                     ops, unit, throughput(), unit, p50_ms, decimals, p99_ms,
                     decimals, max_ms, decimals, errors);
}

Summary Summarise(const std::vector<Samples>& per_thread, double seconds) {
  std::vector<double> all;
  Summary s;
  for (const auto& t : per_thread) {
    all.insert(all.end(), t.ms.begin(), t.ms.end());
    s.errors += t.errors;
  }
  s.ops = static_cast<int64_t>(all.size());
  s.seconds = seconds;
  if (all.empty()) return s;
  std::sort(all.begin(), all.end());
  auto at = [&](double q) {
    return all[std::min(all.size() - 1, static_cast<size_t>(q * all.size()))];
  };
  s.p50_ms = at(0.50);
  s.p99_ms = at(0.99);
  s.max_ms = all.back();
  return s;
}

}  // namespace grants::bench
