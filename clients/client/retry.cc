// CallWithRetry: capped, jittered exponential backoff on UNAVAILABLE.
#include "clients/client/retry.h"

#include <grpc/grpc.h>
#include <grpcpp/support/channel_arguments.h>

#include <algorithm>
#include <random>
#include <thread>

namespace grants::client {

grpc::Status CallWithRetry(
    const std::function<std::unique_ptr<grpc::ClientContext>()>& new_context,
    const std::function<grpc::Status(grpc::ClientContext*)>& rpc,
    const RetryPolicy& policy,
    const std::function<void(absl::Duration)>& sleep) {
  thread_local std::minstd_rand random(std::random_device{}());
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  absl::Duration backoff = policy.first_backoff;
  grpc::Status status;
  for (int attempt = 1;; ++attempt) {
    std::unique_ptr<grpc::ClientContext> context = new_context();
    // After a refusal the channel may still be in its reconnect backoff,
    // where a call fails at once: a retry waits (within its deadline) for
    // the connection instead.
    if (attempt > 1) context->set_wait_for_ready(true);
    status = rpc(context.get());
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE ||
        attempt >= policy.attempts)
      return status;
    absl::Duration wait = backoff * jitter(random);
    if (sleep)
      sleep(wait);
    else
      std::this_thread::sleep_for(absl::ToChronoMicroseconds(wait));
    backoff = std::min(backoff * 2, policy.max_backoff);
  }
}

grpc::ChannelArguments QuickReconnectArguments() {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  // Not GRPC_ARG_MIN_RECONNECT_BACKOFF_MS: gRPC takes it as the minimum
  // time a connection attempt may take (default 20 s), and a short one cuts
  // off a TLS handshake on a busy machine.
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  return args;
}

}  // namespace grants::client
