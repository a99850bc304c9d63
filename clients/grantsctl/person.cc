// `grantsctl person`: personal data held about a group (issue #15).
#include <memory>

#include "clients/grantsctl/commands.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

void AddErase(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ErasePersonalDataRequest>();
  auto* cmd = noun->add_subcommand(
      "erase",
      "Erase a group's personal data, keeping the books (administrators; "
      "refused under a legal hold)");
  cmd->add_option("--organisation", *req->mutable_organisation_id(),
                  "The group's organisation id")
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    v1::ErasePersonalDataResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.organisations().ErasePersonalData(c, *req, &resp);
    }));
    return out.Print(
        resp, Table{{"ORGANISATION", "ERASED", "ALREADY_ERASED"},
                    {{resp.organisation_id(), TimeText(resp.erase_time()),
                      resp.already_erased() ? "true" : "false"}}});
  });
}

}  // namespace

void AddPersonCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand("person", "Personal data held about a group");
  noun->require_subcommand(1);
  AddErase(noun, ctx);
}

}  // namespace grants::ctl
