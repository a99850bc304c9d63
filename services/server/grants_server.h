// The composition root: builds the storage, the areas' services and
// handlers, and the gRPC server (TLS, health, reflection) from a config.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <grpcpp/server.h>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "services/common/metrics.h"
#include "services/server/config.h"

namespace grants::server {

class GrantsServer {
 public:
  // Connects the pool, builds the hosted services and starts listening.
  // `metrics` may be null. Errors: UNAVAILABLE when the database cannot be
  // reached, INVALID_ARGUMENT CONFIG_INVALID when the address cannot be
  // bound.
  static absl::StatusOr<std::unique_ptr<GrantsServer>> Start(
      const ServerConfig& config, const ServerSecrets& secrets,
      const Clock& clock, Metrics* metrics);
  ~GrantsServer();

  // The port actually bound (useful with "127.0.0.1:0").
  int port() const { return port_; }
  // Stops accepting calls, lets in-flight calls finish within `grace`, then
  // stops the background sealer. Idempotent.
  void Shutdown(absl::Duration grace);
  // Seals pending audit events now (tests; the background loop does this).
  absl::Status SealAuditNow();
  // Runs the reminder sweep and delivers waiting messages now (tests; the
  // background loop does this when a spool directory is configured).
  // FAILED_PRECONDITION when no spool directory is.
  absl::Status RunOutboxNow();
  // Runs the retention sweep now at the server's clock, `batch` records a
  // transaction, stopping after `max_batches` (0: none) (tests; the
  // background loop does this). FAILED_PRECONDITION without the
  // organisations service.
  absl::Status SweepRetentionNow(int batch = 200, int max_batches = 0);

  // The services and handlers this process hosts (defined in the .cc).
  struct Parts;

 private:
  GrantsServer() = default;
  void SealLoop(absl::Duration interval);
  void OutboxLoop(absl::Duration interval);
  void RetentionLoop(absl::Duration interval);
  // Pings the database every `interval` and sets the health service
  // NOT_SERVING while it cannot be reached (or is read-only), SERVING when
  // it is back, so a load balancer routes around this server meanwhile.
  void ProbeLoop(absl::Duration interval);
  // Runs `step` after every `interval` until Shutdown.
  void Every(absl::Duration interval, const std::function<void()>& step);

  std::unique_ptr<Parts> parts_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  Metrics* metrics_ = nullptr;
  const Clock* clock_ = nullptr;
  std::thread sealer_;
  std::thread outbox_;
  std::thread retention_;
  std::thread prober_;
  std::mutex mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
};

}  // namespace grants::server
