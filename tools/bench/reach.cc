// Reach benchmark: the maintained summary against the GROUP BY it saves.
#include "tools/bench/reach.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>

#include "grants/v1/monitoring.grpc.pb.h"
#include "clients/client/client_status.h"
#include "common/status.h"
#include "tools/bench/seed.h"
#include "storage/monitoring_repository.h"
#include "storage/pool.h"
#include "tools/bench/driver.h"
#include "tools/bench/reach_seed.h"
#include "tools/bench/table.h"

namespace grants::bench {
namespace {

using monitoring::ReachKey;
using monitoring::ReachRow;

// Untimed calls first: the TLS handshake, the first plans, warm caches.
constexpr int kWarmUp = 100;
// Scopes (9) x dimensions (4) x all time or one of 8 quarters, mixed.
constexpr int kAsks = 9 * 4 * 2 * 8;

// One question of the reach figures, for the API and for SQL.
struct Ask {
  ReachKey key;
  v1::GetReachSummaryRequest request;
};

struct Figures {
  int64_t reports = 0, groups = 0;
  Summary summary, in_process, group_by;
  bool agree = false;
};

// Call i asks scope i % 9 (everything, the programme, each round, each
// funder), dimension i % 4 (none, community, borough, language), and all
// time or quarter i / 8 % 8, alternately every four calls.
std::vector<Ask> Asks(const ReachProgramme& p) {
  std::vector<std::pair<v1::ReachScope, std::string>> scopes = {
      {v1::REACH_SCOPE_ALL, ""}, {v1::REACH_SCOPE_PROGRAMME, p.programme_id}};
  for (const auto& id : p.round_ids)
    scopes.emplace_back(v1::REACH_SCOPE_ROUND, id);
  for (const auto& id : p.funder_ids)
    scopes.emplace_back(v1::REACH_SCOPE_FUNDER, id);
  const std::pair<v1::Dimension, const char*> dimensions[] = {
      {v1::DIMENSION_UNSPECIFIED, ""},
      {v1::DIMENSION_COMMUNITY, "community"},
      {v1::DIMENSION_BOROUGH, "borough"},
      {v1::DIMENSION_LANGUAGE, "language"}};
  const char* scope_names[] = {"", "all", "programme", "round", "funder"};
  const std::vector<std::string> quarters = Quarters();
  std::vector<Ask> asks(kAsks);
  for (size_t i = 0; i < asks.size(); ++i) {
    const auto& [scope, id] = scopes[i % scopes.size()];
    const auto& [dimension, name] = dimensions[i % 4];
    std::string period = i / 4 % 2 ? quarters[i / 8 % quarters.size()] : "";
    asks[i].key = {scope_names[scope], id, period, name};
    asks[i].request.set_scope(scope);
    asks[i].request.set_scope_id(id);
    asks[i].request.set_period(period);
    asks[i].request.set_dimension(dimension);
  }
  return asks;
}

// The ask of call i.
const Ask& AskAt(const std::vector<Ask>& asks, int i) {
  return asks[static_cast<size_t>(i) % asks.size()];
}

// One client's GetReachSummary calls over gRPC with TLS and a bearer token.
Summary SummaryOverGrpc(const Target& t, const std::vector<Ask>& asks,
                        int calls) {
  auto stub = v1::MonitoringService::NewStub(Channel(t));
  const std::string officer = Token(t, Role::kOfficer, "");
  auto call = [&](int i) {
    v1::ReachSummary summary;
    return FromGrpcStatus(stub->GetReachSummary(
        As(officer).get(), AskAt(asks, i).request, &summary));
  };
  for (int i = 0; i < kWarmUp; ++i) (void)call(i);
  return Sequential(calls, "summary", call);
}

// Runs read(tx) in a transaction of its own on `pool`.
template <typename Read>
absl::Status InTransaction(storage::ConnectionPool& pool, Read read) {
  return storage::RunInTransaction(pool, [&](storage::Tx& tx) {
    read(tx);
    return absl::OkStatus();
  });
}

// The read GetReachSummary makes, in-process through libpqxx.
Summary SummaryInProcess(storage::ConnectionPool& pool,
                         const std::vector<Ask>& asks, int calls) {
  auto call = [&](int i) {
    return InTransaction(pool, [&](storage::Tx& tx) {
      storage::monitoring_repo::ReachRows(tx, AskAt(asks, i).key);
    });
  };
  for (int i = 0; i < kWarmUp; ++i) (void)call(i);
  return Sequential(calls, "in-process", call);
}

bool Same(const std::vector<ReachRow>& a, const std::vector<ReachRow>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].code != b[i].code || a[i].supported != b[i].supported ||
        a[i].reached != b[i].reached || a[i].reports != b[i].reports)
      return false;
  return true;
}

