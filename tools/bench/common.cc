// Shared benchmark helpers and the officer's round set-up.
#include "tools/bench/common.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>

#include "grants/v1/funding.grpc.pb.h"
#include "grants/v1/programmes.grpc.pb.h"
#include "common/crypto.h"
#include "common/london_time.h"
#include "common/status.h"
#include "clients/client/client_status.h"
#include "clients/client/connection.h"
#include "common/token_mint.h"
#include "storage/pool.h"

namespace grants::bench {
namespace {

// London local time without the offset, as rounds take it.
std::string Local(absl::Time t) { return FormatLondon(t).substr(0, 19); }

}  // namespace

v1::Money Gbp(int64_t minor) {
  v1::Money m;
  m.set_currency_code("GBP");
  m.set_minor_units(minor);
  return m;
}

std::string Token(const Target& t, Role role, const std::string& org) {
  TokenClaims claims;
  claims.caller = {role == Role::kGrantee ? "bench-" + org : "bench-officer",
                   role, org, ""};
  claims.ttl = absl::Hours(1);
  return MintToken(t.signing_key_pem, claims, absl::Now()).value_or("");
}

std::shared_ptr<grpc::Channel> Channel(const Target& t) {
  grpc::ChannelArguments args;
  args.SetInt("grpc.use_local_subchannel_pool", 1);  // one connection each
  return client::OpenChannel(t.server, {t.ca_pem, "", ""}, args);
}

std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
  return client::NewContext(token, absl::Seconds(30));
}

absl::Status Check(const grpc::Status& s, const char* what) {
  if (s.ok()) return absl::OkStatus();
  return absl::InternalError(fmt::format(
      "{}: {} {}", what, ReasonOf(FromGrpcStatus(s)), s.error_message()));
}

absl::Status SeedDatabase(const Target& t,
                          const std::function<void(storage::Tx&)>& seed) {
  ASSIGN_OR_RETURN(auto pool, storage::ConnectionPool::Open(t.database, 1));
  return storage::RunInTransaction(*pool, [&](storage::Tx& tx) {
    seed(tx);
    return absl::OkStatus();
  });
}

std::string RunTag() { return ToHex(Sha256(RandomUuid())).substr(0, 6); }

absl::StatusOr<FundIds> CreateFund(
    const Target& t, const std::string& officer, const std::string& tag,
    const std::vector<int64_t>& contributed_minor) {
  auto funding = v1::FundingService::NewStub(Channel(t));
  v1::CreateFundRequest fund_req;
  fund_req.set_request_id(RandomUuid());
  fund_req.set_name("Benchmark fund " + tag);
  fund_req.set_currency_code("GBP");
  v1::Fund fund;
  RETURN_IF_ERROR(
      Check(funding->CreateFund(As(officer).get(), fund_req, &fund), "fund"));
  FundIds ids{.fund_id = fund.id()};
  for (size_t i = 0; i < contributed_minor.size(); ++i) {
    v1::CreateFunderRequest funder_req;
    funder_req.set_request_id(RandomUuid());
    // A charity number no earlier run on this database has taken: each
    // run (each process) draws afresh, where rand() would repeat itself.
    static std::mt19937_64 draw{std::random_device{}()};
    funder_req.set_org_id("GB-CHC-9" + std::to_string(100000 + draw() % 899999));
    funder_req.set_name("Benchmark Trust " + tag +
                        (i > 0 ? " " + std::to_string(i + 1) : ""));
    v1::Funder funder;
    RETURN_IF_ERROR(
        Check(funding->CreateFunder(As(officer).get(), funder_req, &funder),
              "funder"));
    v1::AddContributionRequest add;
    add.set_request_id(RandomUuid());
    add.set_fund_id(fund.id());
    add.set_funder_id(funder.id());
    *add.mutable_amount() = Gbp(contributed_minor[i]);
    v1::Contribution contribution;
    RETURN_IF_ERROR(
        Check(funding->AddContribution(As(officer).get(), add, &contribution),
              "contribution"));
    ids.funder_ids.push_back(funder.id());
  }
  return ids;
}

absl::StatusOr<v1::Programme> CreateProgramme(
    const Target& t, const std::string& officer, const std::string& tag,
    const std::string& title, const std::string& fund_id,
    const std::vector<std::string>& communities) {
  auto programmes = v1::ProgrammeService::NewStub(Channel(t));
  v1::CreateProgrammeRequest req;
  req.set_request_id(RandomUuid());
  req.set_code("B" + tag.substr(0, 5));
  std::transform(req.mutable_code()->begin(), req.mutable_code()->end(),
                 req.mutable_code()->begin(), ::toupper);
  req.set_name(title + " " + tag);
  req.set_fund_id(fund_id);
  for (const auto& c : communities) req.add_priority_communities(c);
  v1::Programme programme;
  RETURN_IF_ERROR(Check(
      programmes->CreateProgramme(As(officer).get(), req, &programme),
      "programme"));
  return programme;
}

absl::StatusOr<v1::Round> CreateRound(const Target& t,
                                      const std::string& officer,
                                      const std::string& programme_id,
                                      const RoundPlan& plan) {
  auto programmes = v1::ProgrammeService::NewStub(Channel(t));
  v1::CreateRoundRequest round_req;
  round_req.set_request_id(RandomUuid());
  round_req.set_programme_id(programme_id);
  auto* spec = round_req.mutable_spec();
  spec->set_name(plan.title + " round");
  spec->set_opens_local(Local(absl::Now() - absl::Hours(1)));
  spec->set_closes_local(Local(absl::Now() + plan.closes_in));
  *spec->mutable_budget() = Gbp(plan.budget_minor);
  *spec->mutable_min_grant() = Gbp(plan.min_grant_minor);
  *spec->mutable_max_grant() = Gbp(plan.max_grant_minor);
  v1::Round round;
  RETURN_IF_ERROR(Check(
      programmes->CreateRound(As(officer).get(), round_req, &round), "round"));
  v1::OpenRoundRequest open;
  open.set_request_id(RandomUuid());
  open.set_round_id(round.id());
  RETURN_IF_ERROR(
      Check(programmes->OpenRound(As(officer).get(), open, &round), "open"));
  return round;
}

absl::Status CloseRound(const Target& t, const std::string& officer,
                        const std::string& round_id) {
  auto programmes = v1::ProgrammeService::NewStub(Channel(t));
  v1::CloseRoundRequest close;
  close.set_request_id(RandomUuid());
  close.set_round_id(round_id);
  v1::Round round;
  return Check(programmes->CloseRound(As(officer).get(), close, &round),
               "close");
}

absl::StatusOr<v1::Round> CreateOpenRound(const Target& t,
                                          const std::string& officer,
                                          const std::string& tag,
                                          const RoundPlan& plan) {
  ASSIGN_OR_RETURN(FundIds fund,
                   CreateFund(t, officer, tag, {plan.contributed_minor}));
  ASSIGN_OR_RETURN(v1::Programme programme,
                   CreateProgramme(t, officer, tag, plan.title, fund.fund_id,
                                   {"roma"}));
  return CreateRound(t, officer, programme.id(), plan);
}

}  // namespace grants::bench
