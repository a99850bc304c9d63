// `grantsctl indicator`: a programme's indicators, with baseline and target
// per period and the actual from the reach totals (for a funder, from the
// releases: "<5", "[c]", or "pending" for a quarter not released yet).
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kHeader = {"CODE",   "NAME",     "MEASURE", "RULE",  "COMMUNITY",
                     "PERIOD", "BASELINE", "TARGET",  "ACTUAL"};

std::vector<Row> Rows(const v1::Indicator& i) {
  std::vector<Row> rows;
  for (const auto& p : i.periods())
    rows.push_back(
        {i.code(), i.name(), CodeOf(i.measure()), CodeOf(i.counting_rule()),
         i.community(), p.period().empty() ? "all" : p.period(),
         std::to_string(p.baseline()), std::to_string(p.target()),
         p.actual_pending() ? "pending"
                            : FigureText(p.actual(), p.actual_suppressed(),
                                         p.actual_suppression() ==
                                             v1::SUPPRESSION_COMPLEMENTARY)});
  return rows;
}

struct SetFlags {
  v1::Indicator indicator;
  std::string measure = "people_supported_directly", rule = "unique_people";
  std::vector<std::string> targets;
};

// "2025-Q1=300" or "=5000" (the whole programme), optionally "BASE:TARGET".
absl::Status AddPeriod(const std::string& text, v1::Indicator* out) {
  size_t eq = text.find('=');
  if (eq == std::string::npos)
    return UsageError("--target", "TARGET_INVALID",
                      "use [PERIOD]=[BASELINE:]TARGET");
  auto* p = out->add_periods();
  p->set_period(text.substr(0, eq));
  std::string value = text.substr(eq + 1);
  size_t colon = value.find(':');
  try {
    if (colon != std::string::npos)
      p->set_baseline(std::stoll(value.substr(0, colon)));
    p->set_target(
        std::stoll(value.substr(colon == std::string::npos ? 0 : colon + 1)));
  } catch (const std::exception&) {
    return UsageError("--target", "TARGET_INVALID", "numbers of people");
  }
  return absl::OkStatus();
}

void AddSet(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<SetFlags>();
  auto* cmd = noun->add_subcommand("set", "Create or replace an indicator");
  auto& i = f->indicator;
  cmd->add_option("--programme", *i.mutable_programme_id(), "Programme id")
      ->required();
  cmd->add_option("--code", *i.mutable_code(), "e.g. roma_supported")
      ->required();
  cmd->add_option("--name", *i.mutable_name(), "e.g. Roma people supported")
      ->required();
  cmd->add_option("--unit", *i.mutable_unit(), "e.g. people")->required();
  cmd->add_option("--measure", f->measure, "What it counts")
      ->check(CLI::IsMember(CodesOf<v1::IndicatorMeasure>()))
      ->capture_default_str();
  cmd->add_option("--rule", f->rule, "How people are counted")
      ->check(CLI::IsMember(CodesOf<v1::CountingRule>()))
      ->capture_default_str();
  cmd->add_option("--community", *i.mutable_community(), "Only this community");
  cmd->add_option("--target", f->targets,
                  "[PERIOD]=[BASELINE:]TARGET, PERIOD a quarter like 2025-Q1 "
                  "or empty for the whole programme (repeatable)");
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::SetIndicatorRequest req;
    req.set_request_id(client.RequestId());
    *req.mutable_indicator() = f->indicator;
    ASSIGN_OR_RETURN(auto measure,
                     ParseCode<v1::IndicatorMeasure>(
                         "--measure", "MEASURE_INVALID", f->measure));
    ASSIGN_OR_RETURN(auto rule, ParseCode<v1::CountingRule>(
                                    "--rule", "RULE_INVALID", f->rule));
    req.mutable_indicator()->set_measure(measure);
    req.mutable_indicator()->set_counting_rule(rule);
    for (const auto& t : f->targets)
      RETURN_IF_ERROR(AddPeriod(t, req.mutable_indicator()));
    v1::Indicator resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.monitoring().SetIndicator(c, req, &resp);
    }));
    return out.Print(resp, {kHeader, Rows(resp)});
  });
}

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ListIndicatorsRequest>();
  auto* cmd = noun->add_subcommand(
      "list",
      "A programme's indicators: baseline, target and actual per period");
  cmd->add_option("--programme", *req->mutable_programme_id(), "Programme id")
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::ListIndicatorsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.monitoring().ListIndicators(c, *req, &resp);
    }));
    Table table{kHeader, {}};
    for (const auto& i : resp.indicators())
      for (auto& row : Rows(i)) table.rows.push_back(std::move(row));
    return out.Print(resp, table);
  });
}

}  // namespace

void AddIndicatorCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand(
      "indicator", "A programme's indicators against baseline and targets");
  noun->require_subcommand(1);
  AddSet(noun, ctx);
  AddList(noun, ctx);
}

}  // namespace grants::ctl
