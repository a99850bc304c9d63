// `grantsctl reach`: reach summaries (exact and live for officers; released
// and protected for funders, or with --released), releasing a quarter, the
// consistency check, and the funders' charts (a London tile map and
// communities against targets) written as SVG, from released figures with
// --public.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "clients/grantsctl/svg_charts.h"
#include "common/reference_data.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kReachHeader = {"CODE", "NAME", "SUPPORTED_DIRECTLY",
                          "REACHED_WITH_INFORMATION", "REPORTS"};

bool Complementary(v1::Suppression s) {
  return s == v1::SUPPRESSION_COMPLEMENTARY;
}

// A breakdown code's name: a borough's ("E09000030" -> "Tower Hamlets"),
// a community's ("disabled_people" -> "Disabled people"); "" otherwise.
std::string NameOf(v1::Dimension by, const std::string& code) {
  if (by == v1::DIMENSION_BOROUGH) {
    for (const Borough& b : LondonBoroughs())
      if (b.gss == code) return std::string(b.name);
    return "";
  }
  if (by == v1::DIMENSION_COMMUNITY && !code.empty() && code != "not_recorded")
    return CommunityLabel(code);
  return "";
}

Row ReachRowOf(const v1::ReachRow& r, v1::Dimension by) {
  return {
      r.code().empty() ? "total" : r.code(), NameOf(by, r.code()),
      FigureText(r.people_supported_directly(), r.supported_suppressed(),
                 Complementary(r.supported_suppression())),
      FigureText(r.people_reached_with_information(), r.reached_suppressed(),
                 Complementary(r.reached_suppression())),
      std::to_string(r.reports())};
}

struct ScopeFlags {
  std::string scope = "all", id, period, by, measure = "supported";
  bool released = false;
};

void AddScopeFlags(CLI::App* cmd, ScopeFlags* f) {
  cmd->add_option("--scope", f->scope, "all, programme, round or funder")
      ->check(CLI::IsMember(CodesOf<v1::ReachScope>()))
      ->capture_default_str();
  cmd->add_option("--id", f->id, "The programme, round or funder id");
  cmd->add_option("--period", f->period,
                  "A quarter, e.g. 2025-Q1 (default: all time)");
}

absl::StatusOr<v1::ReachSummary> Fetch(Client& client, const ScopeFlags& f,
                                       v1::Dimension dimension) {
  v1::GetReachSummaryRequest req;
  ASSIGN_OR_RETURN(
      v1::ReachScope scope,
      ParseCode<v1::ReachScope>("--scope", "SCOPE_INVALID", f.scope));
  req.set_scope(scope);
  req.set_scope_id(f.id);
  req.set_period(f.period);
  req.set_dimension(dimension);
  req.set_released(f.released);
  v1::ReachSummary resp;
  RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
    return client.monitoring().GetReachSummary(c, req, &resp);
  }));
  return resp;
}

void AddSummary(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<ScopeFlags>();
  auto* cmd = noun->add_subcommand(
      "summary",
      "Totals and one breakdown; supported directly and reached "
      "with information are separate measures");
  AddScopeFlags(cmd, f.get());
  cmd->add_option("--by", f->by, "community, borough, language or age_band")
      ->check(CLI::IsMember(CodesOf<v1::Dimension>()));
  cmd->add_flag("--released", f->released,
                "The released, protected figures a funder and the public "
                "see (--scope programme; always so for a funder)");
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    ASSIGN_OR_RETURN(v1::Dimension by, ParseCode<v1::Dimension>(
                                           "--by", "DIMENSION_INVALID", f->by));
    ASSIGN_OR_RETURN(v1::ReachSummary s, Fetch(client, *f, by));
    Table table{kReachHeader, {ReachRowOf(s.total(), by)}};
    for (const auto& r : s.rows()) table.rows.push_back(ReachRowOf(r, by));
    return out.Print(s, table);
  });
}

const Row kReleaseHeader = {"ID",      "PROGRAMME",   "QUARTER",
                            "REPORTS", "RELEASED_BY", "RELEASED_AT"};

Row ReleaseRowOf(const v1::ReachRelease& r) {
  return {r.id(),          r.programme_id(),
          r.quarter(),     std::to_string(r.reports()),
          r.released_by(), TimeText(r.release_time())};
}

void AddRelease(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ReleaseReachRequest>();
  auto* cmd = noun->add_subcommand(
      "release",
      "Freeze a programme's figures for an ended quarter into the protected "
      "release funders and the public read (officer)");
  cmd->add_option("--programme", *req->mutable_programme_id(), "Programme id")
      ->required();
  cmd->add_option("--quarter", *req->mutable_quarter(), "e.g. 2025-Q1")
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    v1::ReachRelease resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.monitoring().ReleaseReach(c, *req, &resp);
    }));
    return out.Print(resp, {kReleaseHeader, {ReleaseRowOf(resp)}});
  });
}

void AddReleases(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ListReachReleasesRequest>();
  auto* cmd =
      noun->add_subcommand("releases", "A programme's released quarters");
  cmd->add_option("--programme", *req->mutable_programme_id(), "Programme id")
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::ListReachReleasesResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.monitoring().ListReachReleases(c, *req, &resp);
    }));
    return out.Print(resp,
                     TableOf(kReleaseHeader, resp.releases(), ReleaseRowOf));
  });
}

