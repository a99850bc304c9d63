// `grantsctl payment`: schedules of accepted awards, requests and four-eyes
// authorisation, officers' limits; `grantsctl reconciliation`: the queue of
// remittances that did not reconcile.
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

using Stub = v1::PaymentService::Stub;

const Row kPaymentHeader = {"ID",          "AWARD",         "N",
                            "AMOUNT",      "DUE",           "DUE_DATE",
                            "STATE",       "REQUESTED_BY",  "AUTHORISED_BY",
                            "INSTRUCTION", "BANK_REFERENCE"};
const Row kItemHeader = {"ID",      "REASON",    "INSTRUCTION",
                         "PAID",    "PAID_DATE", "REFERENCE",
                         "PAYMENT", "RESOLVED",  "NOTE"};

Row PaymentRow(const v1::Payment& p) {
  return {p.id(),
          p.award_id(),
          std::to_string(p.instalment()),
          MoneyText(p.amount()),
          CodeOf(p.due()),
          p.due_date(),
          CodeOf(p.state()),
          p.requested_by(),
          p.authorised_by(),
          p.instruction_id(),
          p.bank_reference()};
}

Row ItemRow(const v1::ReconciliationItem& i) {
  return {i.id(),
          CodeOf(i.reason()),
          i.instruction_id(),
          MoneyText(i.paid_amount()),
          i.paid_date(),
          i.bank_reference(),
          i.payment_id(),
          i.resolved() ? "yes" : "no",
          i.resolution_note()};
}

// "AMOUNT" (on acceptance), "AMOUNT@YYYY-MM-DD", "AMOUNT@final-report" or
// "AMOUNT@conditions" (when every condition is signed off).
absl::StatusOr<v1::Instalment> ParseInstalment(const std::string& text,
                                               const std::string& currency) {
  v1::Instalment i;
  size_t at = text.find('@');
  ASSIGN_OR_RETURN(*i.mutable_amount(),
                   MoneyFlag("--instalment", text.substr(0, at), currency));
  std::string when = at == std::string::npos ? "" : text.substr(at + 1);
  if (when.empty() || when == "acceptance") {
    i.set_due(v1::DUE_KIND_ON_ACCEPTANCE);
  } else if (when == "final-report") {
    i.set_due(v1::DUE_KIND_ON_FINAL_REPORT);
  } else if (when == "conditions") {
    i.set_due(v1::DUE_KIND_ON_CONDITIONS);
  } else {
    i.set_due(v1::DUE_KIND_ON_DATE);
    i.set_due_date(when);
  }
  return i;
}

struct ScheduleFlags {
  std::string award_id, currency = "GBP";
  std::vector<std::string> instalments;
};

void AddSchedule(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<ScheduleFlags>();
  auto* cmd = noun->add_subcommand(
      "schedule",
      "Set an accepted award's payment schedule (instalments "
      "summing exactly to the award)");
  cmd->add_option("award", f->award_id, "Award id")->required();
  cmd->add_option("--instalment", f->instalments,
                  "AMOUNT[@YYYY-MM-DD|@acceptance|@final-report] (repeatable)")
      ->required();
  cmd->add_option("--currency", f->currency, "The award's currency")
      ->capture_default_str();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::SetPaymentScheduleRequest req;
    req.set_request_id(client.RequestId());
    req.set_award_id(f->award_id);
    for (const auto& text : f->instalments) {
      ASSIGN_OR_RETURN(*req.add_instalments(),
                       ParseInstalment(text, f->currency));
    }
    v1::PaymentSchedule resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.payments().SetPaymentSchedule(c, req, &resp);
    }));
    return out.Print(resp,
                     TableOf(kPaymentHeader, resp.payments(), PaymentRow));
  });
}

// `request` and `authorise`: a payment id.
template <typename Req>
void AddAction(CLI::App* noun, CommandContext* ctx, const char* name,
               const char* help,
               grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Req&,
                                         v1::Payment*)) {
  auto req = std::make_shared<Req>();
  auto* cmd = noun->add_subcommand(name, help);
  cmd->add_option("id", *req->mutable_id(), "Payment id")->required();
  OnRun(cmd, ctx,
        [req, rpc](Client& client, const Printer& out) -> absl::Status {
          req->set_request_id(client.RequestId());
          v1::Payment p;
          RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
            return (client.payments().*rpc)(c, *req, &p);
          }));
          return out.Print(p, {kPaymentHeader, {PaymentRow(p)}});
        });
}

