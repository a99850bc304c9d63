// Runs a benchmark's clients: one thread each, a common start, a fixed
// duration, one latency sample per successful operation; or one client's
// fixed number of calls in sequence.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "tools/bench/latency.h"

namespace grants::bench {

// One operation of a client: its status, or nullopt when the client has no
// work left (it then stops; the others go on).
using Op = std::function<std::optional<absl::Status>()>;

// Starts `clients` threads; thread i calls prepare(i) (untimed: channels,
// tokens) and, once every thread is ready, calls the returned Op until
// `duration` has passed. Counts failed operations as errors and prints the
// first three of each thread to stderr as "<label> error: <status>".
Summary Drive(int clients, absl::Duration duration, const std::string& label,
              const std::function<Op(int)>& prepare);

// One operation of an asynchronous client: starts it and returns at once,
// then calls `done` (on any thread) with its status, or at once with nullopt
// when the client has no work left.
using Done = std::function<void(std::optional<absl::Status>)>;
using AsyncOp = std::function<void(Done done)>;

// Drive for asynchronous clients: prepare(i) runs on a thread of its own
// (untimed), then every client keeps one operation in flight until
// `duration` has passed, with no thread of its own: completions start the
// next operation, so the load generator spends its CPU on calls rather than
// on switching between blocked threads.
Summary DriveAsync(int clients, absl::Duration duration,
                   const std::string& label,
                   const std::function<AsyncOp(int)>& prepare);

// Calls call(i) for i = 0 .. count-1 in sequence on this thread, timing
// each; failed calls count as errors (the first three printed to stderr as
// "<label> error: <status>").
Summary Sequential(int count, const std::string& label,
                   const std::function<absl::Status(int)>& call);

}  // namespace grants::bench
