// `grantsctl award vary|variation|variations|terminate`: changes of a running
// award's amount or end date with four eyes, and termination with recovery.
#include "clients/grantsctl/award_variation.h"

#include <memory>
#include <string>

#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kVariationHeader = {
    "ID",      "AWARD",       "STATE",      "AMOUNT", "NEW_AMOUNT", "END_DATE",
    "NEW_END", "PROPOSED_BY", "DECIDED_BY", "REASON", "COMMENT"};

Row VariationRow(const v1::Variation& v) {
  return {v.id(),
          v.award_id(),
          CodeOf(v.state()),
          MoneyText(v.previous_amount()),
          MoneyText(v.new_amount()),
          v.previous_end_date(),
          v.new_end_date(),
          v.proposed_by(),
          v.decided_by(),
          v.reason(),
          v.decision_comment()};
}

absl::Status PrintVariation(
    Client& client, const Printer& out,
    const std::function<grpc::Status(grpc::ClientContext*, v1::Variation*)>&
        rpc) {
  v1::Variation v;
  RETURN_IF_ERROR(
      client.Call([&](grpc::ClientContext* c) { return rpc(c, &v); }));
  return out.Print(v, {kVariationHeader, {VariationRow(v)}});
}

struct VaryFlags {
  std::string award_id, amount, end_date, reason, currency = "GBP";
};

void AddVary(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<VaryFlags>();
  auto* cmd = noun->add_subcommand(
      "vary",
      "Propose a new amount or end date for a running award (another "
      "officer decides)");
  cmd->add_option("id", f->award_id, "Award id")->required();
  cmd->add_option("--amount", f->amount, "The new amount, major units");
  cmd->add_option("--end-date", f->end_date, "The new planned end, YYYY-MM-DD");
  cmd->add_option("--reason", f->reason, "Why (2000 chars)")->required();
  cmd->add_option("--currency", f->currency, "The award's currency")
      ->capture_default_str();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::ProposeVariationRequest req;
    req.set_request_id(client.RequestId());
    req.set_award_id(f->award_id);
    if (!f->amount.empty()) {
      ASSIGN_OR_RETURN(*req.mutable_new_amount(),
                       MoneyFlag("--amount", f->amount, f->currency));
    }
    req.set_new_end_date(f->end_date);
    req.set_reason(f->reason);
    return PrintVariation(client, out, [&](auto* c, auto* v) {
      return client.awards().ProposeVariation(c, req, v);
    });
  });
}

void AddDecide(CLI::App* variation, CommandContext* ctx, const char* name,
               v1::Outcome outcome, const char* help) {
  auto req = std::make_shared<v1::DecideVariationRequest>();
  req->set_outcome(outcome);
  auto* cmd = variation->add_subcommand(name, help);
  cmd->add_option("id", *req->mutable_id(), "Variation id")->required();
  auto* comment = cmd->add_option("--comment", *req->mutable_comment(),
                                  "Comment (2000 chars)");
  if (outcome == v1::OUTCOME_DECLINE) comment->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    return PrintVariation(client, out, [&](auto* c, auto* v) {
      return client.awards().DecideVariation(c, *req, v);
    });
  });
}

struct ListFlags {
  v1::ListVariationsRequest req;
  std::string state;
  PageOptions page;
};

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<ListFlags>();
  auto* cmd =
      noun->add_subcommand("variations", "List variations, newest first");
  cmd->add_option("--award", *f->req.mutable_award_id(), "Only this award");
  cmd->add_option("--state", f->state, "Only this state")
      ->check(CLI::IsMember(CodesOf<v1::VariationState>()));
  AddPageFlags(cmd, &f->page);
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::ListVariationsRequest req = f->req;
    ASSIGN_OR_RETURN(
        v1::VariationState state,
        ParseCode<v1::VariationState>("--state", "STATE_INVALID", f->state));
    req.set_state(state);
    req.set_page_size(f->page.page_size);
    req.set_page_token(f->page.page_token);
    v1::ListVariationsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().ListVariations(c, req, &resp);
    }));
    return out.Print(resp,
                     TableOf(kVariationHeader, resp.variations(), VariationRow),
                     resp.next_page_token());
  });
}

struct TerminateFlags {
  std::string award_id, reason, recover, currency = "GBP";
};

void AddComplete(CLI::App* noun, CommandContext* ctx) {
  auto award_id = std::make_shared<std::string>();
  auto* cmd = noun->add_subcommand(
      "complete",
      "Close a running award at its end (payments settled, final report "
      "accepted): what was not paid goes back to the round");
  cmd->add_option("id", *award_id, "Award id")->required();
  OnRun(cmd, ctx, [award_id](Client& client, const Printer& out) -> absl::Status {
    v1::CompleteAwardRequest req;
    req.set_request_id(client.RequestId());
    req.set_id(*award_id);
    v1::Award a;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().CompleteAward(c, req, &a);
    }));
    return out.Print(a, Table{{"AWARD", "STATE", "RELEASED"},
                              {{a.id(), CodeOf(a.state()),
                                MoneyText(a.released())}}});
  });
}

void AddTerminate(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<TerminateFlags>();
  auto* cmd = noun->add_subcommand(
      "terminate",
      "End a running award: cancel payments not yet instructed, "
      "release the rest, optionally recover paid money");
  cmd->add_option("id", f->award_id, "Award id")->required();
  cmd->add_option("--reason", f->reason, "Why (2000 chars)")->required();
  cmd->add_option("--recover", f->recover,
                  "Paid money to recover, major units (raised against the "
                  "paid payments, latest first)");
  cmd->add_option("--currency", f->currency, "The award's currency")
      ->capture_default_str();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::TerminateAwardRequest req;
    req.set_request_id(client.RequestId());
    req.set_id(f->award_id);
    req.set_reason(f->reason);
    if (!f->recover.empty()) {
      ASSIGN_OR_RETURN(*req.mutable_recovery_amount(),
                       MoneyFlag("--recover", f->recover, f->currency));
    }
    v1::Termination t;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().TerminateAward(c, req, &t);
    }));
    Table table{
        {"AWARD", "STATE", "RELEASED", "CANCELLED_PAYMENTS", "RECOVERIES"},
        {{t.award().id(), CodeOf(t.award().state()),
          MoneyText(t.award().released()),
          std::to_string(t.cancelled_payments_size()),
          std::to_string(t.recoveries_size())}}};
    return out.Print(t, table);
  });
}

}  // namespace

void AddAwardVariationCommands(CLI::App* noun, CommandContext* ctx) {
  AddVary(noun, ctx);
  auto* variation = noun->add_subcommand(
      "variation", "Approve or reject a proposed variation (not its proposer)");
  variation->require_subcommand(1);
  AddDecide(variation, ctx, "approve", v1::OUTCOME_APPROVE,
            "Approve and apply: budget, schedule and shares follow");
  AddDecide(variation, ctx, "reject", v1::OUTCOME_DECLINE,
            "Reject with a comment; the award is unchanged");
  AddList(noun, ctx);
  AddTerminate(noun, ctx);
  AddComplete(noun, ctx);
}

}  // namespace grants::ctl
