// The fault test's load: careful grantees, each on a thread and a channel
// of its own, retrying with the same request until it is answered.
#include "tools/bench/load.h"

#include <fmt/format.h>
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "clients/client/client_status.h"
#include "clients/client/connection.h"
#include "clients/client/retry.h"
#include "common/crypto.h"
#include "common/status.h"
#include "grants/v1/applications.grpc.pb.h"
#include "tools/bench/driver.h"
#include "tools/bench/workload.h"

namespace grants::bench {
namespace {

v1::ApplicationContent Content() {
  v1::ApplicationContent c;
  *c.mutable_amount_requested() = Gbp(150'000);
  c.set_project_summary("Advice surgeries for families applying to EUSS.");
  c.add_target_communities("roma");
  c.add_boroughs_served("E09000030");
  c.add_languages("pl");
  c.mutable_planned_reach()->set_people_supported_directly(25);
  auto* line = c.add_budget_lines();
  line->set_description("Advisers' sessions");
  *line->mutable_amount() = Gbp(150'000);
  return c;
}

int64_t EpochMillis() { return absl::ToUnixMillis(absl::Now()); }

// What the grantees did, summed over all of them.
struct Tally {
  std::atomic<int64_t> submitted{0}, retries{0}, failed{0};
  std::mutex mu;
  std::vector<std::string> acks;  // "<epoch ms> <id> <reference>"
};

// A careful grantee's call: sent again, the same request, while it finds
// no server (UNAVAILABLE) or runs out of time (DEADLINE_EXCEEDED: it may
// have been done, and the request_id makes the retry return that), for up
// to `give_up_after`.
grpc::Status Patiently(
    const LoadOptions& o, const std::string& token, Tally& tally,
    const std::function<grpc::Status(grpc::ClientContext*)>& rpc) {
  absl::Time give_up = absl::Now() + o.give_up_after;
  absl::Duration backoff = absl::Milliseconds(100);
  for (int attempt = 1;; ++attempt) {
    auto ctx = client::NewContext(token, o.call_deadline);
    if (attempt > 1) ctx->set_wait_for_ready(true);
    grpc::Status s = rpc(ctx.get());
    bool retryable = s.error_code() == grpc::StatusCode::UNAVAILABLE ||
                     s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
    if (!retryable || absl::Now() + backoff > give_up) return s;
    tally.retries.fetch_add(1);
    std::this_thread::sleep_for(absl::ToChronoMilliseconds(backoff));
    backoff = std::min(backoff * 2, absl::Seconds(1));
  }
}

void Report(const grpc::Status& s, const char* what, Tally& tally) {
  if (tally.failed.fetch_add(1) < 5)
    fmt::print(stderr, "load: {} failed: {} {}\n", what,
               ReasonOf(FromGrpcStatus(s)), s.error_message());
}

}  // namespace

bool RunLoad(const Target& t, const LoadOptions& o) {
  Applicants applicants;
  applicants.count = 100'000;
  auto round = SetUp(t, applicants);
  if (!round.ok()) {
    fmt::print(stderr, "load: set-up failed: {}\n", round.status().ToString());
    return false;
  }
  fmt::print("load: round {} open, {} grantees starting\n", *round, o.clients);
  std::fflush(stdout);
  const v1::ApplicationContent content = Content();
  Tally tally;
  std::atomic<bool> stop{false};
  std::vector<std::thread> grantees;
  int64_t started = EpochMillis();
  for (int i = 0; i < o.clients; ++i) {
    grantees.emplace_back([&] {
      grpc::ChannelArguments args = client::QuickReconnectArguments();
      args.SetInt("grpc.use_local_subchannel_pool", 1);
      auto stub = v1::ApplicationService::NewStub(
          client::OpenChannel(t.server, {t.ca_pem, "", ""}, args));
      while (!stop.load()) {
        std::string org = applicants.Take();
        if (org.empty()) return;
        std::string token = Token(t, Role::kGrantee, org);
        v1::CreateApplicationRequest create;
        create.set_request_id(RandomUuid());
        create.set_round_id(*round);
        *create.mutable_content() = content;
        v1::Application app;
        grpc::Status s =
            Patiently(o, token, tally, [&](grpc::ClientContext* c) {
              return stub->CreateApplication(c, create, &app);
            });
        if (!s.ok()) {
          Report(s, "create", tally);
          continue;
        }
        v1::SubmitApplicationRequest submit;
        submit.set_request_id(RandomUuid());
        submit.set_id(app.id());
        s = Patiently(o, token, tally, [&](grpc::ClientContext* c) {
          return stub->SubmitApplication(c, submit, &app);
        });
        if (!s.ok()) {
          Report(s, "submit", tally);
          continue;
        }
        tally.submitted.fetch_add(1);
        std::string line =
            fmt::format("{} {} {}", EpochMillis(), app.id(), app.reference());
        std::lock_guard lock(tally.mu);
        tally.acks.push_back(std::move(line));
      }
    });
  }
  std::this_thread::sleep_for(absl::ToChronoMilliseconds(o.duration));
  stop.store(true);
  for (auto& g : grantees) g.join();
  double seconds = (EpochMillis() - started) / 1000.0;

  std::ofstream out(o.acks_file);
  for (const auto& line : tally.acks) out << line << '\n';
  out.close();
  fmt::print(
      "load: {} grantees, {:.1f} s: {} submissions acknowledged ({:.1f}/s), "
      "{} retried calls, {} failed operations\n",
      o.clients, seconds, tally.submitted.load(),
      tally.submitted.load() / seconds, tally.retries.load(),
      tally.failed.load());
  return out.good() && tally.failed.load() == 0;
}

}  // namespace grants::bench
