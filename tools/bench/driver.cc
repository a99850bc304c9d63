// The client threads of a run; the clock starts when all are ready, so
// their set-up stays out of the figures.
#include "tools/bench/driver.h"

#include <fmt/format.h>

#include <chrono>
#include <latch>
#include <thread>
#include <vector>

namespace grants::bench {

Summary Drive(int clients, absl::Duration duration, const std::string& label,
              const std::function<Op(int)>& prepare) {
  using Clock = std::chrono::steady_clock;
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
          if (++mine.errors <= 3)
            fmt::print(stderr, "{} error: {}\n", label, done->ToString());
          continue;
        }
        mine.ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - begin)
                .count());
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

}  // namespace grants::bench
