// Retrying a call that found grantsd or its database unavailable. Every
// attempt sends the same request, so a mutation keeps its request_id: a
// retry after a reply was lost gets the original result back from the
// server's idempotency record, not a second change.
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/support/channel_arguments.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <memory>

#include "absl/time/time.h"

namespace grants::client {

struct RetryPolicy {
  // Attempts in all (1: no retry).
  int attempts = 5;
  // The wait before the second attempt, doubling after each, at most
  // `max_backoff`; each wait is jittered down to half, so many clients
  // refused at once do not come back at once.
  absl::Duration first_backoff = absl::Milliseconds(250);
  absl::Duration max_backoff = absl::Seconds(2);
};

// Runs `rpc` with a fresh context from `new_context` until it returns
// anything but UNAVAILABLE or `policy.attempts` were made, and returns the
// last status. Retries wait for the channel to connect (wait_for_ready)
// within their context's deadline. Build the request (and its request_id) once, before: `rpc`
// only sends it. `sleep` waits between attempts (tests pass a fake).
grpc::Status CallWithRetry(
    const std::function<std::unique_ptr<grpc::ClientContext>()>& new_context,
    const std::function<grpc::Status(grpc::ClientContext*)>& rpc,
    const RetryPolicy& policy = {},
    const std::function<void(absl::Duration)>& sleep = nullptr);

// The channel arguments a retrying client wants: gRPC tries to reconnect
// 100 ms after a failed connection, backing off to at most 1 s, rather than
// its default of 1-120 s (until then, calls on the channel fail at once).
grpc::ChannelArguments QuickReconnectArguments();

}  // namespace grants::client
