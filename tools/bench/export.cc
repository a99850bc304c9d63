// Export benchmark: the 360Giving package streamed page by page over gRPC,
// in-process, and from the raw page query, with peak memory.
#include "tools/bench/export.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "grants/v1/monitoring.grpc.pb.h"
#include "common/status.h"
#include "services/monitoring/export_service.h"
#include "domain/reach/open_data.h"
#include "tools/bench/seed.h"
#include "storage/export_repository.h"
#include "storage/pool.h"
#include "tools/bench/memory.h"
#include "tools/bench/reach_seed.h"
#include "tools/bench/table.h"

namespace grants::bench {
namespace {

namespace fs = std::filesystem;

// Of every ten awards: six active and one terminated, each with its first
// half paid, and three accepted, nothing paid yet. Planned for a year.
const seed::AwardTerms kTerms{
    .start_date = "2027-04-01",
    .months = 12,
    .states = {"active", "accepted", "active", "active", "terminated", "active",
               "accepted", "active", "accepted", "active"}};

// The page after `token` ("" for the first): its grants' JSON text appended
// to `grants`. Returns the next page's token, "" after the last page.
using FetchPage = std::function<absl::StatusOr<std::string>(
    const std::string& token, std::vector<std::string>& grants)>;

// One way of streaming the whole export into a package file.
struct Run {
  Summary pages;  // one latency sample per page fetched (writing aside)
  int64_t grants = 0;
  uintmax_t bytes = 0;              // the package file's size
  RssGrowth client;                 // this process
  std::optional<RssGrowth> server;  // grantsd, when its pid is known
  std::string validated;            // the validator's verdict, if it ran
  double grants_per_s() const {
    return pages.seconds > 0 ? grants / pages.seconds : 0;
  }
};

struct Figures {
  int64_t awards = 0;
  Run grpc, service, raw;
  double ratio() const {
    return raw.grants_per_s() > 0 ? grpc.grants_per_s() / raw.grants_per_s()
                                  : 0;
  }
};

reach::Publisher ServerPublisher() {
  reach::Publisher publisher;
  publisher.prefix = monitoring::kPublisherPrefix;
  return publisher;
}

// As grantsctl writes it.
reach::Publisher PackagePublisher() {
  reach::Publisher publisher = ServerPublisher();
  publisher.name = "London small grants (pooled fund)";
  return publisher;
}

// Every page into a package at `file`, timing each fetch; the file's size.
absl::StatusOr<Run> Stream(const FetchPage& fetch, const fs::path& file) {
  Run run;
  Samples samples;
  std::ofstream out(file, std::ios::binary);
  absl::Time started = absl::Now();
  try {
    reach::PackageWriter writer(out, PackagePublisher());
    std::vector<std::string> grants;
    std::string token;
    do {
      grants.clear();
      absl::Time asked = absl::Now();
      ASSIGN_OR_RETURN(token, fetch(token, grants));
      samples.ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - asked));
      for (const auto& g : grants) writer.AddJson(g);
    } while (!token.empty());
    writer.Finish();
    run.grants = writer.written();
  } catch (const std::exception& e) {  // the writer's and ToGrantText's
    return absl::InternalError(fmt::format("package: {}", e.what()));
  }
  out.close();
  if (!out) return absl::InternalError("cannot write " + file.string());
  run.pages =
      Summarise({samples}, absl::ToDoubleSeconds(absl::Now() - started));
  run.bytes = fs::file_size(file);
  return run;
}

// Stream() with the peak RSS of this process and of grantsd reset before
// and read after.
absl::StatusOr<Run> Measured(int server_pid, const FetchPage& fetch,
                             const fs::path& file) {
  RssGrowth client, server;
  client.before = ReadRss(0).value_or(Rss{});
  bool server_reset = server_pid > 0 && ResetPeak(server_pid);
  if (server_reset) server.before = ReadRss(server_pid).value_or(Rss{});
  if (!ResetPeak(0)) return absl::InternalError("cannot reset peak RSS");
  ASSIGN_OR_RETURN(Run run, Stream(fetch, file));
  client.after = ReadRss(0).value_or(Rss{});
  run.client = client;
  if (server_reset) {
    server.after = ReadRss(server_pid).value_or(Rss{});
    run.server = server;
  }
  return run;
}