void AddCancel(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::CancelPaymentRequest>();
  auto* cmd =
      noun->add_subcommand("cancel", "Cancel a payment not yet instructed");
  cmd->add_option("id", *req->mutable_id(), "Payment id")->required();
  cmd->add_option("--reason", *req->mutable_reason(), "Why (500 chars)")
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    v1::Payment p;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.payments().CancelPayment(c, *req, &p);
    }));
    return out.Print(p, {kPaymentHeader, {PaymentRow(p)}});
  });
}

struct ReplaceFlags {
  std::string id, due_date;
};

void AddReplace(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<ReplaceFlags>();
  auto* cmd = noun->add_subcommand(
      "replace",
      "Schedule a new instalment in place of a cancelled or failed "
      "payment (same amount)");
  cmd->add_option("id", f->id, "Payment id")->required();
  cmd->add_option("--due-date", f->due_date,
                  "Due on YYYY-MM-DD (default: due at once)");
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::ReplacePaymentRequest req;
    req.set_request_id(client.RequestId());
    req.set_id(f->id);
    req.set_due(f->due_date.empty() ? v1::DUE_KIND_ON_ACCEPTANCE
                                    : v1::DUE_KIND_ON_DATE);
    req.set_due_date(f->due_date);
    v1::Payment p;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.payments().ReplacePayment(c, req, &p);
    }));
    return out.Print(p, {kPaymentHeader, {PaymentRow(p)}});
  });
}

const Row kRecoveryHeader = {
    "ID",  "AWARD",     "PAYMENT",       "AMOUNT",    "STATE", "RECEIVED",
    "DUE", "RAISED_BY", "RECEIVED_DATE", "REFERENCE", "REASON"};

Row RecoveryRow(const v1::Recovery& r) {
  return {r.id(),
          r.award_id(),
          r.payment_id(),
          MoneyText(r.amount()),
          CodeOf(r.state()),
          MoneyText(r.received()),
          r.due_date(),
          r.raised_by(),
          r.received_date(),
          r.bank_reference(),
          r.reason()};
}

struct RecoveryListFlags {
  v1::ListRecoveriesRequest req;
  std::string state;
  PageOptions page;
};

void AddRecoveryList(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<RecoveryListFlags>();
  auto* cmd = noun->add_subcommand("list", "Money owed back, raised first");
  cmd->add_option("--award", *f->req.mutable_award_id(), "Only this award");
  cmd->add_option("--state", f->state, "Only this state")
      ->check(CLI::IsMember(CodesOf<v1::RecoveryState>()));
  AddPageFlags(cmd, &f->page);
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::ListRecoveriesRequest req = f->req;
    ASSIGN_OR_RETURN(
        v1::RecoveryState state,
        ParseCode<v1::RecoveryState>("--state", "STATE_INVALID", f->state));
    req.set_state(state);
    req.set_page_size(f->page.page_size);
    req.set_page_token(f->page.page_token);
    v1::ListRecoveriesResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.payments().ListRecoveries(c, req, &resp);
    }));
    return out.Print(resp,
                     TableOf(kRecoveryHeader, resp.recoveries(), RecoveryRow),
                     resp.next_page_token());
  });
}

struct ListFlags {
  v1::ListPaymentsRequest req;
  std::string state;
  PageOptions page;
};

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<ListFlags>();
  auto* cmd =
      noun->add_subcommand("list", "List payments by award and instalment");
  cmd->add_option("--award", *f->req.mutable_award_id(), "Only this award");
  cmd->add_option("--state", f->state, "Only this state")
      ->check(CLI::IsMember(CodesOf<v1::PaymentState>()));
  AddPageFlags(cmd, &f->page);
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::ListPaymentsRequest req = f->req;
    ASSIGN_OR_RETURN(
        v1::PaymentState state,
        ParseCode<v1::PaymentState>("--state", "STATE_INVALID", f->state));
    req.set_state(state);
    req.set_page_size(f->page.page_size);
    req.set_page_token(f->page.page_token);
    v1::ListPaymentsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.payments().ListPayments(c, req, &resp);
    }));
    return out.Print(resp, TableOf(kPaymentHeader, resp.payments(), PaymentRow),
                     resp.next_page_token());
  });
}

