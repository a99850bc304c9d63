// `grantsctl programme`: grant-making programmes (schemes).
#include <memory>
#include <string>
#include <vector>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kProgrammeHeader = {"ID",      "CODE",        "NAME",    "FUND_ID",
                              "CREATED", "COMMUNITIES", "OUTCOMES"};

std::string Joined(const google::protobuf::RepeatedPtrField<std::string>& items,
                   const std::string& separator) {
  std::string out;
  for (const std::string& item : items)
    out += (out.empty() ? "" : separator) + item;
  return out;
}

Row ProgrammeRow(const v1::Programme& p) {
  return {p.id(),
          p.code(),
          p.name(),
          p.fund_id(),
          TimeText(p.create_time()),
          Joined(p.priority_communities(), ","),
          Joined(p.target_outcomes(), "; ")};
}

struct CreateFlags {
  v1::CreateProgrammeRequest req;
  std::vector<std::string> communities;
  std::vector<std::string> outcomes;
};

void AddCreate(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<CreateFlags>();
  v1::CreateProgrammeRequest& req = flags->req;
  auto* cmd = noun->add_subcommand("create", "Create a programme (officer)");
  cmd->add_option("--code", *req.mutable_code(), "Short code, e.g. EUSS")
      ->required();
  cmd->add_option("--name", *req.mutable_name(), "Display name")->required();
  cmd->add_option("--fund", *req.mutable_fund_id(), "Fund its rounds draw on")
      ->required();
  cmd->add_option("--description", *req.mutable_description(),
                  "What the programme is for");
  cmd->add_option("--community", flags->communities,
                  "Priority community code (repeatable), e.g. roma");
  cmd->add_option("--outcome", flags->outcomes,
                  "Target outcome statement (repeatable)");
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::CreateProgrammeRequest req = flags->req;
    for (const std::string& c : flags->communities)
      req.add_priority_communities(c);
    for (const std::string& o : flags->outcomes) req.add_target_outcomes(o);
    req.set_request_id(client.RequestId());
    v1::Programme programme;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.programmes().CreateProgramme(c, req, &programme);
    }));
    return out.Print(programme, {kProgrammeHeader, {ProgrammeRow(programme)}});
  });
}

void AddGet(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::GetProgrammeRequest>();
  auto* cmd = noun->add_subcommand("get", "Show one programme");
  cmd->add_option("id", *req->mutable_id(), "Programme id")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::Programme programme;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.programmes().GetProgramme(c, *req, &programme);
    }));
    return out.Print(programme, {kProgrammeHeader, {ProgrammeRow(programme)}});
  });
}

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto page = std::make_shared<PageOptions>();
  auto* cmd = noun->add_subcommand("list", "List programmes by code");
  AddPageFlags(cmd, page.get());
  OnRun(cmd, ctx, [page](Client& client, const Printer& out) -> absl::Status {
    v1::ListProgrammesRequest req;
    req.set_page_size(page->page_size);
    req.set_page_token(page->page_token);
    v1::ListProgrammesResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.programmes().ListProgrammes(c, req, &resp);
    }));
    return out.Print(resp,
                     TableOf(kProgrammeHeader, resp.programmes(), ProgrammeRow),
                     resp.next_page_token());
  });
}

}  // namespace

void AddProgrammeCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand("programme", "Grant-making programmes");
  noun->require_subcommand(1);
  AddCreate(noun, ctx);
  AddGet(noun, ctx);
  AddList(noun, ctx);
}

}  // namespace grants::ctl
