// RpcRunner: the shared request pipeline.
#include "services/common/rpc.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "common/london_time.h"
#include "common/status.h"
#include "services/common/grpc_status.h"
#include "services/common/metrics.h"
#include "services/common/policy.h"

namespace grants {
namespace {

constexpr std::string_view kBearer = "Bearer ";

absl::StatusOr<std::string> RequestIdOf(
    const google::protobuf::Message& request) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr) return Internal("mutation without request_id field");
  std::string id = request.GetReflection()->GetString(request, field);
  if (id.empty())
    return InvalidField("request_id", "REQUIRED",
                        "every change needs an idempotency key");
  bool printable = id.size() <= 128;
  for (char c : id) printable = printable && c > 0x20 && c < 0x7F;
  if (!printable)
    return InvalidField("request_id", "REQUEST_ID_INVALID",
                        "must be 1-128 printable ASCII characters");
  return id;
}

// SHA-256 of the request with its key cleared: the same key with another
// payload is then recognisable as a conflicting reuse.
std::string PayloadHash(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  if (const auto* f = copy->GetDescriptor()->FindFieldByName("request_id"))
    copy->GetReflection()->ClearField(copy.get(), f);
  std::string bytes;
  google::protobuf::io::StringOutputStream out(&bytes);
  google::protobuf::io::CodedOutputStream coded(&out);
  coded.SetSerializationDeterministic(true);
  copy->SerializeToCodedStream(&coded);
  coded.Trim();
  return Sha256(bytes);
}

std::string_view ShortMethod(std::string_view full) {
  size_t slash = full.rfind('/');
  return slash == std::string_view::npos ? full : full.substr(slash + 1);
}

// The record a request names, for the audit of a refusal.
std::string NamedRecord(const google::protobuf::Message& request) {
  const auto* d = request.GetDescriptor();
  for (const char* name : {"id", "round_id", "organisation_id", "fund_id"}) {
    const auto* f = d->FindFieldByName(name);
    if (f && f->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
      std::string v = request.GetReflection()->GetString(request, f);
      if (!v.empty()) return v.substr(0, 128);
    }
  }
  return "";
}

}  // namespace

// How long a verified grantee token is trusted before it is checked again
// against the sign-outs: the most a sign-out on another grantsd takes to
// reach this one.
constexpr absl::Duration kGranteeTokenRecheck = absl::Seconds(5);

RpcRunner::RpcRunner(TokenVerifier tokens, const Clock& clock, Metrics* metrics,
                     WorkerPool& workers, size_t max_request_bytes,
                     RefusalAuditor on_refusal, PersonRecorder on_person,
                     RevocationCheck revoked)
    : tokens_(std::move(tokens)),
      clock_(clock),
      metrics_(metrics),
      workers_(workers),
      max_request_bytes_(max_request_bytes),
      on_refusal_(std::move(on_refusal)),
      on_person_(std::move(on_person)),
      revoked_(std::move(revoked)) {}

void RpcRunner::Forget(std::string_view token) const {
  std::lock_guard lock(cache_mu_);
  verified_.erase(std::string(token));
}

absl::StatusOr<Caller> RpcRunner::VerifyBearer(std::string_view token,
                                               bool remember) const {
  constexpr size_t kMaxCached = 10000;
  absl::Time now = clock_.Now();
  std::string key(token);
  {
    std::lock_guard lock(cache_mu_);
    auto hit = verified_.find(key);
    if (hit != verified_.end()) {
      if (now <= hit->second.until) return hit->second.caller;
      verified_.erase(hit);
    }
  }
  absl::StatusOr<Caller> caller = tokens_.Verify(token, now);
  // A grantee's session may have been signed out (on any grantsd). Checked
  // by the worker, which may use the database; the check before the queue
  // only keeps anonymous traffic out.
  if (caller.ok() && remember && caller->role == Role::kGrantee && revoked_) {
    absl::StatusOr<bool> out = revoked_(ToHex(Sha256(key)));
    if (!out.ok()) return out.status();
    if (*out)
      return MakeError(absl::StatusCode::kUnauthenticated, "TOKEN_REVOKED",
                       "this session was signed out; sign in again");
  }
  if (caller.ok() && remember) {
    // Once per token, not per call: the directory learns who signed in.
    if (on_person_) on_person_(*caller);
    absl::Time until = caller->expires_at;
    if (caller->role == Role::kGrantee)
      until = std::min(until, now + kGranteeTokenRecheck);
    std::lock_guard lock(cache_mu_);
    if (verified_.size() >= kMaxCached) verified_.clear();
    verified_.emplace(std::move(key), Verified{*caller, until});
  }
  return caller;
}

absl::StatusOr<Caller> RpcRunner::Authenticate(
    const grpc::ServerContextBase& context) const {
  return Identify(context, /*remember=*/true);
}

