// A fixed set of threads that run queued jobs in order of arrival. The
// server runs every RPC's body on one, so the threads that block on
// PostgreSQL are exactly as many as the connections they can use.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace grants {

class WorkerPool {
 public:
  // Starts `threads` workers; at most `max_queued` jobs wait for one.
  WorkerPool(int threads, size_t max_queued);
  // Runs every job already queued, then joins the workers.
  ~WorkerPool();

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job`; false (and `job` dropped) when the queue is full.
  bool Post(std::function<void()> job);

 private:
  void Work();

  const size_t max_queued_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace grants
