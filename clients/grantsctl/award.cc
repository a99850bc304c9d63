// `grantsctl award`: decisions (award_decision.cc), offers that commit the
// round's budget, the grantee's answer, expiry and funder attribution.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "clients/grantsctl/award_decision.h"
#include "clients/grantsctl/award_variation.h"
#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

using Stub = v1::AwardService::Stub;
template <typename Req>
using AwardRpc = grpc::Status (Stub::*)(grpc::ClientContext*, const Req&,
                                        v1::Award*);

const Row kAwardHeader = {
    "ID",      "APPLICATION",  "ORGANISATION", "STATE",       "AMOUNT",
    "EXPIRES", "RESPONDED_BY", "END_DATE",     "ATTRIBUTION", "SHARES"};

// Funder id -> name ("" when the caller may not list funders: the ids
// are shown then).
using FunderNames = std::map<std::string, std::string>;
FunderNames ListFunderNames(Client& client) {
  FunderNames names;
  v1::ListFundersRequest req;
  req.set_page_size(500);
  do {
    v1::ListFundersResponse resp;
    if (!client
             .Call([&](grpc::ClientContext* c) {
               return client.funding().ListFunders(c, req, &resp);
             })
             .ok())
      return names;
    for (const auto& f : resp.funders()) names[f.id()] = f.name();
    req.set_page_token(resp.next_page_token());
  } while (!req.page_token().empty());
  return names;
}

// "Trust for London=GBP 1,388.89; City Bridge Trust=GBP 1,111.11" (the
// funder's id where its name is not known).
// In the order of the funders' names (or ids), whatever order the server
// sent.
std::string SharesText(const v1::Award& a, const FunderNames& names = {}) {
  std::vector<std::pair<std::string, std::string>> shares;
  for (const auto& s : a.shares()) {
    auto name = names.find(s.funder_id());
    shares.emplace_back(name == names.end() ? s.funder_id() : name->second,
                        MoneyText(s.amount()));
  }
  std::sort(shares.begin(), shares.end());
  std::string text;
  for (const auto& [funder, amount] : shares)
    text += fmt::format("{}{}={}", text.empty() ? "" : "; ", funder, amount);
  return text;
}

Row AwardRow(const v1::Award& a, const FunderNames& names) {
  return {a.id(),
          a.application_id(),
          a.organisation_id(),
          CodeOf(a.state()),
          MoneyText(a.amount()),
          LondonOrUtc(a.expires_london(), a.expire_time()),
          a.responded_by(),
          a.end_date(),
          CodeOf(a.attribution()),
          SharesText(a, names)};
}

// An award with its shares by funder id (after a change: no lookup).
Row AwardRowById(const v1::Award& a) { return AwardRow(a, {}); }

// Runs one AwardService RPC that returns an Award, and prints it.
template <typename Req>
absl::Status CallAndPrint(Client& client, const Printer& out, AwardRpc<Req> rpc,
                          const Req& req) {
  v1::Award award;
  RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
    return (client.awards().*rpc)(c, req, &award);
  }));
  return out.Print(award, {kAwardHeader, {AwardRowById(award)}});
}

struct OfferFlags {
  std::string application_id, amount, expires, start, end, currency = "GBP";
  std::vector<std::string> conditions, translations;
};