absl::StatusOr<Caller> RpcRunner::Identify(
    const grpc::ServerContextBase& context, bool remember) const {
  const auto& md = context.client_metadata();
  auto it = md.find("authorization");
  if (it != md.end()) {
    std::string_view value(it->second.data(), it->second.size());
    if (!value.starts_with(kBearer))
      return MakeError(absl::StatusCode::kUnauthenticated, "TOKEN_MALFORMED",
                       "authorization must be 'Bearer <token>'");
    return VerifyBearer(value.substr(kBearer.size()), remember);
  }
  auto auth = context.auth_context();
  if (auth && auth->IsPeerAuthenticated()) {
    // CN "<machine role>/<name>", e.g. "finance/ledger", "portal/web-1".
    for (const auto& cn : auth->FindPropertyValues("x509_common_name")) {
      std::string_view name(cn.data(), cn.size());
      size_t slash = name.find('/');
      if (slash == std::string_view::npos || slash + 1 == name.size()) continue;
      std::optional<Role> role = ParseRole(name.substr(0, slash));
      if (role && IsMachineRole(*role))
        return Caller{std::string(name), *role, "", ""};
    }
    return MakeError(absl::StatusCode::kUnauthenticated, "CERTIFICATE_UNKNOWN",
                     "client certificate does not name a known machine role");
  }
  return MakeError(absl::StatusCode::kUnauthenticated, "CREDENTIALS_MISSING",
                   "no bearer token or client certificate");
}

grpc::ServerUnaryReactor* RpcRunner::Dispatch(
    grpc::CallbackServerContext* context, std::string_view full_method,
    const google::protobuf::Message& request, Body body) const {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  // A submission's time is when it arrived, not when a worker got to it.
  absl::Time arrived = clock_.Now();
  // Credentials are checked before the call takes a place in the queue, so
  // anonymous traffic cannot fill it; the worker checks them again (and
  // records a new person then: that writes to the database). A refusal is
  // answered here, through Run, which logs it without touching the database.
  if (!Identify(*context, /*remember=*/false).ok()) {
    reactor->Finish(Run(context, full_method, request, body, arrived));
    return reactor;
  }
  // gRPC's own threads read and write the network; a fixed set of workers,
  // as many as the database connections, runs the bodies. A deadline rush
  // then queues here instead of parking a thread per call on the pool.
  bool queued = workers_.Post([this, context, full_method, &request,
                               body = std::move(body), reactor, arrived] {
    reactor->Finish(Run(context, full_method, request, body, arrived));
  });
  if (!queued)
    reactor->Finish(ToGrpcStatus(
        MakeError(absl::StatusCode::kUnavailable, "SERVER_BUSY",
                  "too many calls are waiting; retry with backoff")));
  return reactor;
}

absl::Status RpcRunner::StillWanted(const grpc::ServerContextBase& context) {
  // A call that waited in the queue past its deadline, or whose client hung
  // up, is answered without running: its client has recorded a failure, so
  // committing it now would be a change nobody saw succeed.
  if (context.IsCancelled())
    return MakeError(absl::StatusCode::kCancelled, "CALL_CANCELLED",
                     "the client cancelled the call before it ran");
  if (context.deadline() <= std::chrono::system_clock::now())
    return MakeError(absl::StatusCode::kDeadlineExceeded, "DEADLINE_PASSED",
                     "the call's deadline passed before it ran");
  return absl::OkStatus();
}

grpc::Status RpcRunner::Run(grpc::ServerContextBase* context,
                            std::string_view full_method,
                            const google::protobuf::Message& request,
                            const Body& body,
                            std::optional<absl::Time> arrived) const {
  auto started = std::chrono::steady_clock::now();
  RequestContext rc;
  rc.method = std::string(ShortMethod(full_method));
  rc.peer = context->peer();
  rc.now = arrived.value_or(clock_.Now());
  const MethodPolicy* policy = FindPolicy(full_method);

  absl::Status status = [&]() -> absl::Status {
    RETURN_IF_ERROR(StillWanted(*context));
    ASSIGN_OR_RETURN(rc.caller, Authenticate(*context));
    // Read before the role check, so a refusal is audited with its key.
    absl::StatusOr<std::string> request_id =
        policy && policy->mutation ? RequestIdOf(request) : std::string();
    if (request_id.ok()) rc.request_id = *request_id;
    RETURN_IF_ERROR(Authorize(policy, rc.caller));
    if (request.ByteSizeLong() > max_request_bytes_)
      return MakeError(absl::StatusCode::kInvalidArgument, "REQUEST_TOO_LARGE",
                       fmt::format("requests are limited to {} KiB",
                                   max_request_bytes_ / 1024));
    if (policy->mutation) {
      RETURN_IF_ERROR(request_id.status());
      rc.payload_hash = PayloadHash(request);
    }
    return body(rc);
  }();

  if (status.code() == absl::StatusCode::kPermissionDenied && on_refusal_ &&
      !rc.caller.subject.empty())
    on_refusal_(rc, NamedRecord(request), status);

  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  std::string code(absl::StatusCodeToString(status.code()));
  std::string reason = ReasonOf(status);
  if (status.code() == absl::StatusCode::kInternal ||
      status.code() == absl::StatusCode::kUnknown) {
    spdlog::error(nlohmann::json{{"event", "internal_error"},
                                 {"method", rc.method},
                                 {"detail", status.ToString()}}
                      .dump());
  }
  // One line per request; subjects are pseudonymous ids, no personal data.
  bool known = !rc.caller.subject.empty();
  spdlog::info(nlohmann::json{{"ts", FormatUtc(absl::Now())},
                              {"method", rc.method},
                              {"caller", rc.caller.subject},
                              {"role", known ? RoleName(rc.caller.role) : ""},
                              {"status", code},
                              {"reason", reason},
                              {"latency_ms", seconds * 1000.0},
                              {"request_id", rc.request_id}}
                   .dump());
  if (metrics_) metrics_->ObserveCall(rc.method, code, reason, seconds);
  return ToGrpcStatus(status);
}

}  // namespace grants