// The GROUP BY answering the same asks; then, untimed, whether each answer
// equals the maintained rows.
Summary GroupBy(storage::ConnectionPool& pool, const std::vector<Ask>& asks,
                int calls, bool& agree) {
  std::vector<std::vector<ReachRow>> answers(static_cast<size_t>(calls));
  Summary s = Sequential(calls, "group by", [&](int i) {
    return InTransaction(pool, [&](storage::Tx& tx) {
      answers[static_cast<size_t>(i)] =
          seed::ReachRowsByGroupBy(tx, AskAt(asks, i).key);
    });
  });
  agree = s.errors == 0;
  for (int i = 0; agree && i < calls; ++i) {
    std::vector<ReachRow> maintained;
    absl::Status read = InTransaction(pool, [&](storage::Tx& tx) {
      maintained = storage::monitoring_repo::ReachRows(tx, AskAt(asks, i).key);
    });
    agree = read.ok() && Same(answers[static_cast<size_t>(i)], maintained);
  }
  return s;
}

// Accepted reports (the totals of everything) and groups, as stored.
absl::Status Count(storage::ConnectionPool& pool, Figures& f) {
  return InTransaction(pool, [&](storage::Tx& tx) {
    auto rows = storage::monitoring_repo::ReachRows(tx, {"all", "", "", ""});
    f.reports = rows.empty() ? 0 : rows[0].reports;
    f.groups = seed::ReachGroupCount(tx);
  });
}

// Seeds up to `size` reports, settles and verifies the tables.
absl::Status Grow(const Target& t, const ReachOptions& o, ReachProgramme& p,
                  storage::ConnectionPool& pool, int64_t size) {
  fmt::print("\nseeding up to {} accepted reports, {} per transaction:\n", size,
             o.batch);
  RETURN_IF_ERROR(GrowReports(t, p, size, o.batch));
  absl::Time started = absl::Now();
  RETURN_IF_ERROR(seed::Settle(pool));
  fmt::print("  VACUUM (ANALYZE) and CHECKPOINT in {:.1f} s\n",
             absl::ToDoubleSeconds(absl::Now() - started));
  if (p.reports() > o.verify_max) {
    fmt::print("  VerifyReach skipped above {} reports (--verify-max)\n",
               o.verify_max);
    return absl::OkStatus();
  }
  return VerifyReach(t);
}

void PrintFigures(const ReachOptions& o, const ReachProgramme& p,
                  const Figures& f, int group_by_calls) {
  fmt::print(
      "at {} accepted reports ({} awards, 4 rounds, 3 funders), {} groups "
      "in reach_totals:\n",
      f.reports, p.awards, f.groups);
  fmt::print(
      "  GetReachSummary, gRPC + TLS + officer token, 1 client, {} calls:\n"
      "    {}\n",
      o.summary_calls, f.summary.Line("calls", 2));
  fmt::print(
      "  the same read in-process (monitoring_repo::ReachRows, libpqxx):\n"
      "    {}\n",
      f.in_process.Line("calls", 2));
  fmt::print("  GROUP BY over report_reach_rows (libpqxx), {} calls:\n    {}\n",
             group_by_calls, f.group_by.Line("calls", 1));
  fmt::print(
      "  GROUP BY / summary: p50 {:.0f}x, p99 {:.0f}x; GROUP BY answers "
      "equal the maintained ones: {}\n",
      f.group_by.p50_ms / f.summary.p50_ms,
      f.group_by.p99_ms / f.summary.p99_ms, f.agree ? "yes" : "NO");
}

