// `grantsctl funder`: register, show and list funders.
#include <memory>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kFunderHeader = {"ID", "ORG_ID", "NAME", "CREATED"};

Row FunderRow(const v1::Funder& f) {
  return {f.id(), f.org_id(), f.name(), TimeText(f.create_time())};
}

void AddCreate(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::CreateFunderRequest>();
  auto* cmd = noun->add_subcommand("create", "Register a funder (officer)");
  cmd->add_option("--org-id", *req->mutable_org_id(),
                  "360Giving org-id, e.g. GB-CHC-1234567")
      ->required();
  cmd->add_option("--name", *req->mutable_name(), "Display name")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    v1::Funder funder;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.funding().CreateFunder(c, *req, &funder);
    }));
    return out.Print(funder, {kFunderHeader, {FunderRow(funder)}});
  });
}

void AddGet(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::GetFunderRequest>();
  auto* cmd = noun->add_subcommand("get", "Show one funder");
  cmd->add_option("id", *req->mutable_id(), "Funder id")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::Funder funder;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.funding().GetFunder(c, *req, &funder);
    }));
    return out.Print(funder, {kFunderHeader, {FunderRow(funder)}});
  });
}

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto page = std::make_shared<PageOptions>();
  auto* cmd = noun->add_subcommand("list", "List funders by name");
  AddPageFlags(cmd, page.get());
  OnRun(cmd, ctx, [page](Client& client, const Printer& out) -> absl::Status {
    v1::ListFundersRequest req;
    req.set_page_size(page->page_size);
    req.set_page_token(page->page_token);
    v1::ListFundersResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.funding().ListFunders(c, req, &resp);
    }));
    return out.Print(resp, TableOf(kFunderHeader, resp.funders(), FunderRow),
                     resp.next_page_token());
  });
}

}  // namespace

void AddFunderCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun =
      app.add_subcommand("funder", "Organisations that contribute money");
  noun->require_subcommand(1);
  AddCreate(noun, ctx);
  AddGet(noun, ctx);
  AddList(noun, ctx);
}

}  // namespace grants::ctl
