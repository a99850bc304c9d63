// The one path every RPC takes: queue the call for a worker, authenticate,
// authorize against the policy table, check the idempotency key, run the use
// case, convert the status, log one JSON line and record metrics. Handlers
// are a few lines around it.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <string_view>

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include "absl/status/status.h"
#include "common/caller.h"
#include "common/clock.h"
#include "services/common/token.h"
#include "services/common/worker_pool.h"

namespace grants {

class Metrics;

class RpcRunner {
 public:
  // Records that an authenticated caller was refused (PERMISSION_DENIED):
  // the call's context, the record it named (or ""), and the refusal.
  using RefusalAuditor = std::function<void(
      const RequestContext&, const std::string& entity_id, const absl::Status&)>;

  // Records a person the first time one of their tokens is verified (the
  // people directory: powers go only to people known in that role).
  using PersonRecorder = std::function<void(const Caller&)>;

  // Whether a grantee's session token (by its SHA-256 in hex) was revoked
  // by signing out; an error when that cannot be told (the call is then
  // refused, never let through).
  using RevocationCheck =
      std::function<absl::StatusOr<bool>(const std::string& token_sha256_hex)>;

  // Bodies run on `workers`; requests over `max_request_bytes` are refused.
  // `metrics`, `on_refusal`, `on_person` and `revoked` may be null (tests).
  RpcRunner(TokenVerifier tokens, const Clock& clock, Metrics* metrics,
            WorkerPool& workers, size_t max_request_bytes,
            RefusalAuditor on_refusal = nullptr,
            PersonRecorder on_person = nullptr,
            RevocationCheck revoked = nullptr);

  // Drops `token` from the verified-token cache (after signing it out).
  void Forget(std::string_view token) const;

  using Body = std::function<absl::Status(const RequestContext&)>;

  // Queues the RPC named `full_method` (a string literal, e.g.
  // "/grants.v1.FundingService/CreateFund") for a worker, which runs it as
  // Run() does, with the clock read on arrival as the call's "now", and
  // finishes the returned reactor. `request` and whatever `body` points to
  // must live until then (gRPC keeps a callback's request and response
  // until it finishes). A call without valid credentials is refused before
  // it is queued (UNAUTHENTICATED); UNAVAILABLE SERVER_BUSY when the queue
  // is full.
  grpc::ServerUnaryReactor* Dispatch(grpc::CallbackServerContext* context,
                                     std::string_view full_method,
                                     const google::protobuf::Message& request,
                                     Body body) const;

  // Runs `body` for the RPC named `full_method` on this thread, its
  // RequestContext's `now` being `arrived` (default: the clock now). Errors
  // before the body: CANCELLED (CALL_CANCELLED) or DEADLINE_EXCEEDED
  // (DEADLINE_PASSED) when the client gave up while the call waited,
  // UNAUTHENTICATED (no or bad credentials), PERMISSION_DENIED (role),
  // INVALID_ARGUMENT (REQUEST_TOO_LARGE; request_id missing or malformed on
  // a mutation).
  grpc::Status Run(grpc::ServerContextBase* context,
                   std::string_view full_method,
                   const google::protobuf::Message& request, const Body& body,
                   std::optional<absl::Time> arrived = std::nullopt) const;

  // OK while the call's client still waits for it; CANCELLED or
  // DEADLINE_EXCEEDED once it gave up.
  static absl::Status StillWanted(const grpc::ServerContextBase& context);

  // Identifies the caller: a bearer token in `authorization`, else a
  // verified client certificate whose CN is "<role>/<name>" (machines;
  // only the finance role today).
  absl::StatusOr<Caller> Authenticate(
      const grpc::ServerContextBase& context) const;

 private:
  // Authenticate's work; with `remember` false (the check before queueing)
  // a verified token is neither cached nor recorded as a person.
  absl::StatusOr<Caller> Identify(const grpc::ServerContextBase& context,
                                  bool remember) const;
  // Verifies a bearer token, remembering verified ones until they expire
  // (a portal session makes many calls with one token) when `remember`.
  absl::StatusOr<Caller> VerifyBearer(std::string_view token,
                                      bool remember) const;

  TokenVerifier tokens_;
  mutable std::mutex cache_mu_;
  // A verified token, trusted until `until`: its expiry, but for a
  // grantee's token at most a few seconds, so a sign-out on another
  // grantsd reaches this one within them.
  struct Verified {
    Caller caller;
    absl::Time until;
  };
  mutable std::unordered_map<std::string, Verified> verified_;
  const Clock& clock_;
  Metrics* metrics_;
  WorkerPool& workers_;
  size_t max_request_bytes_;
  RefusalAuditor on_refusal_;
  PersonRecorder on_person_;
  RevocationCheck revoked_;
};

}  // namespace grants
