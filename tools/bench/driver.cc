// The client threads of a run; the clock starts when all are ready, so
// their set-up stays out of the figures. And a single client's sequence.
#include "tools/bench/driver.h"

#include <fmt/format.h>

#include <chrono>
#include <latch>
#include <memory>
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

namespace {

// The state of an asynchronous run. Completions hold it too, so it
// outlives the last of them, which may still be returning on a gRPC thread
// when the run's latch releases the caller.
struct AsyncRun {
  std::string label;
  std::vector<AsyncOp> ops;
  // A client's samples are written only by its own completions, one at a
  // time, each before the client's next operation starts.
  std::vector<Samples> samples;
  std::latch finished;
  Clock::time_point stop_at;
  AsyncRun(std::string l, size_t n)
      : label(std::move(l)), ops(n), samples(n),
        finished(static_cast<std::ptrdiff_t>(n)) {}
};

// Starts client i's next operation, or counts it finished.
void StartNext(const std::shared_ptr<AsyncRun>& run, size_t i) {
  if (Clock::now() >= run->stop_at) {
    run->finished.count_down();
    return;
  }
  auto begin = Clock::now();
  run->ops[i]([run, i, begin](std::optional<absl::Status> done) {
    if (!done) {
      run->finished.count_down();
      return;
    }
    if (done->ok())
      run->samples[i].ms.push_back(MillisSince(begin));
    else
      CountError(run->samples[i], run->label, *done);
    StartNext(run, i);
  });
}

}  // namespace

Summary DriveAsync(int clients, absl::Duration duration,
                   const std::string& label,
                   const std::function<AsyncOp(int)>& prepare) {
  const auto n = static_cast<size_t>(clients);
  auto run = std::make_shared<AsyncRun>(label, n);
  {
    std::vector<std::thread> threads;
    for (size_t i = 0; i < n; ++i)
      threads.emplace_back(
          [&, i] { run->ops[i] = prepare(static_cast<int>(i)); });
    for (auto& th : threads) th.join();
  }
  auto started = Clock::now();
  run->stop_at = started + absl::ToChronoMilliseconds(duration);
  for (size_t i = 0; i < n; ++i) StartNext(run, i);
  run->finished.wait();
  // The clients' channels close here rather than on a gRPC thread.
  std::vector<AsyncOp> ops = std::move(run->ops);
  return Summarise(
      run->samples,
      std::chrono::duration<double>(Clock::now() - started).count());
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
