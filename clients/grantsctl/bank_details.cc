// `grantsctl organisation bank-details`: the payee changes under four eyes.
// Anyone who may propose does (an officer, or a grantee for its own group);
// someone else confirms (another officer, or finance); pending lists them.
#include <memory>
#include <string>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kChangeHeader = {"ID",           "ORGANISATION", "STATE",
                           "ACCOUNT",      "REPLACES",     "PROPOSED_BY",
                           "CONFIRMED_BY", "HELD_PAYMENTS"};

Row ChangeRow(const v1::BankDetailsChange& c) {
  return {
      c.id(),
      c.organisation_id(),
      c.state(),
      c.bank_details().sort_code() + " " + c.bank_details().account_number(),
      c.replaces_last4().empty() ? "" : "****" + c.replaces_last4(),
      c.proposed_by(),
      c.confirmed_by(),
      std::to_string(c.held_payment_ids_size())};
}

void AddPropose(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ProposeBankDetailsRequest>();
  auto* cmd = noun->add_subcommand(
      "propose",
      "Propose new bank details (pending until someone else "
      "confirms them; payments keep the old payee until then)");
  cmd->add_option("organisation", *req->mutable_organisation_id(),
                  "Organisation id")
      ->required();
  auto* bank = req->mutable_bank_details();
  cmd->add_option("--account-name", *bank->mutable_account_name())->required();
  cmd->add_option("--sort-code", *bank->mutable_sort_code())->required();
  cmd->add_option("--account-number", *bank->mutable_account_number())
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    v1::BankDetailsChange resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.organisations().ProposeBankDetails(c, *req, &resp);
    }));
    return out.Print(resp, {kChangeHeader, {ChangeRow(resp)}});
  });
}

void AddConfirm(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ConfirmBankDetailsRequest>();
  auto* cmd = noun->add_subcommand(
      "confirm",
      "Confirm someone else's proposal (officer or finance): the "
      "payee changes and authorised payments are held");
  cmd->add_option("id", *req->mutable_id(), "Change id")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    v1::BankDetailsChange resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.organisations().ConfirmBankDetails(c, *req, &resp);
    }));
    return out.Print(resp, {kChangeHeader, {ChangeRow(resp)}});
  });
}

void AddPending(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ListBankDetailsChangesRequest>();
  auto* cmd = noun->add_subcommand(
      "pending", "Changes waiting for confirmation (--all: every change)");
  cmd->add_option("organisation", *req->mutable_organisation_id(),
                  "Organisation id")
      ->required();
  auto all = std::make_shared<bool>(false);
  cmd->add_flag("--all", *all, "Every change, newest first");
  OnRun(
      cmd, ctx, [req, all](Client& client, const Printer& out) -> absl::Status {
        req->set_pending_only(!*all);
        v1::ListBankDetailsChangesResponse resp;
        RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
          return client.organisations().ListBankDetailsChanges(c, *req, &resp);
        }));
        return out.Print(resp,
                         TableOf(kChangeHeader, resp.changes(), ChangeRow));
      });
}

}  // namespace

void AddBankDetailsCommands(CLI::App* organisation, CommandContext* ctx) {
  auto* noun = organisation->add_subcommand(
      "bank-details", "The payee: changes under four eyes");
  noun->require_subcommand(1);
  AddPropose(noun, ctx);
  AddConfirm(noun, ctx);
  AddPending(noun, ctx);
}

}  // namespace grants::ctl
