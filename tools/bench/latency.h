// Latency samples and their percentiles, merged across client threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace grants::bench {

struct Summary {
  int64_t ops = 0;
  int64_t errors = 0;
  double seconds = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  double throughput() const { return seconds > 0 ? ops / seconds : 0; }
  // "1234 ops  411.3 ops/s  p50 ... errors 0", counting `unit`s, with
  // latencies to `decimals` places.
  std::string Line(std::string_view unit = "ops", int decimals = 1) const;
};

// Per-thread recorder; merge them with Summarise.
struct Samples {
  std::vector<double> ms;
  int64_t errors = 0;
};

Summary Summarise(const std::vector<Samples>& per_thread, double seconds);

}  // namespace grants::bench