// Moves a page's grant texts to `grants` and returns `next`; INTERNAL when
// the page reports an unpublishable award (every seeded one should publish).
template <typename Texts, typename Problems>
absl::StatusOr<std::string> Take(Texts& page_grants, const Problems& problems,
                                 const std::string& next,
                                 std::vector<std::string>& grants) {
  if (!problems.empty())
    return absl::InternalError("not exported: " + *problems.begin());
  for (auto& g : page_grants) grants.push_back(std::move(g));
  return next;
}

// ExportGrants over gRPC with TLS and an officer's token, as grantsctl
// calls it, after one untimed call that opens the connection.
FetchPage OverGrpc(const Target& t, const std::string& programme_id,
                   int page_size) {
  std::shared_ptr stub = v1::MonitoringService::NewStub(Channel(t));
  const std::string officer = Token(t, Role::kOfficer, "");
  auto call = [=](const std::string& token, int size,
                  v1::ExportGrantsResponse& page) {
    v1::ExportGrantsRequest req;
    req.set_programme_id(programme_id);
    req.set_page_size(size);
    req.set_page_token(token);
    return Check(stub->ExportGrants(As(officer).get(), req, &page), "export");
  };
  v1::ExportGrantsResponse warm_up;
  (void)call("", 1, warm_up);
  return [=](const std::string& token,
             std::vector<std::string>& grants) -> absl::StatusOr<std::string> {
    v1::ExportGrantsResponse page;
    RETURN_IF_ERROR(call(token, page_size, page));
    return Take(*page.mutable_grants(), page.problems(), page.next_page_token(),
                grants);
  };
}

// What the handler calls, in-process: the count and the page query in one
// transaction, each award mapped to grant JSON.
FetchPage InProcess(monitoring::ExportService& service,
                    const std::string& programme_id, int page_size) {
  return [&service, programme_id, page_size](
             const std::string& token,
             std::vector<std::string>& grants) -> absl::StatusOr<std::string> {
    ASSIGN_OR_RETURN(monitoring::ExportPage page,
                     service.Page(programme_id, token, page_size));
    return Take(page.grants, page.problems, page.next_page_token, grants);
  };
}

// The raw baseline: the page query through libpqxx, each row mapped to
// grant JSON here.
FetchPage RawSql(storage::ConnectionPool& pool, const std::string& programme_id,
                 int page_size) {
  return [&pool, programme_id, page_size](
             const std::string& token,
             std::vector<std::string>& grants) -> absl::StatusOr<std::string> {
    std::vector<std::pair<std::string, reach::GrantRecord>> rows;
    RETURN_IF_ERROR(storage::RunInTransaction(pool, [&](storage::Tx& tx) {
      rows = storage::export_repo::Page(tx, programme_id, token, page_size);
      return absl::OkStatus();
    }));
    for (const auto& [id, record] : rows)
      grants.push_back(reach::ToGrantText(ServerPublisher(), record));
    return static_cast<int>(rows.size()) == page_size ? rows.back().first : "";
  };
}

// Seeds up to `size` awards with their instalments, then settles the
// tables. Prints the time of each.
absl::Status Grow(const Target& t, const ExportOptions& o, ReachProgramme& p,
                  storage::ConnectionPool& pool, int64_t size) {
  fmt::print("\nseeding up to {} exportable awards, {} per batch:\n", size,
             o.batch);
  absl::Time started = absl::Now();
  RETURN_IF_ERROR(GrowAwards(
      t, p, "EXPORT", size, o.batch, kTerms,
      [](storage::Tx& tx, const std::vector<std::string>& award_ids) {
        seed::SeedPayments(tx, award_ids);
      }));
  absl::Time seeded = absl::Now();
  RETURN_IF_ERROR(seed::Settle(pool));
  fmt::print(
      "  seeded in {:.1f} s; VACUUM (ANALYZE) and CHECKPOINT in {:.1f} s\n",
      absl::ToDoubleSeconds(seeded - started),
      absl::ToDoubleSeconds(absl::Now() - seeded));
  return absl::OkStatus();
}