void AddOffer(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<OfferFlags>();
  auto* cmd = noun->add_subcommand(
      "offer",
      "Offer an award for an approved application; commits the "
      "amount against the round's budget");
  cmd->add_option("application", f->application_id, "Application id")
      ->required();
  cmd->add_option("--amount", f->amount,
                  "At most the approved amount, major units")
      ->required();
  cmd->add_option("--condition", f->conditions,
                  "A condition of the offer (repeatable)");
  cmd->add_option("--condition-translation", f->translations,
                  "LANG=TEXT: a condition in the group's language, in the "
                  "conditions' order (repeatable; pl, ro, bg, pt, rom, ar)");
  cmd->add_option("--expires", f->expires,
                  "Expiry, Europe/London local time YYYY-MM-DDTHH:MM "
                  "(default: the round's validity days from now)");
  cmd->add_option("--start-date", f->start, "Planned start, YYYY-MM-DD");
  cmd->add_option("--end-date", f->end, "Planned end, YYYY-MM-DD");
  cmd->add_option("--currency", f->currency, "The round's currency")
      ->capture_default_str();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::OfferAwardRequest req;
    req.set_start_date(f->start);
    req.set_end_date(f->end);
    ASSIGN_OR_RETURN(*req.mutable_amount(),
                     MoneyFlag("--amount", f->amount, f->currency));
    req.set_request_id(client.RequestId());
    req.set_application_id(f->application_id);
    for (const auto& c : f->conditions) req.add_conditions(c);
    ASSIGN_OR_RETURN(
        auto translations,
        ConditionTranslationsFlag("--condition-translation", f->translations));
    for (auto& t : translations)
      *req.add_condition_translations() = std::move(t);
    req.set_expires_local(f->expires);
    return CallAndPrint(client, out, &Stub::OfferAward, req);
  });
}

struct FastPathFlags {
  std::string application_id, amount, comment, currency = "GBP";
};

void AddFastPath(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<FastPathFlags>();
  auto* cmd = noun->add_subcommand(
      "fast-path",
      "Approve a scored microgrant on the fast path and offer it at once "
      "with the round's standard conditions (one officer)");
  cmd->add_option("application", f->application_id, "Application id")
      ->required();
  cmd->add_option("--amount", f->amount,
                  "At most the round's microgrant threshold, major units")
      ->required();
  cmd->add_option("--comment", f->comment, "The decision's comment");
  cmd->add_option("--currency", f->currency, "The round's currency")
      ->capture_default_str();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::ApproveFastPathRequest req;
    req.set_request_id(client.RequestId());
    req.set_application_id(f->application_id);
    ASSIGN_OR_RETURN(*req.mutable_amount(),
                     MoneyFlag("--amount", f->amount, f->currency));
    req.set_comment(f->comment);
    return CallAndPrint(client, out, &Stub::ApproveFastPath, req);
  });
}

// `accept`, `decline` and `get`: an award id, and whatever `extra` adds.
template <typename Req>
void AddAction(CLI::App* noun, CommandContext* ctx, const char* name,
               const char* help, AwardRpc<Req> rpc,
               const std::function<void(CLI::App*, Req*)>& extra = nullptr) {
  auto req = std::make_shared<Req>();
  auto on_behalf = std::make_shared<OnBehalfFlags>();
  auto* cmd = noun->add_subcommand(name, help);
  cmd->add_option("id", *req->mutable_id(), "Award id")->required();
  if (extra) extra(cmd, req.get());
  if constexpr (requires { req->mutable_on_behalf(); })
    AddOnBehalfFlags(cmd, on_behalf.get());
  OnRun(cmd, ctx,
        [req, rpc, on_behalf](Client& client,
                              const Printer& out) -> absl::Status {
          if constexpr (requires { req->mutable_on_behalf(); })
            SetOnBehalf(*on_behalf, req.get());
          // Mutations carry an idempotency key; GetAward has none.
          if constexpr (requires { req->set_request_id(""); })
            req->set_request_id(client.RequestId());
          return CallAndPrint(client, out, rpc, *req);
        });
}

