// `grantsctl application` and `grantsctl extension`: applications to rounds,
// from draft to submission, and organisations' later deadlines.
#include <fmt/format.h>

#include <functional>
#include <memory>
#include <string>

#include "clients/grantsctl/application_content.h"
#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

using Stub = v1::ApplicationService::Stub;
template <typename Req>
using ApplicationRpc = grpc::Status (Stub::*)(grpc::ClientContext*, const Req&,
                                              v1::Application*);

const Row kApplicationHeader = {"ID",           "REFERENCE", "ROUND",
                                "ORGANISATION", "STATE",     "AMOUNT",
                                "ELIGIBILITY",  "DEADLINE"};
// One application in full: the list columns, then its latest submission.
const Row kDetailHeader = {
    "ID",     "REFERENCE",    "ROUND",    "ORGANISATION", "STATE",
    "AMOUNT", "ELIGIBILITY",  "DEADLINE", "VERSION",      "SUBMITTED",
    "NOTE",   "FAILED_RULES", "ON_BEHALF"};
const Row kExtensionHeader = {"ROUND",  "ORGANISATION", "CLOSES",
                              "REASON", "GRANTED_BY",   "GRANTED"};

Row ApplicationRow(const v1::Application& a) {
  return {a.id(),
          a.reference(),
          a.round_id(),
          a.organisation_id(),
          CodeOf(a.state()),
          MoneyText(a.content().amount_requested()),
          CodeOf(a.submission().eligibility()),
          a.deadline_london()};
}

// "INCOME_TOO_HIGH: <description>; BOROUGH_NOT_ELIGIBLE: <description>".
std::string FailedRulesText(const v1::Submission& s) {
  std::string text;
  for (const v1::FailedRule& rule : s.failed_rules())
    text += fmt::format("{}{}: {}", text.empty() ? "" : "; ", rule.rule(),
                        rule.description());
  return text;
}

// "SubmitApplication by officer-ann for ORG-ROMA: <reason>; ...".
std::string ActsText(const v1::Application& a) {
  std::string text;
  for (const v1::ActOnBehalf& act : a.acts_on_behalf())
    text += fmt::format("{}{} by {} for {}: {}", text.empty() ? "" : "; ",
                        act.action(), act.officer(), act.organisation_id(),
                        act.reason());
  return text;
}

Row DetailRow(const v1::Application& a) {
  Row row = ApplicationRow(a);
  const v1::Submission& s = a.submission();
  row.push_back(a.has_submission() ? std::to_string(s.version()) : "");
  row.push_back(TimeText(s.submit_time()));
  row.push_back(a.return_comment().empty() ? a.withdraw_reason()
                                           : a.return_comment());
  row.push_back(FailedRulesText(s));
  row.push_back(ActsText(a));
  return row;
}

Row ExtensionRow(const v1::Extension& e) {
  return {e.round_id(),
          e.organisation_id(),
          LondonOrUtc(e.closes_london(), e.closes_at()),
          e.reason(),
          e.granted_by(),
          TimeText(e.grant_time())};
}

// Runs one ApplicationService RPC that returns an Application, and prints
// the application in full.
template <typename Req>
absl::Status CallAndPrint(Client& client, const Printer& out,
                          ApplicationRpc<Req> rpc, const Req& req) {
  v1::Application application;
  RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
    return (client.applications().*rpc)(c, req, &application);
  }));
  return out.Print(application, {kDetailHeader, {DetailRow(application)}});
}

struct CreateFlags {
  std::string round_id;
  ContentFlags content;
  OnBehalfFlags on_behalf;
};

void AddCreate(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<CreateFlags>();
  auto* cmd = noun->add_subcommand(
      "create", "Start a draft for the caller's organisation");
  cmd->add_option("--round", flags->round_id, "Round to apply to")->required();
  AddContentFlags(cmd, &flags->content);
  AddOnBehalfFlags(cmd, &flags->on_behalf);
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    ASSIGN_OR_RETURN(ContentPatch patch, ParseContent(flags->content));
    v1::CreateApplicationRequest req;
    Overlay(patch, req.mutable_content());
    req.set_round_id(flags->round_id);
    SetOnBehalf(flags->on_behalf, &req);
    req.set_request_id(client.RequestId());
    return CallAndPrint(client, out, &Stub::CreateApplication, req);
  });
}

struct UpdateFlags {
  std::string id;
  ContentFlags content;
  OnBehalfFlags on_behalf;
};

void AddUpdate(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<UpdateFlags>();
  auto* cmd = noun->add_subcommand(
      "update",
      "Save a DRAFT or RETURNED application: the given fields change, the "
      "rest is kept");
  cmd->add_option("id", flags->id, "Application id")->required();
  AddContentFlags(cmd, &flags->content);
  AddOnBehalfFlags(cmd, &flags->on_behalf);
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    ASSIGN_OR_RETURN(ContentPatch patch, ParseContent(flags->content));
    if (patch.given.empty())
      return UsageError("content", "NOTHING_TO_UPDATE",
                        "give at least one content flag (see --help)");
    v1::GetApplicationRequest get;
    get.set_id(flags->id);
    v1::Application current;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.applications().GetApplication(c, get, &current);
    }));
    // The RPC replaces the content whole.
    v1::UpdateApplicationRequest req;
    *req.mutable_content() = current.content();
    Overlay(patch, req.mutable_content());
    req.set_id(flags->id);
    SetOnBehalf(flags->on_behalf, &req);
    req.set_request_id(client.RequestId());
    return CallAndPrint(client, out, &Stub::UpdateApplication, req);
  });
}

