// Deadline-rush workload.
#include "tools/bench/workload.h"

#include <fmt/format.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <latch>
#include <thread>

#include "grants/v1/applications.grpc.pb.h"
#include "grants/v1/funding.grpc.pb.h"
#include "grants/v1/programmes.grpc.pb.h"
#include "services/applications/application_service.h"
#include "services/audit/audit_recorder.h"
#include "services/common/crypto.h"
#include "services/common/london_time.h"
#include "services/common/status.h"
#include "services/common/token.h"
#include "storage/organisation_repository.h"
#include "storage/pool.h"
#include "storage/transaction.h"

namespace grants::bench {
namespace {

using Clock = std::chrono::steady_clock;

v1::Money Gbp(int64_t minor) {
  v1::Money m;
  m.set_currency_code("GBP");
  m.set_minor_units(minor);
  return m;
}

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

std::string Token(const Target& t, Role role, const std::string& org) {
  TokenClaims claims;
  claims.caller = {role == Role::kGrantee ? "bench-" + org : "bench-officer",
                   role, org, ""};
  claims.ttl = absl::Hours(1);
  return MintToken(t.signing_key_pem, claims, absl::Now()).value_or("");
}

std::shared_ptr<grpc::Channel> Channel(const Target& t) {
  grpc::SslCredentialsOptions opts;
  opts.pem_root_certs = t.ca_pem;
  grpc::ChannelArguments args;
  args.SetInt("grpc.use_local_subchannel_pool", 1);  // one connection each
  return grpc::CreateCustomChannel(t.server, grpc::SslCredentials(opts), args);
}

std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata("authorization", "Bearer " + token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return ctx;
}

absl::Status Check(const grpc::Status& s, const char* what) {
  if (s.ok()) return absl::OkStatus();
  return absl::InternalError(fmt::format("{}: {} {}", what, ReasonOf(FromGrpcStatus(s)),
                                         s.error_message()));
}

// London local time without the offset, as rounds take it.
std::string Local(absl::Time t) { return FormatLondon(t).substr(0, 19); }

}  // namespace

std::string Applicants::Take() {
  int64_t n = next.fetch_add(1) + 1;
  return n <= count ? prefix + std::to_string(n) : "";
}

absl::StatusOr<std::string> SetUp(const Target& t, Applicants& applicants) {
  auto channel = Channel(t);
  auto funding = v1::FundingService::NewStub(channel);
  auto programmes = v1::ProgrammeService::NewStub(channel);
  std::string officer = Token(t, Role::kOfficer, "");
  std::string run = ToHex(Sha256(RandomUuid())).substr(0, 6);
  v1::CreateFunderRequest funder_req;
  funder_req.set_request_id(RandomUuid());
  funder_req.set_org_id("GB-CHC-9" + std::to_string(100000 + std::rand() % 899999));
  funder_req.set_name("Benchmark Trust " + run);
  v1::Funder funder;
  RETURN_IF_ERROR(Check(funding->CreateFunder(As(officer).get(), funder_req, &funder), "funder"));
  v1::CreateFundRequest fund_req;
  fund_req.set_request_id(RandomUuid());
  fund_req.set_name("Benchmark fund " + run);
  fund_req.set_currency_code("GBP");
  v1::Fund fund;
  RETURN_IF_ERROR(Check(funding->CreateFund(As(officer).get(), fund_req, &fund), "fund"));
  v1::AddContributionRequest add;
  add.set_request_id(RandomUuid());
  add.set_fund_id(fund.id());
  add.set_funder_id(funder.id());
  *add.mutable_amount() = Gbp(100'000'000);
  v1::Contribution contribution;
  RETURN_IF_ERROR(Check(funding->AddContribution(As(officer).get(), add, &contribution), "contribution"));
  v1::CreateProgrammeRequest prog_req;
  prog_req.set_request_id(RandomUuid());
  prog_req.set_code("B" + run.substr(0, 5));
  std::transform(prog_req.mutable_code()->begin(), prog_req.mutable_code()->end(),
                 prog_req.mutable_code()->begin(), ::toupper);
  prog_req.set_name("Deadline rush " + run);
  prog_req.set_fund_id(fund.id());
  prog_req.add_priority_communities("roma");
  v1::Programme programme;
  RETURN_IF_ERROR(Check(programmes->CreateProgramme(As(officer).get(), prog_req, &programme), "programme"));
  v1::CreateRoundRequest round_req;
  round_req.set_request_id(RandomUuid());
  round_req.set_programme_id(programme.id());
  auto* spec = round_req.mutable_spec();
  spec->set_name("Deadline rush round");
  spec->set_opens_local(Local(absl::Now() - absl::Hours(1)));
  spec->set_closes_local(Local(absl::Now() + absl::Hours(48)));
  *spec->mutable_budget() = Gbp(50'000'000);
  *spec->mutable_min_grant() = Gbp(50'000);
  *spec->mutable_max_grant() = Gbp(500'000);
  v1::Round round;
  RETURN_IF_ERROR(Check(programmes->CreateRound(As(officer).get(), round_req, &round), "round"));
  v1::OpenRoundRequest open;
  open.set_request_id(RandomUuid());
  open.set_round_id(round.id());
  RETURN_IF_ERROR(Check(programmes->OpenRound(As(officer).get(), open, &round), "open"));

  applicants.prefix = "BENCH-" + run + "-";
  ASSIGN_OR_RETURN(auto pool, storage::ConnectionPool::Open(t.database, 1));
  RETURN_IF_ERROR(storage::RunInTransaction(*pool, [&](storage::Tx& tx) {
    storage::organisation_repo::SeedBulk(tx, applicants.prefix,
                                         static_cast<int>(applicants.count));
    return absl::OkStatus();
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
  std::vector<Samples> samples(static_cast<size_t>(clients));
  std::vector<std::thread> threads;
  std::latch ready(clients + 1), go(1);
  Clock::time_point stop_at;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&, i] {
      auto stub = v1::ApplicationService::NewStub(Channel(t));
      std::vector<std::pair<std::string, std::string>> grantees;
      for (int64_t k = 0; k < signed_in_per_client; ++k) {
        std::string org = applicants.Take();
        if (!org.empty()) grantees.emplace_back(org, Token(t, Role::kGrantee, org));
      }
      ready.count_down();
      go.wait();
      Samples& mine = samples[static_cast<size_t>(i)];
      for (size_t k = 0; Clock::now() < stop_at; ++k) {
        if (k >= grantees.size()) {
          std::string org = applicants.Take();
          if (org.empty()) break;
          grantees.emplace_back(org, Token(t, Role::kGrantee, org));
        }
        const auto& [org, token] = grantees[k];
        auto begin = Clock::now();
        v1::CreateApplicationRequest create;
        create.set_request_id(RandomUuid());
        create.set_round_id(round_id);
        *create.mutable_content() = Content();
        v1::Application app;
        grpc::Status s = stub->CreateApplication(As(token).get(), create, &app);
        if (s.ok()) {
          v1::SubmitApplicationRequest submit;
          submit.set_request_id(RandomUuid());
          submit.set_id(app.id());
          s = stub->SubmitApplication(As(token).get(), submit, &app);
        }
        if (!s.ok()) {
          if (++mine.errors <= 3)
            fmt::print(stderr, "grpc error: {} {}\n", static_cast<int>(s.error_code()),
                       s.error_message());
          continue;
        }
        mine.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
      }
    });
  }
  ready.arrive_and_wait();
  auto started = Clock::now();
  stop_at = started + absl::ToChronoMilliseconds(duration);
  go.count_down();
  for (auto& th : threads) th.join();
  return Summarise(samples, std::chrono::duration<double>(Clock::now() - started).count());
}

Summary RunRaw(const Target& t, const std::string& round_id,
               Applicants& applicants, int connections,
               absl::Duration duration) {
  auto pool = storage::ConnectionPool::Open(t.database, connections);
  if (!pool.ok()) return {};
  audit::Recorder recorder(t.audit_key);
  applications::ApplicationService service(**pool, recorder);
  std::vector<Samples> samples(static_cast<size_t>(connections));
  std::vector<std::thread> threads;
  auto stop_at = Clock::now() + absl::ToChronoMilliseconds(duration);
  auto started = Clock::now();
  for (int i = 0; i < connections; ++i) {
    threads.emplace_back([&, i] {
      Samples& mine = samples[static_cast<size_t>(i)];
      v1::ApplicationContent content = Content();
      while (Clock::now() < stop_at) {
        std::string org = applicants.Take();
        if (org.empty()) break;
        auto begin = Clock::now();
        RequestContext ctx{{"bench-" + org, Role::kGrantee, org, ""},
                           "CreateApplication", RandomUuid(),
                           Sha256(content.SerializeAsString() + round_id),
                           "raw", absl::Now()};
        auto app = service.Create(ctx, round_id, content);
        if (app.ok()) {
          ctx.method = "SubmitApplication";
          ctx.request_id = RandomUuid();
          ctx.payload_hash = Sha256(app->id);
          ctx.now = absl::Now();
          app = service.Submit(ctx, app->id);
        }
        if (!app.ok()) {
          if (++mine.errors <= 3)
            fmt::print(stderr, "raw error: {}\n", app.status().ToString());
          continue;
        }
        mine.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
      }
    });
  }
  for (auto& th : threads) th.join();
  return Summarise(samples, std::chrono::duration<double>(Clock::now() - started).count());
}

}  // namespace grants::bench
