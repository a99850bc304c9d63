// `grantsctl retention`: the retention schedule (issue #15).
#include <memory>
#include <string>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

std::string ActionText(v1::RetentionAction action) {
  switch (action) {
    case v1::RETENTION_ACTION_DELETE:
      return "delete";
    case v1::RETENTION_ACTION_ERASE:
      return "erase";
    default:
      return "";
  }
}

std::vector<std::string> Row(const v1::RetentionRule& r) {
  return {r.record_class(),
          std::to_string(r.keep_days()),
          std::to_string(r.minimum_days()),
          r.after_event(),
          ActionText(r.action()),
          r.has_sweep_time() ? TimeText(r.sweep_time()) : "",
          std::to_string(r.swept_count())};
}

const std::vector<std::string> kRuleHeader = {
    "CLASS", "KEEP_DAYS", "MINIMUM", "AFTER", "THEN", "SWEPT", "COUNT"};

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto* cmd = noun->add_subcommand(
      "list",
      "The schedule: how long each class of record is kept after "
      "which event, and what happens then");
  OnRun(cmd, ctx, [](Client& client, const Printer& out) -> absl::Status {
    v1::ListRetentionRulesResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.organisations().ListRetentionRules(
          c, v1::ListRetentionRulesRequest(), &resp);
    }));
    Table table{kRuleHeader, {}};
    for (const auto& r : resp.rules()) table.rows.push_back(Row(r));
    return out.Print(resp, table);
  });
}

struct SetFlags {
  v1::SetRetentionPeriodRequest req;
  int keep_days = -1;
};

void AddSet(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<SetFlags>();
  auto* cmd = noun->add_subcommand(
      "set",
      "Keep one class of record this many days (administrators; never "
      "below its legal minimum)");
  cmd->add_option("record_class", *flags->req.mutable_record_class(),
                  "e.g. sign_in_links, declined_applications")
      ->required();
  cmd->add_option("--keep-days", flags->keep_days,
                  "Days after the class's event")
      ->required();
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    flags->req.set_keep_days(flags->keep_days);
    flags->req.set_request_id(client.RequestId());
    v1::RetentionRule resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.organisations().SetRetentionPeriod(c, flags->req, &resp);
    }));
    return out.Print(resp, Table{kRuleHeader, {Row(resp)}});
  });
}

void AddSweep(CLI::App* noun, CommandContext* ctx) {
  auto* cmd = noun->add_subcommand(
      "sweep",
      "Apply the schedule now (administrators; grantsd also does "
      "it by itself every --retention-interval-ms)");
  OnRun(cmd, ctx, [](Client& client, const Printer& out) -> absl::Status {
    v1::SweepRetentionRequest req;
    req.set_request_id(client.RequestId());
    v1::SweepRetentionResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.organisations().SweepRetention(c, req, &resp);
    }));
    Table table{{"CLASS", "THEN", "COUNT"}, {}};
    for (const auto& s : resp.swept())
      table.rows.push_back({s.record_class(), ActionText(s.action()),
                            std::to_string(s.count())});
    table.rows.push_back(
        {"spool_files", "delete", std::to_string(resp.spool_files_deleted())});
    return out.Print(resp, table);
  });
}

}  // namespace

void AddRetentionCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand(
      "retention",
      "How long personal data is kept, and the sweep that ends it");
  noun->require_subcommand(1);
  AddList(noun, ctx);
  AddSet(noun, ctx);
  AddSweep(noun, ctx);
}

}  // namespace grants::ctl