// The sizes side by side.
void PrintComparison(const std::vector<Figures>& all) {
  fmt::print("\nreach summary:");
  auto row = [&](const char* name, auto cell) {
    PrintRow(all, 34, name, cell);
  };
  row("accepted reports", [](const Figures& f) { return f.reports; });
  row("groups in reach_totals", [](const Figures& f) { return f.groups; });
  row("summary p50/p99/max ms", [](const Figures& f) {
    return fmt::format("{:.2f}/{:.2f}/{:.2f}", f.summary.p50_ms,
                       f.summary.p99_ms, f.summary.max_ms);
  });
  row("summary calls/s", [](const Figures& f) {
    return fmt::format("{:.0f}", f.summary.throughput());
  });
  row("GROUP BY p50/p99 ms", [](const Figures& f) {
    return fmt::format("{:.1f}/{:.1f}", f.group_by.p50_ms, f.group_by.p99_ms);
  });
  row("GROUP BY/summary p50, p99", [](const Figures& f) {
    return fmt::format("{:.0f}x, {:.0f}x", f.group_by.p50_ms / f.summary.p50_ms,
                       f.group_by.p99_ms / f.summary.p99_ms);
  });
  fmt::print("\n");
}

// The targets: summary p99 <= 5 ms, within 2x from the first size
// to the last.
void PrintTargets(const std::vector<Figures>& all) {
  double worst = 0;
  for (const Figures& f : all) worst = std::max(worst, f.summary.p99_ms);
  const Figures &first = all.front(), &last = all.back();
  double growth = last.summary.p99_ms / first.summary.p99_ms;
  fmt::print(
      "\ntarget summary p99 <= 5 ms at every size: {} (worst {:.2f} ms)\n",
      worst <= 5 ? "met" : "NOT MET", worst);
  fmt::print(
      "target summary within 2x from {} to {} reports: {} (p99 {:.2f}x, "
      "p50 {:.2f}x)\n",
      first.reports, last.reports, growth <= 2 ? "met" : "NOT MET", growth,
      last.summary.p50_ms / first.summary.p50_ms);
}

// Grows the programme to size i, then measures and prints.
absl::StatusOr<Figures> MeasureAt(const Target& t, const ReachOptions& o,
                                  size_t i, ReachProgramme& p,
                                  storage::ConnectionPool& pool,
                                  const std::vector<Ask>& asks) {
  const int group_by_calls =
      o.group_by_calls[std::min(i, o.group_by_calls.size() - 1)];
  Figures f;
  RETURN_IF_ERROR(Grow(t, o, p, pool, o.sizes[i]));
  RETURN_IF_ERROR(Count(pool, f));
  f.summary = SummaryOverGrpc(t, asks, o.summary_calls);
  f.in_process = SummaryInProcess(pool, asks, o.summary_calls);
  f.group_by = GroupBy(pool, asks, group_by_calls, f.agree);
  PrintFigures(o, p, f, group_by_calls);
  return f;
}

}  // namespace

bool RunReach(const Target& t, const ReachOptions& o) {
  fmt::print(
      "workload: GetReachSummary (one scope, period and dimension from the "
      "maintained reach_totals) beside the plain GROUP BY over the "
      "accepted reports that answers the same; one programme, 4 rounds, "
      "awards reporting quarterly for {} quarters\n",
      kQuarters);
  if (o.sizes.empty() || o.group_by_calls.empty()) {
    fmt::print(stderr,
               "reach: --reach-sizes and --group-by-calls need values\n");
    return false;
  }
  auto p = SetUpReach(t, o.sizes.back());
  auto pool = storage::ConnectionPool::Open(t.database, 1);
  if (!p.ok() || !pool.ok()) {
    fmt::print(stderr, "setup failed: {}\n",
               (p.ok() ? pool.status() : p.status()).ToString());
    return false;
  }
  const std::vector<Ask> asks = Asks(*p);
  std::vector<Figures> all;
  bool ok = true;
  for (size_t i = 0; i < o.sizes.size(); ++i) {
    auto f = MeasureAt(t, o, i, *p, **pool, asks);
    if (!f.ok()) {
      fmt::print(stderr, "reach at {}: {}\n", o.sizes[i],
                 f.status().ToString());
      return false;
    }
    ok = ok && f->agree && f->summary.errors == 0 && f->in_process.errors == 0;
    all.push_back(*f);
  }
  PrintComparison(all);
  PrintTargets(all);
  return ok;
}

}  // namespace grants::bench
