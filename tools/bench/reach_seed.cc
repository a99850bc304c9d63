// Reach programme set-up and bulk seeding.
#include "tools/bench/reach_seed.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "grants/v1/monitoring.grpc.pb.h"
#include "common/status.h"
#include "tools/bench/seed.h"

namespace grants::bench {
namespace {

constexpr int kRounds = 4;
// Each award (a microgrant) and each approved application's amount: £4,000.
constexpr int64_t kAwardMinor = 400'000;

// Seeds rounds `first` .. `first` + kRounds / 2 - 1 of batch `batch` (round
// r takes awards / kRounds, one more for r < awards % kRounds), then
// after(tx, their award ids), in one transaction.
absl::Status SeedHalf(const Target& t, const ReachProgramme& p,
                      const std::string& label, int batch, int first,
                      int64_t awards,
                      const seed::AwardTerms& terms,
                      const AfterAwards& after) {
  return SeedDatabase(t, [&](storage::Tx& tx) {
    seed::BulkSession(tx, /*nested_loops=*/false);
    std::vector<std::string> award_ids;
    for (int r = first; r < first + kRounds / 2; ++r) {
      int count = static_cast<int>(awards / kRounds + (r < awards % kRounds));
      if (count == 0) continue;
      const std::string prefix =
          fmt::format("{}-{}-{}-R{}-", label, p.tag, batch, r + 1);
      seed::SeedOrganisations(tx, prefix, count);
      auto apps = seed::SeedApprovedApplications(
          tx, p.round_ids[r], prefix, count, kAwardMinor);
      auto ids =
          seed::SeedAwards(tx, p.round_ids[r], apps, terms);
      award_ids.insert(award_ids.end(), ids.begin(), ids.end());
    }
    after(tx, award_ids);
  });
}

}  // namespace

std::vector<std::string> Quarters() {
  std::vector<std::string> out;
  for (int q = 0; q < kQuarters; ++q)
    out.push_back(fmt::format("{}-Q{}", 2027 + q / 4, 1 + q % 4));
  return out;
}

absl::StatusOr<ReachProgramme> SetUpProgramme(const Target& t,
                                              const std::string& title,
                                              int64_t max_awards) {
  ReachProgramme p{.tag = RunTag()};
  const std::string officer = Token(t, Role::kOfficer, "");
  const int64_t per_round = max_awards / kRounds + 2;
  const int64_t total = kRounds * per_round * kAwardMinor;
  ASSIGN_OR_RETURN(
      FundIds fund,
      CreateFund(t, officer, p.tag, {total / 2, total * 3 / 10, total / 5}));
  p.funder_ids = fund.funder_ids;
  ASSIGN_OR_RETURN(v1::Programme programme,
                   CreateProgramme(t, officer, p.tag, title, fund.fund_id,
                                   {"roma", "polish", "romanian", "bulgarian",
                                    "portuguese", "lithuanian"}));
  p.programme_id = programme.id();
  RoundPlan plan{.title = title,
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

absl::StatusOr<ReachProgramme> SetUpReach(const Target& t,
                                          int64_t max_reports) {
  return SetUpProgramme(t, "EUSS outreach", max_reports / kQuarters);
}

absl::Status GrowAwards(const Target& t, ReachProgramme& p,
                        const std::string& label, int64_t awards, int64_t batch,
                        const seed::AwardTerms& terms,
                        const AfterAwards& after) {
  while (p.awards < awards) {
    const int64_t count = std::min(batch, awards - p.awards);
    const int number = ++p.batches;
    absl::Time started = absl::Now();
    absl::Status second;
    std::thread other([&] {
      second = SeedHalf(t, p, label, number, kRounds / 2, count, terms, after);
    });
    absl::Status first = SeedHalf(t, p, label, number, 0, count, terms, after);
    other.join();
    RETURN_IF_ERROR(first.ok() ? second : first);
    p.awards += count;
    fmt::print("  batch {}: +{} awards, {} of {} in {:.1f} s\n", number, count,
               p.awards, awards, absl::ToDoubleSeconds(absl::Now() - started));
    std::fflush(stdout);
  }
  return absl::OkStatus();
}

absl::Status GrowReports(const Target& t, ReachProgramme& p, int64_t reports,
                         int64_t batch) {
  // The two transactions' reach totals add up whatever their order: each
  // adds in key order and waits for the other's uncommitted groups.
  return GrowAwards(
      t, p, "REACH", (reports + kQuarters - 1) / kQuarters,
      std::max<int64_t>(1, batch / kQuarters),
      {.start_date = kFirstQuarter, .months = 3 * kQuarters},
      [](storage::Tx& tx, const std::vector<std::string>& award_ids) {
        seed::SeedAcceptedReports(tx, award_ids, kFirstQuarter,
                                                 kQuarters);
        seed::BulkSession(tx, /*nested_loops=*/true);
        seed::AddToReachTotals(tx, award_ids);
      });
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
