// grants_bench: the deadline-rush benchmark. N grantees create and submit
// applications to one open round over gRPC with TLS and token checks, then
// the same transactions run straight through the storage layer at 1..64
// connections; prints throughput, latency and the ratio to the best raw run.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <sstream>

#include "services/common/crypto.h"
#include "tools/bench/workload.h"

namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw CLI::ValidationError("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown CPU";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"grants_bench: deadline-rush benchmark"};
  std::string ca_file, key_file, audit_file;
  grants::bench::Target target;
  int clients = 64, seconds = 15, raw_seconds = 5;
  std::vector<int> levels = {1, 2, 4, 8, 16, 32, 64};
  app.add_option("--server", target.server, "grantsd host:port")->required();
  app.add_option("--ca", ca_file, "CA PEM of the server certificate")->required();
  app.add_option("--signing-key", key_file, "dev token signing key PEM")->required();
  app.add_option("--database", target.database, "grantsd's database (libpq)")->required();
  app.add_option("--audit-key-file", audit_file, "grantsd's audit key file")->required();
  app.add_option("--clients", clients, "concurrent grantees over gRPC");
  app.add_option("--seconds", seconds, "length of the gRPC run");
  app.add_option("--raw-seconds", raw_seconds, "length of each raw run");
  app.add_option("--raw-levels", levels, "raw connection counts")->delimiter(',');
  CLI11_PARSE(app, argc, argv);
  target.ca_pem = Slurp(ca_file);
  target.signing_key_pem = Slurp(key_file);
  std::string hex = Slurp(audit_file);
  target.audit_key = grants::FromHex(hex.substr(0, 64));

  grants::bench::Applicants applicants;
  applicants.count = 400'000;
  auto round = grants::bench::SetUp(target, applicants);
  if (!round.ok()) {
    fmt::print(stderr, "setup failed: {}\n", round.status().ToString());
    return 1;
  }
  fmt::print("machine: {} cores, {}\n", sysconf(_SC_NPROCESSORS_ONLN), CpuModel());
  fmt::print("workload: create + submit an application to one open round "
             "(one op = both RPCs / both transactions)\n\n");

  auto grpc = grants::bench::RunGrpc(target, *round, applicants, clients,
                                     absl::Seconds(seconds));
  fmt::print("gRPC, TLS, bearer tokens, {} grantees, {} s:\n  {}\n\n", clients,
             seconds, grpc.Line());

  fmt::print("raw SQL baseline (the same transactions through the storage layer, "
             "libpqxx, no gRPC/TLS/tokens), {} s each:\n", raw_seconds);
  grants::bench::Summary best;
  int best_level = 0;
  for (int n : levels) {
    auto raw = grants::bench::RunRaw(target, *round, applicants, n,
                                     absl::Seconds(raw_seconds));
    fmt::print("  {:>2} connections: {}\n", n, raw.Line());
    if (raw.throughput() > best.throughput()) {
      best = raw;
      best_level = n;
    }
  }
  double ratio = best.throughput() > 0 ? grpc.throughput() / best.throughput() : 0;
  fmt::print("\nbest raw: {:.1f} ops/s at {} connections\n", best.throughput(), best_level);
  fmt::print("ratio gRPC/raw at {} clients: {:.2f}\n", clients, ratio);
  return grpc.errors == 0 ? 0 : 1;
}
