// Unit tests of the worker pool that runs RPC bodies.
#include "services/common/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace grants {
namespace {

TEST(WorkerPoolTest, RunsEveryPostedJob) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(3, 1000);
    for (int i = 0; i < 500; ++i) ASSERT_TRUE(pool.Post([&] { ++ran; }));
  }  // the destructor runs what is still queued
  EXPECT_EQ(ran.load(), 500);
}

TEST(WorkerPoolTest, RefusesJobsBeyondTheQueueLimitWhileWorkersAreBusy) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  std::atomic<int> ran{0};
  WorkerPool pool(1, 2);
  ASSERT_TRUE(pool.Post([&] {
    started.set_value();
    released.wait();
    ++ran;
  }));
  started.get_future().wait();  // the one worker is busy; the queue is empty
  EXPECT_TRUE(pool.Post([&] { ++ran; }));
  EXPECT_TRUE(pool.Post([&] { ++ran; }));
  EXPECT_FALSE(pool.Post([&] { ++ran; }));
  release.set_value();
  // Once the worker drains the queue, jobs are accepted again.
  while (!pool.Post([&] { ++ran; })) std::this_thread::yield();
  while (ran.load() < 4) std::this_thread::yield();
  EXPECT_EQ(ran.load(), 4);
}

TEST(WorkerPoolTest, RunsJobsOnAsManyThreadsAsConfigured) {
  constexpr int kThreads = 4;
  std::atomic<int> inside{0}, most{0};
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  WorkerPool pool(kThreads, 100);
  for (int i = 0; i < kThreads * 2; ++i)
    pool.Post([&] {
      int now = ++inside;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {}
      released.wait();
      --inside;
    });
  while (most.load() < kThreads) std::this_thread::yield();
  release.set_value();
  EXPECT_EQ(most.load(), kThreads);
}

}  // namespace
}  // namespace grants
