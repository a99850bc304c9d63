// `grantsctl round`: application windows of a programme and their life cycle.
#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "services/common/status.h"
#include "tools/grantsctl/commands.h"
#include "tools/grantsctl/flags.h"

namespace grants::ctl {
namespace {

using Stub = v1::ProgrammeService::Stub;
template <typename Req>
using RoundRpc = grpc::Status (Stub::*)(grpc::ClientContext*, const Req&,
                                        v1::Round*);

constexpr char kStatePrefix[] = "ROUND_STATE_";

const Row kRoundHeader = {"ID",     "REFERENCE", "NAME",
                          "STATE",  "OPENS",     "CLOSES",
                          "BUDGET", "MIN_GRANT", "MAX_GRANT"};

// ROUND_STATE_CLOSED_OUT <-> "closed_out".
std::string StateName(v1::RoundState state) {
  std::string name =
      v1::RoundState_Name(state).substr(sizeof(kStatePrefix) - 1);
  for (char& c : name) c = static_cast<char>(std::tolower(c));
  return name;
}

std::vector<std::string> StateNames() {
  std::vector<std::string> names;
  const auto* type = v1::RoundState_descriptor();
  for (int i = 0; i < type->value_count(); ++i) {
    auto state = static_cast<v1::RoundState>(type->value(i)->number());
    if (state != v1::ROUND_STATE_UNSPECIFIED) names.push_back(StateName(state));
  }
  return names;
}

// "closed_out" -> ROUND_STATE_CLOSED_OUT; UNSPECIFIED (any) for "".
absl::StatusOr<v1::RoundState> ParseState(const std::string& name) {
  v1::RoundState state = v1::ROUND_STATE_UNSPECIFIED;
  std::string upper = kStatePrefix;
  for (char c : name) upper += static_cast<char>(std::toupper(c));
  if (!name.empty() && !v1::RoundState_Parse(upper, &state))
    return UsageError("--state", "STATE_INVALID", "unknown round state");
  return state;
}

Row RoundRow(const v1::Round& r) {
  return {r.id(),
          r.reference(),
          r.name(),
          StateName(r.state()),
          LondonOrUtc(r.opens_london(), r.opens_at()),
          LondonOrUtc(r.closes_london(), r.closes_at()),
          MoneyText(r.budget()),
          MoneyText(r.min_grant()),
          MoneyText(r.max_grant())};
}

// Runs one ProgrammeService RPC that returns a Round, and prints the round.
template <typename Req>
absl::Status CallAndPrint(Client& client, const Printer& out, RoundRpc<Req> rpc,
                          const Req& req) {
  v1::Round round;
  RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
    return (client.programmes().*rpc)(c, req, &round);
  }));
  return out.Print(round, {kRoundHeader, {RoundRow(round)}});
}

// The RoundSpec flags, as typed (amounts in major units).
struct SpecFlags {
  std::string name, opens, closes, budget, min_grant, max_grant;
  std::string currency = "GBP";
};

void AddSpecFlags(CLI::App* cmd, SpecFlags* f, bool required) {
  auto need = [required](CLI::Option* option) {
    if (required) option->required();
  };
  need(cmd->add_option("--name", f->name, "Display name"));
  need(cmd->add_option("--opens", f->opens,
                       "Opening, Europe/London local time YYYY-MM-DDTHH:MM"));
  need(cmd->add_option("--closes", f->closes,
                       "Deadline, Europe/London local time YYYY-MM-DDTHH:MM"));
  need(cmd->add_option("--budget", f->budget, "Budget, major units"));
  need(cmd->add_option("--min-grant", f->min_grant,
                       "Smallest grant, major units"));
  need(cmd->add_option("--max-grant", f->max_grant,
                       "Largest grant, major units"));
  cmd->add_option("--currency", f->currency,
                  "Currency of the amounts (the fund's)")
      ->capture_default_str();
}

// Fills `spec` with the flags that were given and names each in `mask`.
// Errors: a local AMOUNT_INVALID naming the flag.
absl::Status FillSpec(const SpecFlags& f, v1::RoundSpec* spec,
                      std::vector<std::string>* mask) {
  struct Text {
    const std::string* value;
    const char* field;
    std::string* (v1::RoundSpec::*target)();
  };
  for (const Text& t :
       {Text{&f.name, "name", &v1::RoundSpec::mutable_name},
        Text{&f.opens, "opens_local", &v1::RoundSpec::mutable_opens_local},
        Text{&f.closes, "closes_local",
             &v1::RoundSpec::mutable_closes_local}}) {
    if (t.value->empty()) continue;
    *(spec->*t.target)() = *t.value;
    mask->push_back(t.field);
  }
  struct Amount {
    const std::string* value;
    const char* flag;
    const char* field;
    v1::Money* (v1::RoundSpec::*target)();
  };
  for (const Amount& a :
       {Amount{&f.budget, "--budget", "budget", &v1::RoundSpec::mutable_budget},
        Amount{&f.min_grant, "--min-grant", "min_grant",
               &v1::RoundSpec::mutable_min_grant},
        Amount{&f.max_grant, "--max-grant", "max_grant",
               &v1::RoundSpec::mutable_max_grant}}) {
    if (a.value->empty()) continue;
    ASSIGN_OR_RETURN(*(spec->*a.target)(),
                     MoneyFlag(a.flag, *a.value, f.currency));
    mask->push_back(a.field);
  }
  return absl::OkStatus();
}

