// `grantsctl recovery raise|write-off`: asking for unspent paid money back
// from a running or completed award, and a second officer's write-off of
// what is still owed (`recovery list` is in payment.cc).
#include <memory>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kHeader = {"ID",        "AWARD",         "PAYMENT", "AMOUNT",
                     "RECEIVED",  "OUTSTANDING",   "STATE",   "DUE",
                     "RAISED_BY", "WRITTEN_OFF_BY"};

Row RecoveryMoneyRow(const v1::Recovery& r) {
  return {r.id(),
          r.award_id(),
          r.payment_id(),
          MoneyText(r.amount()),
          MoneyText(r.received()),
          MoneyText(r.outstanding()),
          CodeOf(r.state()),
          r.due_date(),
          r.raised_by(),
          r.written_off_by()};
}

struct RaiseFlags {
  std::string award_id, amount, reason, due_date, currency = "GBP";
};

void AddRaise(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<RaiseFlags>();
  auto* cmd = noun->add_subcommand(
      "raise",
      "Ask for unspent paid money back from a running or completed award "
      "(raised against its paid payments, latest first)");
  cmd->add_option("award", f->award_id, "Award id")->required();
  cmd->add_option("--amount", f->amount, "Major units, e.g. 250.00")
      ->required();
  cmd->add_option("--reason", f->reason, "Why (2000 chars)")->required();
  cmd->add_option("--due", f->due_date,
                  "Repay by YYYY-MM-DD (default: 28 days from today)");
  cmd->add_option("--currency", f->currency, "The award's currency")
      ->capture_default_str();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::RaiseRecoveryRequest req;
    req.set_request_id(client.RequestId());
    req.set_award_id(f->award_id);
    ASSIGN_OR_RETURN(*req.mutable_amount(),
                     MoneyFlag("--amount", f->amount, f->currency));
    req.set_reason(f->reason);
    req.set_due_date(f->due_date);
    v1::RaiseRecoveryResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().RaiseRecovery(c, req, &resp);
    }));
    return out.Print(resp,
                     TableOf(kHeader, resp.recoveries(), RecoveryMoneyRow));
  });
}

struct WriteOffFlags {
  std::string id, reason;
};

void AddWriteOff(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<WriteOffFlags>();
  auto* cmd = noun->add_subcommand(
      "write-off",
      "Write off what a recovery still owes (not the officer who raised it)");
  cmd->add_option("id", f->id, "Recovery id")->required();
  cmd->add_option("--reason", f->reason, "Why (2000 chars)")->required();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::WriteOffRecoveryRequest req;
    req.set_request_id(client.RequestId());
    req.set_id(f->id);
    req.set_reason(f->reason);
    v1::Recovery r;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.payments().WriteOffRecovery(c, req, &r);
    }));
    return out.Print(r, {kHeader, {RecoveryMoneyRow(r)}});
  });
}

}  // namespace

void AddRecoveryCommands(CLI::App* recovery, CommandContext* ctx) {
  AddRaise(recovery, ctx);
  AddWriteOff(recovery, ctx);
}

}  // namespace grants::ctl