void AddPublicFlag(CLI::App* cmd, ScopeFlags* f) {
  cmd->add_flag("--public", f->released,
                "Draw the released, protected figures (what may be "
                "published; --scope programme)");
}

void AddVerify(CLI::App* noun, CommandContext* ctx) {
  auto* cmd = noun->add_subcommand(
      "verify",
      "Recompute every reach figure from the accepted reports and "
      "compare (exit 1 on a difference)");
  OnRun(cmd, ctx, [ctx](Client& client, const Printer& out) -> absl::Status {
    v1::VerifyReachResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.monitoring().VerifyReach(c, v1::VerifyReachRequest(),
                                             &resp);
    }));
    if (!resp.consistent()) ctx->exit_code = 1;
    Table table{
        {"CONSISTENT", "GROUPS", "MISMATCHES"},
        {{resp.consistent() ? "ok" : "MISMATCH", std::to_string(resp.groups()),
          std::to_string(resp.mismatches_size())}}};
    return out.Print(resp, table);
  });
}

absl::Status WriteFile(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
  if (!file.good())
    return UsageError("--out", "FILE_UNWRITABLE", "cannot write " + path);
  return absl::OkStatus();
}

// The title says the measure and the breakdown ("People supported
// directly, by borough"); the caption the scope and period.
ChartOptions Options(const ScopeFlags& f, const std::string& by) {
  std::string measure = f.measure == "reached"
                            ? "People reached with information"
                            : "People supported directly";
  return {.title = measure + ", by " + by,
          .caption = fmt::format("{}, {} {}{}", measure, f.scope, f.id,
                                 f.period.empty() ? "" : ", " + f.period),
          .legend_title = measure};
}

void AddMap(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<ScopeFlags>();
  auto path = std::make_shared<std::string>();
  auto* cmd = noun->add_subcommand(
      "map", "Write reach by borough as a London tile map (SVG)");
  AddScopeFlags(cmd, f.get());
  AddPublicFlag(cmd, f.get());
  cmd->add_option("--measure", f->measure, "supported or reached")
      ->check(CLI::IsMember({"supported", "reached"}));
  cmd->add_option("--out", *path, "The SVG file to write")->required();
  OnRun(cmd, ctx,
        [f, path](Client& client, const Printer& out) -> absl::Status {
          ASSIGN_OR_RETURN(v1::ReachSummary s,
                           Fetch(client, *f, v1::DIMENSION_BOROUGH));
          std::map<std::string, AreaCount> areas;
          bool reached = f->measure == "reached";
          for (const auto& r : s.rows())
            areas[r.code()] =
                reached ? AreaCount{r.people_reached_with_information(),
                                    r.reached_suppressed(),
                                    Complementary(r.reached_suppression())}
                        : AreaCount{r.people_supported_directly(),
                                    r.supported_suppressed(),
                                    Complementary(r.supported_suppression())};
          RETURN_IF_ERROR(
              WriteFile(*path, BoroughTileMap(areas, Options(*f, "borough"))));
          return out.Print(s, {{"WROTE", "BOROUGHS"},
                               {{*path, std::to_string(s.rows_size())}}});
        });
}

void AddCommunities(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<ScopeFlags>();
  auto path = std::make_shared<std::string>();
  auto targets = std::make_shared<std::vector<std::string>>();
  auto* cmd = noun->add_subcommand(
      "communities",
      "Write people supported by community against targets (SVG)");
  AddScopeFlags(cmd, f.get());
  AddPublicFlag(cmd, f.get());
  cmd->add_option("--target", *targets, "CODE=PEOPLE (repeatable)");
  cmd->add_option("--out", *path, "The SVG file to write")->required();
  OnRun(
      cmd, ctx,
      [f, path, targets](Client& client, const Printer& out) -> absl::Status {
        std::map<std::string, int64_t> goal;
        for (const auto& t : *targets) {
          size_t eq = t.find('=');
          if (eq == std::string::npos ||
              t.find_first_not_of("0123456789", eq + 1) != std::string::npos ||
              eq + 1 == t.size())
            return UsageError("--target", "TARGET_INVALID", "use CODE=PEOPLE");
          goal[t.substr(0, eq)] = std::stoll(t.substr(eq + 1));
        }
        ASSIGN_OR_RETURN(v1::ReachSummary s,
                         Fetch(client, *f, v1::DIMENSION_COMMUNITY));
        std::vector<CommunityBar> bars;
        for (const auto& r : s.rows())
          bars.push_back({r.code(), CommunityLabel(r.code()),
                          r.people_supported_directly(),
                          goal.count(r.code()) ? goal[r.code()] : 0,
                          r.supported_suppressed(),
                          Complementary(r.supported_suppression())});
        RETURN_IF_ERROR(
            WriteFile(*path, CommunityBars(bars, Options(*f, "community"))));
        return out.Print(s, {{"WROTE", "COMMUNITIES"},
                             {{*path, std::to_string(bars.size())}}});
      });
}

}  // namespace

void AddReachCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand(
      "reach", "What the money did: people supported and reached, and charts");
  noun->require_subcommand(1);
  AddSummary(noun, ctx);
  AddRelease(noun, ctx);
  AddReleases(noun, ctx);
  AddVerify(noun, ctx);
  AddMap(noun, ctx);
  AddCommunities(noun, ctx);
}

}  // namespace grants::ctl