struct ListFlags {
  v1::ListAwardsRequest req;
  std::string state;
  PageOptions page;
};

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<ListFlags>();
  auto* cmd = noun->add_subcommand(
      "list", "List awards, newest first (a grantee sees its own)");
  cmd->add_option("--round", *f->req.mutable_round_id(), "Only this round");
  cmd->add_option("--state", f->state, "Only this state")
      ->check(CLI::IsMember(CodesOf<v1::AwardState>()));
  AddPageFlags(cmd, &f->page);
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::ListAwardsRequest req = f->req;
    ASSIGN_OR_RETURN(
        v1::AwardState state,
        ParseCode<v1::AwardState>("--state", "STATE_INVALID", f->state));
    req.set_state(state);
    req.set_page_size(f->page.page_size);
    req.set_page_token(f->page.page_token);
    v1::ListAwardsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().ListAwards(c, req, &resp);
    }));
    // Shares by funder name; JSON keeps the ids alone.
    FunderNames names;
    if (out.format() != OutputFormat::kJson) names = ListFunderNames(client);
    Table table{kAwardHeader, {}};
    for (const auto& a : resp.awards())
      table.rows.push_back(AwardRow(a, names));
    return out.Print(resp, table, resp.next_page_token());
  });
}

void AddExpire(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ExpireOffersRequest>();
  auto* cmd = noun->add_subcommand(
      "expire", "Expire every offer past its expiry and release its money");
  cmd->add_option("--round", *req->mutable_round_id(), "Only this round");
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    v1::ExpireOffersResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().ExpireOffers(c, *req, &resp);
    }));
    return out.Print(resp, TableOf(kAwardHeader, resp.expired(), AwardRowById));
  });
}

struct AttributionFlags {
  std::string id, currency = "GBP";
  std::vector<std::string> shares;
};

absl::StatusOr<v1::SetAttributionRequest> ParseShares(
    const AttributionFlags& f) {
  v1::SetAttributionRequest req;
  req.set_id(f.id);
  for (const auto& text : f.shares) {
    size_t eq = text.find('=');
    if (eq == std::string::npos)
      return UsageError("--share", "SHARE_INVALID", "use FUNDER_ID=AMOUNT");
    auto* share = req.add_shares();
    share->set_funder_id(text.substr(0, eq));
    ASSIGN_OR_RETURN(*share->mutable_amount(),
                     MoneyFlag("--share", text.substr(eq + 1), f.currency));
  }
  return req;
}

void AddAttribution(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<AttributionFlags>();
  auto* cmd = noun->add_subcommand(
      "attribution",
      "Set an explicit split among the fund's funders (the "
      "shares must sum to the award exactly)");
  cmd->add_option("id", f->id, "Award id")->required();
  cmd->add_option("--share", f->shares, "FUNDER_ID=AMOUNT (repeatable)")
      ->required();
  cmd->add_option("--currency", f->currency, "The award's currency")
      ->capture_default_str();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    ASSIGN_OR_RETURN(v1::SetAttributionRequest req, ParseShares(*f));
    req.set_request_id(client.RequestId());
    return CallAndPrint(client, out, &Stub::SetAttribution, req);
  });
}

}  // namespace

void AddAwardCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand(
      "award", "Recommendations, decisions, offers and their attribution");
  noun->require_subcommand(1);
  AddAwardDecisionCommands(noun, ctx);
  AddOffer(noun, ctx);
  AddFastPath(noun, ctx);
  AddAction<v1::AcceptOfferRequest>(
      noun, ctx, "accept",
      "The grantee (or an officer on its behalf) accepts its offer before "
      "expiry",
      &Stub::AcceptOffer);
  AddAction<v1::DeclineOfferRequest>(
      noun, ctx, "decline", "The grantee declines its offer (money released)",
      &Stub::DeclineOffer, [](CLI::App* cmd, auto* req) {
        cmd->add_option("--reason", *req->mutable_reason(), "Why (500 chars)");
      });
  AddAction<v1::GetAwardRequest>(noun, ctx, "get",
                                 "Show one award with its funders' shares",
                                 &Stub::GetAward);
  AddList(noun, ctx);
  AddExpire(noun, ctx);
  AddAttribution(noun, ctx);
  AddAwardVariationCommands(noun, ctx);
  AddConditionCommands(noun, ctx);
}

}  // namespace grants::ctl
