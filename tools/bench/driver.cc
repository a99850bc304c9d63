// The client threads of a run; the clock starts when all are ready, so
// their set-up stays out of the figures. And a single client's sequence.
#include "tools/bench/driver.h"

#include <fmt/format.h>

#include <chrono>
#include <latch>
#include <thread>
#include <vector>

namespace grants::bench {
namespace {

using Clock = std::chrono::steady_clock;

double MillisSince(Clock::time_point begin) {
  return std::chrono::duration<double, std::milli>(Clock::now() - begin)
      .count();
}

// Counts a failure in `s`, printing the first three.
void CountError(Samples& s, const std::string& label, const absl::Status& e) {
  if (++s.errors <= 3)
    fmt::print(stderr, "{} error: {}\n", label, e.ToString());
}

}  // namespace

Summary Drive(int clients, absl::Duration duration, const std::string& label,
              const std::function<Op(int)>& prepare) {
  std::vector<Samples> samples(static_cast<size_t>(clients));
  std::vector<std::thread> threads;
  std::latch ready(clients + 1), go(1);
  Clock::time_point stop_at;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&, i] {
      Op op = prepare(i);
      ready.count_down();
      go.wait();
      Samples& mine = samples[static_cast<size_t>(i)];
      while (Clock::now() < stop_at) {
        auto begin = Clock::now();
        std::optional<absl::Status> done = op();
        if (!done) break;
        if (!done->ok()) {
          CountError(mine, label, *done);
          continue;
        }
        mine.ms.push_back(MillisSince(begin));
      }
    });
  }
  ready.arrive_and_wait();
  auto started = Clock::now();
  stop_at = started + absl::ToChronoMilliseconds(duration);
  go.count_down();
  for (auto& th : threads) th.join();
  return Summarise(
      samples, std::chrono::duration<double>(Clock::now() - started).count());
}

Summary Sequential(int count, const std::string& label,
                   const std::function<absl::Status(int)>& call) {
  std::vector<Samples> samples(1);
  auto started = Clock::now();
  for (int i = 0; i < count; ++i) {
    auto begin = Clock::now();
    absl::Status s = call(i);
    if (s.ok())
      samples[0].ms.push_back(MillisSince(begin));
    else
      CountError(samples[0], label, s);
  }
  return Summarise(samples, MillisSince(started) / 1000);
}

}  // namespace grants::bench