// tests/validate_360giving.py on `file` (its errors on stderr); records
// the verdict and the time in `run`. Returns whether the package is valid.
bool Validate(const ExportOptions& o, const fs::path& file, Run& run) {
  absl::Time started = absl::Now();
  const std::string command =
      fmt::format("/usr/bin/python3 '{}' '{}' '{}' >/dev/null", o.validator,
                  file.string(), o.schema_dir);
  std::fflush(stdout);
  const bool valid = std::system(command.c_str()) == 0;
  run.validated = fmt::format("{} in {:.1f} s", valid ? "valid" : "INVALID",
                              absl::ToDoubleSeconds(absl::Now() - started));
  return valid;
}

// Streams the export with `fetch` into a temporary file, checks that every
// seeded award was written and, if `validate`, that the package validates;
// then deletes the file.
absl::StatusOr<Run> RunOnce(const ExportOptions& o, const ReachProgramme& p,
                            const char* how, const FetchPage& fetch,
                            bool validate) {
  const fs::path file =
      fs::temp_directory_path() /
      fmt::format("grants-bench-export-{}-{}-{}.json", p.tag, how, p.awards);
  absl::StatusOr<Run> run = Measured(o.server_pid, fetch, file);
  if (run.ok() && run->grants != p.awards)
    run = absl::InternalError(fmt::format("{}: wrote {} grants of {} awards",
                                          how, run->grants, p.awards));
  if (run.ok() && validate && !Validate(o, file, *run))
    run = absl::InternalError("the package does not validate");
  std::error_code ignored;
  fs::remove(file, ignored);
  return run;
}

void PrintRun(const char* title, const Run& r) {
  fmt::print("  {}:\n    {}\n", title, r.pages.Line("pages", 1));
  fmt::print("    {} grants in {:.2f} s: {:.0f} grants/s, package {:.1f} MiB\n",
             r.grants, r.pages.seconds, r.grants_per_s(),
             static_cast<double>(r.bytes) / (1 << 20));
  fmt::print("    client {}\n", r.client.Line());
  if (r.server) fmt::print("    grantsd {}\n", r.server->Line());
  if (!r.validated.empty())
    fmt::print("    tests/validate_360giving.py: {}\n", r.validated);
}

// Grows the programme to size i, then streams the export three ways and
// prints each.
absl::StatusOr<Figures> MeasureAt(const Target& t, const ExportOptions& o,
                                  size_t i, ReachProgramme& p,
                                  storage::ConnectionPool& pool) {
  RETURN_IF_ERROR(Grow(t, o, p, pool, o.sizes[i]));
  const bool validate =
      i + 1 == o.sizes.size() && !o.validator.empty() && !o.schema_dir.empty();
  monitoring::ExportService service(pool);
  Figures f{.awards = p.awards};
  fmt::print("at {} awards (4 rounds, 3 funders), pages of {}:\n", f.awards,
             o.page_size);
  ASSIGN_OR_RETURN(
      f.grpc, RunOnce(o, p, "grpc", OverGrpc(t, p.programme_id, o.page_size),
                      validate));
  PrintRun(
      "ExportGrants over gRPC + TLS + officer token, 1 client, into a "
      "PackageWriter",
      f.grpc);
  ASSIGN_OR_RETURN(
      f.service,
      RunOnce(o, p, "service", InProcess(service, p.programme_id, o.page_size),
              false));
  PrintRun(
      "the same pages in-process (monitoring::ExportService::Page: the "
      "count on the first page, the page query on each)",
      f.service);
  ASSIGN_OR_RETURN(
      f.raw,
      RunOnce(o, p, "raw", RawSql(pool, p.programme_id, o.page_size), false));
  PrintRun(
      "raw SQL baseline (export_repo::Page through libpqxx, "
      "ToGrantText; no gRPC/TLS/tokens)",
      f.raw);
  fmt::print("  ratio gRPC/raw: {:.2f}\n", f.ratio());
  return f;
}

