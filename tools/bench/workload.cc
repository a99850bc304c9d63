// Deadline-rush workload.
#include "tools/bench/workload.h"

#include <grpcpp/grpcpp.h>

#include <memory>
#include <utility>
#include <vector>

#include "grants/v1/applications.grpc.pb.h"
#include "services/applications/application_service.h"
#include "services/audit/audit_recorder.h"
#include "common/crypto.h"
#include "clients/client/client_status.h"
#include "common/status.h"
#include "tools/bench/seed.h"
#include "storage/pool.h"
#include "storage/transaction.h"
#include "tools/bench/driver.h"

namespace grants::bench {
namespace {

v1::ApplicationContent Content() {
  v1::ApplicationContent c;
  *c.mutable_amount_requested() = Gbp(250'000);
  c.set_project_summary("Drop-in sessions helping Roma families apply to EUSS.");
  c.add_target_communities("roma");
  c.add_boroughs_served("E09000030");
  c.add_languages("ro");
  c.mutable_planned_reach()->set_people_supported_directly(40);
  auto* line = c.add_budget_lines();
  line->set_description("Sessional workers");
  *line->mutable_amount() = Gbp(250'000);
  return c;
}

}  // namespace

std::string Applicants::Take() {
  int64_t n = next.fetch_add(1) + 1;
  return n <= count ? prefix + std::to_string(n) : "";
}

absl::StatusOr<std::string> SetUp(const Target& t, Applicants& applicants) {
  std::string run = RunTag();
  RoundPlan plan{.title = "Deadline rush",
                 .contributed_minor = 100'000'000,
                 .budget_minor = 50'000'000,
                 .min_grant_minor = 50'000,
                 .max_grant_minor = 500'000,
                 .closes_in = absl::Hours(48)};
  ASSIGN_OR_RETURN(v1::Round round,
                   CreateOpenRound(t, Token(t, Role::kOfficer, ""), run, plan));
  applicants.prefix = "BENCH-" + run + "-";
  RETURN_IF_ERROR(SeedDatabase(t, [&](storage::Tx& tx) {
    seed::SeedOrganisations(tx, applicants.prefix,
                                         static_cast<int>(applicants.count));
  }));
  return round.id();
}

Summary RunGrpc(const Target& t, const std::string& round_id,
                Applicants& applicants, int clients, absl::Duration duration) {
  // Each grantee signed in before the rush: its tokens are minted up front,
  // as an identity provider issues one at sign-in, not one per request.
  // Enough for 40 operations a second per client (several times what two
  // cores reach), so that minting (a PEM decode and an ES256 signature in
  // libjwt, ~0.3 ms) stays out of the timed run, which it would otherwise
  // share the cores with.
  const int64_t signed_in_per_client = 40 * absl::ToInt64Seconds(duration) + 40;
  // One grantee's calls in flight: create, then submit from the create's
  // completion (callback API), on its own channel.
  struct Client {
    std::unique_ptr<v1::ApplicationService::Stub> stub;
    std::vector<std::string> tokens;  // one per signed-in grantee
    size_t next = 0;
    std::string token;
    std::unique_ptr<grpc::ClientContext> create_ctx, submit_ctx;
    v1::CreateApplicationRequest create;
    v1::SubmitApplicationRequest submit;
    v1::Application app;
  };
  const v1::ApplicationContent content = Content();
  return DriveAsync(clients, duration, "grpc", [&](int) -> AsyncOp {
    auto c = std::make_shared<Client>();
    c->stub = v1::ApplicationService::NewStub(Channel(t));
    for (int64_t k = 0; k < signed_in_per_client; ++k) {
      std::string org = applicants.Take();
      if (!org.empty()) c->tokens.push_back(Token(t, Role::kGrantee, org));
    }
    c->create.set_round_id(round_id);
    *c->create.mutable_content() = content;
    return [&t, &applicants, c](Done done) {
      if (c->next >= c->tokens.size()) {
        std::string org = applicants.Take();
        if (org.empty()) return done(std::nullopt);
        c->tokens.push_back(Token(t, Role::kGrantee, org));
      }
      c->token = c->tokens[c->next++];
      c->create.set_request_id(RandomUuid());
      c->create_ctx = As(c->token);
      c->stub->async()->CreateApplication(
          c->create_ctx.get(), &c->create, &c->app,
          [c, done](grpc::Status s) {
            if (!s.ok()) return done(FromGrpcStatus(s));
            c->submit.set_request_id(RandomUuid());
            c->submit.set_id(c->app.id());
            c->submit_ctx = As(c->token);
            c->stub->async()->SubmitApplication(
                c->submit_ctx.get(), &c->submit, &c->app,
                [done](grpc::Status s) { done(FromGrpcStatus(s)); });
          });
    };
  });
}

Summary RunRaw(const Target& t, const std::string& round_id,
               Applicants& applicants, int connections,
               absl::Duration duration) {
  auto pool = storage::ConnectionPool::Open(t.database, connections);
  if (!pool.ok()) return {};
  audit::Recorder recorder(t.audit_key);
  applications::ApplicationService service(**pool, recorder);
  const v1::ApplicationContent content = Content();
  return Drive(connections, duration, "raw", [&](int) -> Op {
    return [&]() -> std::optional<absl::Status> {
      std::string org = applicants.Take();
      if (org.empty()) return std::nullopt;
      RequestContext ctx{{"bench-" + org, Role::kGrantee, org, ""},
                         "CreateApplication", RandomUuid(),
                         Sha256(content.SerializeAsString() + round_id),
                         "raw", absl::Now()};
      auto app = service.Create(ctx, round_id, content);
      if (!app.ok()) return app.status();
      ctx.method = "SubmitApplication";
      ctx.request_id = RandomUuid();
      ctx.payload_hash = Sha256(app->id);
      ctx.now = absl::Now();
      return service.Submit(ctx, app->id).status();
    };
  });
}

}  // namespace grants::bench
