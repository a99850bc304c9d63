// grants_bench: two scenarios, each over gRPC with TLS and token checks,
// then as the same transactions in-process at 1..64 connections; prints
// throughput, latency and the ratio to the best raw run. The deadline rush:
// N grantees create and submit applications to one open round. The
// contended award: N officers offer awards at once for approved
// applications of one closed round, all committing on its one budget row.
// And, not in "all" as they seed in bulk: the reach scenario,
// GetReachSummary at 100k and 1M accepted reports beside the GROUP BY that
// the maintained totals save; the export scenario, the 360Giving export of
// 10k and 100k awards streamed over gRPC beside the raw page query, with
// the peak RSS of the client and of grantsd (--server-pid).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <functional>
#include <sstream>

#include "common/crypto.h"
#include "common/money.h"
#include "tools/bench/export.h"
#include "tools/bench/load.h"
#include "tools/bench/offers.h"
#include "tools/bench/reach.h"
#include "tools/bench/workload.h"

namespace {

using grants::bench::Summary;

struct Options {
  grants::bench::Target target;
  std::string ca_file, key_file, audit_file;
  std::string scenario = "all";
  int clients = 64, seconds = 15, raw_seconds = 5;
  int approved = 150'000;
  std::vector<int> levels = {1, 2, 4, 8, 16, 32, 64};
  grants::bench::ReachOptions reach;
  grants::bench::ExportOptions exports;
  std::string acks_file;
};

// Each offer, and each approved application's amount: £1,000.
constexpr int64_t kOfferMinor = 100'000;

// The whole file; a usage error when it cannot be read.
std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw CLI::ValidationError("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The CPU model /proc/cpuinfo names first.
std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown CPU";
}

// The reach scenario's options.
void AddReachOptions(CLI::App& app, grants::bench::ReachOptions& r) {
  app.add_option("--reach-sizes", r.sizes,
                 "accepted reports to measure at, growing")
      ->delimiter(',');
  app.add_option("--reach-batch", r.batch, "reports seeded per transaction");
  app.add_option("--summary-calls", r.summary_calls,
                 "sequential GetReachSummary calls at each size");
  app.add_option("--group-by-calls", r.group_by_calls,
                 "sequential GROUP BY calls at each size (the last repeats)")
      ->delimiter(',');
  app.add_option("--verify-max", r.verify_max,
                 "VerifyReach after seeding up to this many reports");
}

// The export scenario's options.
void AddExportOptions(CLI::App& app, grants::bench::ExportOptions& e) {
  app.add_option("--export-sizes", e.sizes, "awards to export at, growing")
      ->delimiter(',');
  app.add_option("--export-batch", e.batch, "awards seeded per batch");
  app.add_option("--export-page-size", e.page_size, "grants per page (1-1000)");
  app.add_option("--server-pid", e.server_pid,
                 "grantsd's process id, for its peak RSS");
  app.add_option("--validator", e.validator,
                 "tests/validate_360giving.py, to validate the last package");
  app.add_option("--schema-dir", e.schema_dir,
                 "the 360Giving schema directory for --validator");
}

// Declares the command line; the files named are read after parsing.
void AddOptions(CLI::App& app, Options& o) {
  app.add_option("--server", o.target.server, "grantsd host:port")->required();
  app.add_option("--ca", o.ca_file, "CA PEM of the server certificate")->required();
  app.add_option("--signing-key", o.key_file, "dev token signing key PEM")->required();
  app.add_option("--database", o.target.database, "grantsd's database (libpq)")->required();
  app.add_option("--audit-key-file", o.audit_file, "grantsd's audit key file")->required();
  app.add_option("--scenario", o.scenario,
                 "rush, offers, all (rush then offers), reach, export, or load "
                 "(ops/fault-test.sh's retrying grantees, no baseline)")
      ->check(CLI::IsMember(
          {"rush", "offers", "all", "reach", "export", "load"}));
  app.add_option("--clients", o.clients, "concurrent grantees or officers over gRPC");
  app.add_option("--seconds", o.seconds, "length of the gRPC run");
  app.add_option("--raw-seconds", o.raw_seconds, "length of each raw run");
  app.add_option("--raw-levels", o.levels, "raw connection counts")->delimiter(',');
  app.add_option("--approved", o.approved,
                 "approved applications seeded for the offers scenario");
  app.add_option("--acks-file", o.acks_file,
                 "load: where to write each acknowledged submission");
  AddReachOptions(app, o.reach);
  AddExportOptions(app, o.exports);
}

// Runs `raw` at each raw level and prints it, then the best and the ratio
// of `grpc` to the best. Returns the operations of all raw runs.
int64_t RawSweep(const Options& o, const Summary& grpc, std::string_view unit,
                 const std::function<Summary(int)>& raw) {
  Summary best;
  int best_level = 0;
  int64_t ops = 0;
  for (int n : o.levels) {
    Summary run = raw(n);
    ops += run.ops;
    fmt::print("  {:>2} connections: {}\n", n, run.Line(unit));
    if (run.throughput() > best.throughput()) {
      best = run;
      best_level = n;
    }
  }
  double ratio = best.throughput() > 0 ? grpc.throughput() / best.throughput() : 0;
  fmt::print("\nbest raw: {:.1f} {}/s at {} connections\n", best.throughput(), unit,
             best_level);
  fmt::print("ratio gRPC/raw at {} clients: {:.2f}\n", o.clients, ratio);
  return ops;
}

// The deadline rush. Returns whether the gRPC run had no errors.
bool Rush(const Options& o) {
  grants::bench::Applicants applicants;
  applicants.count = 400'000;
  auto round = grants::bench::SetUp(o.target, applicants);
  if (!round.ok()) {
    fmt::print(stderr, "setup failed: {}\n", round.status().ToString());
    return false;
  }
  fmt::print("workload: create + submit an application to one open round "
             "(one op = both RPCs / both transactions)\n\n");
  auto grpc = grants::bench::RunGrpc(o.target, *round, applicants, o.clients,
                                     absl::Seconds(o.seconds));
  fmt::print("gRPC, TLS, bearer tokens, {} grantees, {} s:\n  {}\n\n", o.clients,
             o.seconds, grpc.Line());
  fmt::print("raw SQL baseline (the same transactions through the storage layer, "
             "libpqxx, no gRPC/TLS/tokens), {} s each:\n", o.raw_seconds);
  RawSweep(o, grpc, "ops", [&](int n) {
    return grants::bench::RunRaw(o.target, *round, applicants, n,
                                 absl::Seconds(o.raw_seconds));
  });
  return grpc.errors == 0;
}

// Prints the refusals for want of budget and the round's commitment, which
// must equal the successful offers times the amount. Returns whether no
// offer was refused BUDGET_EXHAUSTED and the commitment adds up.
bool ReportBudget(const Options& o, const grants::bench::OfferBatch& batch,
                  int64_t offers) {
  int64_t refused = batch.budget_exhausted.load();
  fmt::print("refused BUDGET_EXHAUSTED: {}\n", refused);
  auto settings = grants::bench::RoundCommitment(o.target, batch);
  if (!settings.ok()) {
    fmt::print(stderr, "award settings: {}\n", settings.status().ToString());
    return false;
  }
  int64_t committed = settings->committed().minor_units();
  fmt::print("round committed {} of its budget {} ({} offers of {})\n",
             grants::FormatMoney("GBP", committed),
             grants::FormatMoney("GBP", settings->budget().minor_units()), offers,
             grants::FormatMoney("GBP", batch.amount_minor));
  if (batch.RanOut())
    fmt::print(stderr, "warning: every approved application was offered before "
                       "the runs ended; seed more with --approved\n");
  return refused == 0 && committed == offers * batch.amount_minor;
}

// The contended award. Returns whether the gRPC run had no errors and the
// budget held every offer.
bool Offers(const Options& o) {
  grants::bench::OfferBatch batch;
  absl::Time started = absl::Now();
  auto setup = grants::bench::SetUpOffers(o.target, o.approved, kOfferMinor, batch);
  if (!setup.ok()) {
    fmt::print(stderr, "setup failed: {}\n", setup.ToString());
    return false;
  }
  fmt::print("workload: offer an award for an approved application of one closed "
             "round (one op = one OfferAward / one offer transaction; each "
             "commits {} on the round's commitment row; {} approved "
             "applications seeded, set-up {:.1f} s)\n\n",
             grants::FormatMoney("GBP", kOfferMinor), batch.application_ids.size(),
             absl::ToDoubleSeconds(absl::Now() - started));
  auto grpc = grants::bench::RunOffersGrpc(o.target, batch, o.clients,
                                           absl::Seconds(o.seconds));
  fmt::print("gRPC, TLS, one officer bearer token, {} officers, {} s:\n  {}\n\n",
             o.clients, o.seconds, grpc.Line("offers"));
  fmt::print("raw baseline (the same offers through awards::AwardService::Offer "
             "in-process, libpqxx, no gRPC/TLS/tokens), {} s each:\n", o.raw_seconds);
  int64_t raw_ops = RawSweep(o, grpc, "offers", [&](int n) {
    return grants::bench::RunOffersRaw(o.target, batch, n, absl::Seconds(o.raw_seconds));
  });
  bool budget_ok = ReportBudget(o, batch, grpc.ops + raw_ops);
  return grpc.errors == 0 && budget_ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "grants_bench: deadline-rush, contended-award, reach and export "
      "benchmarks"};
  Options o;
  AddOptions(app, o);
  CLI11_PARSE(app, argc, argv);
  o.target.ca_pem = Slurp(o.ca_file);
  o.target.signing_key_pem = Slurp(o.key_file);
  std::string hex = Slurp(o.audit_file);
  o.target.audit_key = grants::FromHex(hex.substr(0, 64));

  fmt::print("machine: {} cores, {}\n", sysconf(_SC_NPROCESSORS_ONLN), CpuModel());
  bool ok = true;
  if (o.scenario == "reach")
    return grants::bench::RunReach(o.target, o.reach) ? 0 : 1;
  if (o.scenario == "export")
    return grants::bench::RunExport(o.target, o.exports) ? 0 : 1;
  if (o.scenario == "load") {
    grants::bench::LoadOptions load{.clients = o.clients,
                                    .duration = absl::Seconds(o.seconds),
                                    .acks_file = o.acks_file};
    return grants::bench::RunLoad(o.target, load) ? 0 : 1;
  }
  if (o.scenario != "offers") ok = Rush(o) && ok;
  if (o.scenario == "all") fmt::print("\n");
  if (o.scenario != "rush") ok = Offers(o) && ok;
  return ok ? 0 : 1;
}