struct CreateFlags {
  std::string programme_id;
  SpecFlags spec;
};

void AddCreate(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<CreateFlags>();
  auto* cmd = noun->add_subcommand(
      "create", "Create a DRAFT round, drawing its budget from the fund");
  cmd->add_option("--programme", flags->programme_id, "Programme id")
      ->required();
  AddSpecFlags(cmd, &flags->spec, /*required=*/true);
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::CreateRoundRequest req;
    std::vector<std::string> unused_mask;
    RETURN_IF_ERROR(FillSpec(flags->spec, req.mutable_spec(), &unused_mask));
    req.set_programme_id(flags->programme_id);
    req.set_request_id(client.RequestId());
    return CallAndPrint(client, out, &Stub::CreateRound, req);
  });
}

struct UpdateFlags {
  std::string round_id;
  SpecFlags spec;
};

void AddUpdate(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<UpdateFlags>();
  auto* cmd = noun->add_subcommand("update",
                                   "Change the given fields of a DRAFT round");
  cmd->add_option("id", flags->round_id, "Round id")->required();
  AddSpecFlags(cmd, &flags->spec, /*required=*/false);
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::UpdateRoundRequest req;
    std::vector<std::string> mask;
    RETURN_IF_ERROR(FillSpec(flags->spec, req.mutable_spec(), &mask));
    if (mask.empty())
      return UsageError("update_mask", "NOTHING_TO_UPDATE",
                        "give at least one of --name, --opens, --closes, "
                        "--budget, --min-grant, --max-grant");
    for (const std::string& field : mask) req.add_update_mask(field);
    req.set_round_id(flags->round_id);
    req.set_request_id(client.RequestId());
    return CallAndPrint(client, out, &Stub::UpdateRound, req);
  });
}

// `round open` and `round close`: a round id and nothing else.
template <typename Req>
void AddTransition(CLI::App* noun, CommandContext* ctx, const char* name,
                   const char* help, RoundRpc<Req> rpc) {
  auto req = std::make_shared<Req>();
  auto* cmd = noun->add_subcommand(name, help);
  cmd->add_option("id", *req->mutable_round_id(), "Round id")->required();
  OnRun(cmd, ctx,
        [req, rpc](Client& client, const Printer& out) -> absl::Status {
          req->set_request_id(client.RequestId());
          return CallAndPrint(client, out, rpc, *req);
        });
}

void AddCancel(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::CancelRoundRequest>();
  auto* cmd = noun->add_subcommand(
      "cancel", "DRAFT or OPEN -> CANCELLED, releasing the budget");
  cmd->add_option("id", *req->mutable_round_id(), "Round id")->required();
  cmd->add_option("--reason", *req->mutable_reason(),
                  "Why (audited, shown to applicants)")
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    return CallAndPrint(client, out, &Stub::CancelRound, *req);
  });
}

void AddGet(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::GetRoundRequest>();
  auto* cmd = noun->add_subcommand("get", "Show one round");
  cmd->add_option("id", *req->mutable_id(), "Round id")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) {
    return CallAndPrint(client, out, &Stub::GetRound, *req);
  });
}

struct ListFlags {
  std::string programme_id;
  std::string state;
  PageOptions page;
};

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<ListFlags>();
  auto* cmd = noun->add_subcommand("list", "List rounds, newest opening first");
  cmd->add_option("--programme", flags->programme_id,
                  "Only rounds of this programme");
  cmd->add_option("--state", flags->state, "Only rounds in this state")
      ->check(CLI::IsMember(StateNames()));
  AddPageFlags(cmd, &flags->page);
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::ListRoundsRequest req;
    req.set_programme_id(flags->programme_id);
    ASSIGN_OR_RETURN(v1::RoundState state, ParseState(flags->state));
    req.set_state(state);
    req.set_page_size(flags->page.page_size);
    req.set_page_token(flags->page.page_token);
    v1::ListRoundsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.programmes().ListRounds(c, req, &resp);
    }));
    return out.Print(resp, TableOf(kRoundHeader, resp.rounds(), RoundRow),
                     resp.next_page_token());
  });
}

}  // namespace

void AddRoundCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand("round", "Application rounds of a programme");
  noun->require_subcommand(1);
  AddCreate(noun, ctx);
  AddUpdate(noun, ctx);
  AddTransition<v1::OpenRoundRequest>(noun, ctx, "open", "DRAFT -> OPEN",
                                      &Stub::OpenRound);
  AddTransition<v1::CloseRoundRequest>(noun, ctx, "close",
                                       "OPEN -> CLOSED: no more submissions",
                                       &Stub::CloseRound);
  AddCancel(noun, ctx);
  AddGet(noun, ctx);
  AddList(noun, ctx);
}

}  // namespace grants::ctl
