// Reach programme set-up and bulk seeding.
#include "tools/bench/reach_seed.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "grants/v1/monitoring.grpc.pb.h"
#include "services/common/status.h"
#include "storage/bench_seed.h"
#include "storage/organisation_repository.h"

namespace grants::bench {
namespace {

constexpr int kRounds = 4;
// Each award (a microgrant) and each approved application's amount: £4,000.
constexpr int64_t kAwardMinor = 400'000;

// Seeds the next `awards` awards of batch `batch` over rounds `first` ..
// `first` + kRounds / 2 - 1 (round r takes awards / kRounds, one more for
// r < awards % kRounds), with their reports and reach totals, in one
// transaction.
absl::Status SeedHalf(const Target& t, const ReachProgramme& p, int batch,
                      int first, int64_t awards) {
  return SeedDatabase(t, [&](storage::Tx& tx) {
    storage::bench_seed::BulkSession(tx, /*nested_loops=*/false);
    std::vector<std::string> award_ids;
    for (int r = first; r < first + kRounds / 2; ++r) {
      int count = static_cast<int>(awards / kRounds + (r < awards % kRounds));
      if (count == 0) continue;
      const std::string prefix =
          fmt::format("REACH-{}-{}-R{}-", p.tag, batch, r + 1);
      storage::organisation_repo::SeedBulk(tx, prefix, count);
      auto apps = storage::bench_seed::SeedApprovedApplications(
          tx, p.round_ids[r], prefix, count, kAwardMinor);
      auto ids = storage::bench_seed::SeedAcceptedReports(
          tx, p.round_ids[r], apps, kFirstQuarter, kQuarters);
      award_ids.insert(award_ids.end(), ids.begin(), ids.end());
    }
    storage::bench_seed::BulkSession(tx, /*nested_loops=*/true);
    storage::bench_seed::AddToReachTotals(tx, award_ids);
  });
}

// Seeds a batch as two concurrent transactions of two rounds each, one per
// core. Their reach totals add up whatever the order: each adds in key
// order and waits for the other's uncommitted groups.
absl::Status SeedBatch(const Target& t, ReachProgramme& p, int64_t awards) {
  const int batch = ++p.batches;
  absl::Status second;
  std::thread other(
      [&] { second = SeedHalf(t, p, batch, kRounds / 2, awards); });
  absl::Status first = SeedHalf(t, p, batch, 0, awards);
  other.join();
  return first.ok() ? second : first;
}

}  // namespace

std::vector<std::string> Quarters() {
  std::vector<std::string> out;
  for (int q = 0; q < kQuarters; ++q)
    out.push_back(fmt::format("{}-Q{}", 2027 + q / 4, 1 + q % 4));
  return out;
}

absl::StatusOr<ReachProgramme> SetUpReach(const Target& t,
                                          int64_t max_reports) {
  ReachProgramme p{.tag = RunTag()};
  const std::string officer = Token(t, Role::kOfficer, "");
  const int64_t per_round = max_reports / kQuarters / kRounds + 2;
  const int64_t total = kRounds * per_round * kAwardMinor;
  ASSIGN_OR_RETURN(
      FundIds fund,
      CreateFund(t, officer, p.tag, {total / 2, total * 3 / 10, total / 5}));
  p.funder_ids = fund.funder_ids;
  ASSIGN_OR_RETURN(
      v1::Programme programme,
      CreateProgramme(t, officer, p.tag, "EUSS outreach", fund.fund_id,
                      {"roma", "polish", "romanian", "bulgarian", "portuguese",
                       "lithuanian"}));
  p.programme_id = programme.id();
  RoundPlan plan{.title = "EUSS outreach",
                 .contributed_minor = 0,
                 .budget_minor = per_round * kAwardMinor,
                 .min_grant_minor = kAwardMinor / 8,
                 .max_grant_minor = kAwardMinor * 5 / 4,
                 .closes_in = absl::Hours(1)};
  for (int r = 0; r < kRounds; ++r) {
    ASSIGN_OR_RETURN(v1::Round round,
                     CreateRound(t, officer, p.programme_id, plan));
    RETURN_IF_ERROR(CloseRound(t, officer, round.id()));
    p.round_ids.push_back(round.id());
  }
  return p;
}

absl::Status GrowReports(const Target& t, ReachProgramme& p, int64_t reports,
                         int64_t batch) {
  const int64_t awards_per_batch = std::max<int64_t>(1, batch / kQuarters);
  while (p.reports() < reports) {
    const int64_t awards = std::min(
        awards_per_batch, (reports - p.reports() + kQuarters - 1) / kQuarters);
    absl::Time started = absl::Now();
    RETURN_IF_ERROR(SeedBatch(t, p, awards));
    p.awards += awards;
    fmt::print("  batch {}: +{} reports ({} awards), {} of {} in {:.1f} s\n",
               p.batches, awards * kQuarters, awards, p.reports(), reports,
               absl::ToDoubleSeconds(absl::Now() - started));
    std::fflush(stdout);
  }
  return absl::OkStatus();
}

absl::Status VerifyReach(const Target& t) {
  auto monitoring = v1::MonitoringService::NewStub(Channel(t));
  auto ctx = As(Token(t, Role::kOfficer, ""));
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::hours(1));
  v1::VerifyReachResponse resp;
  absl::Time started = absl::Now();
  RETURN_IF_ERROR(
      Check(monitoring->VerifyReach(ctx.get(), v1::VerifyReachRequest(), &resp),
            "verify reach"));
  fmt::print(
      "  VerifyReach: {}, {} groups compared, {} mismatches, in {:.1f} s\n",
      resp.consistent() ? "consistent" : "NOT CONSISTENT", resp.groups(),
      resp.mismatches_size(), absl::ToDoubleSeconds(absl::Now() - started));
  if (!resp.consistent())
    return absl::InternalError("reach totals differ from a recomputation");
  return absl::OkStatus();
}

}  // namespace grants::bench