// `submit`, `withdraw` and `return`: an application id, and whatever flags
// `extra` adds.
template <typename Req>
void AddAction(CLI::App* noun, CommandContext* ctx, const char* name,
               const char* help, ApplicationRpc<Req> rpc,
               const std::function<void(CLI::App*, Req*)>& extra = nullptr) {
  auto req = std::make_shared<Req>();
  auto on_behalf = std::make_shared<OnBehalfFlags>();
  auto* cmd = noun->add_subcommand(name, help);
  cmd->add_option("id", *req->mutable_id(), "Application id")->required();
  if (extra) extra(cmd, req.get());
  if constexpr (requires { req->mutable_on_behalf(); })
    AddOnBehalfFlags(cmd, on_behalf.get());
  OnRun(cmd, ctx,
        [req, rpc, on_behalf](Client& client,
                              const Printer& out) -> absl::Status {
          if constexpr (requires { req->mutable_on_behalf(); })
            SetOnBehalf(*on_behalf, req.get());
          req->set_request_id(client.RequestId());
          return CallAndPrint(client, out, rpc, *req);
        });
}

void AddGet(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::GetApplicationRequest>();
  auto* cmd = noun->add_subcommand(
      "get", "Show one application and its latest submission");
  cmd->add_option("id", *req->mutable_id(), "Application id")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) {
    return CallAndPrint(client, out, &Stub::GetApplication, *req);
  });
}

struct ListFlags {
  v1::ListApplicationsRequest req;
  std::string state, eligibility;
  PageOptions page;
};

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<ListFlags>();
  v1::ListApplicationsRequest& req = flags->req;
  auto* cmd = noun->add_subcommand("list", "List applications, newest first");
  cmd->add_option("--round", *req.mutable_round_id(), "Only this round");
  cmd->add_option("--state", flags->state, "Only this state")
      ->check(CLI::IsMember(CodesOf<v1::ApplicationState>()));
  cmd->add_option("--borough", *req.mutable_borough_code(),
                  "Only those serving this borough (GSS code)");
  cmd->add_option("--community", *req.mutable_community(),
                  "Only those targeting this community code");
  cmd->add_option("--eligibility", flags->eligibility,
                  "Only this eligibility outcome")
      ->check(CLI::IsMember(CodesOf<v1::Eligibility>()));
  AddPageFlags(cmd, &flags->page);
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::ListApplicationsRequest req = flags->req;
    ASSIGN_OR_RETURN(v1::ApplicationState state,
                     ParseCode<v1::ApplicationState>("--state", "STATE_INVALID",
                                                     flags->state));
    ASSIGN_OR_RETURN(
        v1::Eligibility eligibility,
        ParseCode<v1::Eligibility>("--eligibility", "ELIGIBILITY_INVALID",
                                   flags->eligibility));
    req.set_state(state);
    req.set_eligibility(eligibility);
    req.set_page_size(flags->page.page_size);
    req.set_page_token(flags->page.page_token);
    v1::ListApplicationsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.applications().ListApplications(c, req, &resp);
    }));
    return out.Print(
        resp, TableOf(kApplicationHeader, resp.applications(), ApplicationRow),
        resp.next_page_token());
  });
}

void AddGrantExtension(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::GrantExtensionRequest>();
  auto* cmd = noun->add_subcommand(
      "grant", "Give one organisation a later deadline in a round (audited)");
  cmd->add_option("--round", *req->mutable_round_id(), "Round id")->required();
  cmd->add_option("--organisation", *req->mutable_organisation_id(),
                  "Organisation id")
      ->required();
  cmd->add_option("--closes", *req->mutable_closes_local(),
                  "New deadline, Europe/London local time YYYY-MM-DDTHH:MM")
      ->required();
  cmd->add_option("--reason", *req->mutable_reason(), "Why (500 chars)")
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    v1::Extension extension;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.applications().GrantExtension(c, *req, &extension);
    }));
    return out.Print(extension, {kExtensionHeader, {ExtensionRow(extension)}});
  });
}

void AddListExtensions(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ListExtensionsRequest>();
  auto* cmd = noun->add_subcommand("list", "List a round's extensions");
  cmd->add_option("--round", *req->mutable_round_id(), "Round id")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::ListExtensionsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.applications().ListExtensions(c, *req, &resp);
    }));
    return out.Print(
        resp, TableOf(kExtensionHeader, resp.extensions(), ExtensionRow));
  });
}

}  // namespace

void AddApplicationCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand("application", "Applications to rounds");
  noun->require_subcommand(1);
  AddCreate(noun, ctx);
  AddUpdate(noun, ctx);
  AddAction<v1::SubmitApplicationRequest>(
      noun, ctx, "submit",
      "Freeze the content as a numbered submission and check eligibility",
      &Stub::SubmitApplication);
  AddAction<v1::WithdrawApplicationRequest>(
      noun, ctx, "withdraw", "The applicant withdraws before a decision",
      &Stub::WithdrawApplication, [](CLI::App* cmd, auto* req) {
        cmd->add_option("--reason", *req->mutable_reason(), "Why (500 chars)");
      });
  AddAction<v1::ReturnApplicationRequest>(
      noun, ctx, "return",
      "SUBMITTED -> RETURNED for changes, once, before the deadline",
      &Stub::ReturnApplication, [](CLI::App* cmd, auto* req) {
        cmd->add_option("--comment", *req->mutable_comment(),
                        "What to change (shown to the applicant)")
            ->required();
      });
  AddGet(noun, ctx);
  AddList(noun, ctx);
}

void AddExtensionCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand(
      "extension", "Later deadlines for one organisation in one round");
  noun->require_subcommand(1);
  AddGrantExtension(noun, ctx);
  AddListExtensions(noun, ctx);
}

}  // namespace grants::ctl