std::string Mib(const std::optional<RssGrowth>& g) {
  if (!g) return "-";
  return fmt::format("{:.1f} ({:+.1f})", g->after.peak_mib, g->growth_mib());
}

// The sizes side by side, and how the peaks grew from the first to the last.
void PrintComparison(const std::vector<Figures>& all) {
  fmt::print("\nexport summary:");
  auto row = [&](const char* name, auto cell) {
    PrintRow(all, 36, name, cell);
  };
  row("awards exported", [](const Figures& f) { return f.awards; });
  row("gRPC s, grants/s", [](const Figures& f) {
    return fmt::format("{:.2f}, {:.0f}", f.grpc.pages.seconds,
                       f.grpc.grants_per_s());
  });
  row("gRPC page p50/p99/max ms", [](const Figures& f) {
    return fmt::format("{:.1f}/{:.1f}/{:.1f}", f.grpc.pages.p50_ms,
                       f.grpc.pages.p99_ms, f.grpc.pages.max_ms);
  });
  row("client peak RSS MiB (growth)",
      [](const Figures& f) { return Mib(f.grpc.client); });
  row("grantsd peak RSS MiB (growth)",
      [](const Figures& f) { return Mib(f.grpc.server); });
  row("in-process grants/s", [](const Figures& f) {
    return fmt::format("{:.0f}", f.service.grants_per_s());
  });
  row("raw s, grants/s", [](const Figures& f) {
    return fmt::format("{:.2f}, {:.0f}", f.raw.pages.seconds,
                       f.raw.grants_per_s());
  });
  row("ratio gRPC/raw",
      [](const Figures& f) { return fmt::format("{:.2f}", f.ratio()); });
  fmt::print("\n");
}

// Whether memory stays flat: the peaks' growth at the first size and the
// last, against the growth in awards.
void PrintFlatness(const std::vector<Figures>& all) {
  const Figures &first = all.front(), &last = all.back();
  auto grew = [](const std::optional<RssGrowth>& a,
                 const std::optional<RssGrowth>& b) {
    if (!a || !b) return std::string("not measured");
    return fmt::format("{:+.1f} MiB at the first, {:+.1f} MiB at the last",
                       a->growth_mib(), b->growth_mib());
  };
  fmt::print(
      "\nfrom {} to {} awards ({:.0f}x), peak RSS growth during the "
      "gRPC export:\n  client  {}\n  grantsd {}\n",
      first.awards, last.awards,
      static_cast<double>(last.awards) / first.awards,
      grew(first.grpc.client, last.grpc.client),
      grew(first.grpc.server, last.grpc.server));
}

}  // namespace

bool RunExport(const Target& t, const ExportOptions& o) {
  fmt::print(
      "workload: the 360Giving export of one programme's awards (60% active "
      "and 10% terminated with half paid, 30% accepted; 1-3 boroughs, 1-2 "
      "communities, 3 funders each) streamed page by page into a package "
      "file, over gRPC and in-process\n");
  if (o.sizes.empty() || o.page_size < 1 || o.page_size > 1000) {
    fmt::print(stderr,
               "export: --export-sizes needs values and "
               "--export-page-size 1-1000\n");
    return false;
  }
  if (o.server_pid > 0 && !ResetPeak(o.server_pid))
    fmt::print(stderr,
               "export: cannot reset grantsd's peak RSS (pid {}); "
               "its memory is not reported\n",
               o.server_pid);
  auto p = SetUpProgramme(t, "Open data", o.sizes.back());
  auto pool = storage::ConnectionPool::Open(t.database, 1);
  if (!p.ok() || !pool.ok()) {
    fmt::print(stderr, "setup failed: {}\n",
               (p.ok() ? pool.status() : p.status()).ToString());
    return false;
  }
  std::vector<Figures> all;
  for (size_t i = 0; i < o.sizes.size(); ++i) {
    auto f = MeasureAt(t, o, i, *p, **pool);
    if (!f.ok()) {
      fmt::print(stderr, "export at {}: {}\n", o.sizes[i],
                 f.status().ToString());
      return false;
    }
    all.push_back(*f);
  }
  PrintComparison(all);
  PrintFlatness(all);
  return true;
}

}  // namespace grants::bench