struct LimitFlags {
  std::string officer, limit, currency = "GBP";
};

// `payment limit`, and `limit set` (administrators; never one's own).
void AddLimit(CLI::App* noun, CommandContext* ctx, const std::string& name) {
  auto f = std::make_shared<LimitFlags>();
  auto* cmd = noun->add_subcommand(
      name, "Set an officer's authorisation limit (administrator; never "
            "your own)");
  cmd->add_option("--officer", f->officer, "The officer's subject")->required();
  cmd->add_option("--limit", f->limit, "Per payment, major units")->required();
  cmd->add_option("--currency", f->currency, "Currency")->capture_default_str();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::SetAuthorisationLimitRequest req;
    req.set_request_id(client.RequestId());
    req.set_officer(f->officer);
    ASSIGN_OR_RETURN(*req.mutable_limit(),
                     MoneyFlag("--limit", f->limit, f->currency));
    v1::AuthorisationLimit resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.payments().SetAuthorisationLimit(c, req, &resp);
    }));
    return out.Print(
        resp, {{"OFFICER", "LIMIT", "SET_BY"},
               {{resp.officer(), MoneyText(resp.limit()), resp.set_by()}}});
  });
}

void AddItemList(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ListReconciliationItemsRequest>();
  auto page = std::make_shared<PageOptions>();
  auto* cmd =
      noun->add_subcommand("list", "Remittances to reconcile, open first");
  cmd->add_flag(
      "--open", [req](int64_t) { req->set_open_only(true); },
      "Only open items");
  AddPageFlags(cmd, page.get());
  OnRun(cmd, ctx,
        [req, page](Client& client, const Printer& out) -> absl::Status {
          req->set_page_size(page->page_size);
          req->set_page_token(page->page_token);
          v1::ListReconciliationItemsResponse resp;
          RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
            return client.payments().ListReconciliationItems(c, *req, &resp);
          }));
          return out.Print(resp, TableOf(kItemHeader, resp.items(), ItemRow),
                           resp.next_page_token());
        });
}

void AddResolve(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ResolveReconciliationItemRequest>();
  auto* cmd =
      noun->add_subcommand("resolve", "Resolve an open item with a note");
  cmd->add_option("id", *req->mutable_id(), "Item id")->required();
  cmd->add_option("--note", *req->mutable_note(), "What was done")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    v1::ReconciliationItem item;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.payments().ResolveReconciliationItem(c, *req, &item);
    }));
    return out.Print(item, {kItemHeader, {ItemRow(item)}});
  });
}

}  // namespace

void AddPaymentCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand(
      "payment", "Payment schedules, requests and four-eyes authorisation");
  noun->require_subcommand(1);
  AddSchedule(noun, ctx);
  AddAction<v1::RequestPaymentRequest>(noun, ctx, "request",
                                       "Request a scheduled payment",
                                       &Stub::RequestPayment);
  AddAction<v1::AuthorisePaymentRequest>(
      noun, ctx, "authorise",
      "Authorise a payment another officer requested (within your limit)",
      &Stub::AuthorisePayment);
  AddCancel(noun, ctx);
  AddReplace(noun, ctx);
  AddList(noun, ctx);
  AddLimit(noun, ctx, "limit");
  auto* limit = app.add_subcommand("limit", "Officers' authorisation limits");
  limit->require_subcommand(1);
  AddLimit(limit, ctx, "set");
  auto* queue = app.add_subcommand(
      "reconciliation",
      "Remittances that did not reconcile, and their resolution");
  queue->require_subcommand(1);
  AddItemList(queue, ctx);
  AddResolve(queue, ctx);
  auto* recovery = app.add_subcommand(
      "recovery",
      "Money grantees owe back (after a termination, or of unspent money)");
  recovery->require_subcommand(1);
  AddRecoveryList(recovery, ctx);
  AddRecoveryCommands(recovery, ctx);
}

}  // namespace grants::ctl
