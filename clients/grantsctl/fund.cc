// `grantsctl fund`: pooled funds and the contributions that fill them.
#include <memory>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kFundHeader = {"ID",    "NAME",      "CURRENCY", "CONTRIBUTED",
                         "DRAWN", "AVAILABLE", "CREATED"};
const Row kContributionHeader = {"ID",     "FUND_ID", "FUNDER_ID",
                                 "AMOUNT", "CREATED", "NOTE"};

Row FundRow(const v1::Fund& f) {
  return {f.id(),
          f.name(),
          f.currency_code(),
          MoneyText(f.contributed()),
          MoneyText(f.drawn()),
          MoneyText(f.available()),
          TimeText(f.create_time())};
}

Row ContributionRow(const v1::Contribution& c) {
  return {c.id(),
          c.fund_id(),
          c.funder_id(),
          MoneyText(c.amount()),
          TimeText(c.create_time()),
          c.note()};
}

void AddCreate(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::CreateFundRequest>();
  req->set_currency_code("GBP");
  auto* cmd = noun->add_subcommand("create", "Create an empty pooled fund");
  cmd->add_option("--name", *req->mutable_name(), "Display name")->required();
  cmd->add_option("--currency", *req->mutable_currency_code(),
                  "ISO 4217 currency code")
      ->capture_default_str();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    v1::Fund fund;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.funding().CreateFund(c, *req, &fund);
    }));
    return out.Print(fund, {kFundHeader, {FundRow(fund)}});
  });
}

void AddGet(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::GetFundRequest>();
  auto* cmd = noun->add_subcommand("get", "Show one fund and its balance");
  cmd->add_option("id", *req->mutable_id(), "Fund id")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::Fund fund;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.funding().GetFund(c, *req, &fund);
    }));
    return out.Print(fund, {kFundHeader, {FundRow(fund)}});
  });
}

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto page = std::make_shared<PageOptions>();
  auto* cmd = noun->add_subcommand("list", "List funds by name");
  AddPageFlags(cmd, page.get());
  OnRun(cmd, ctx, [page](Client& client, const Printer& out) -> absl::Status {
    v1::ListFundsRequest req;
    req.set_page_size(page->page_size);
    req.set_page_token(page->page_token);
    v1::ListFundsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.funding().ListFunds(c, req, &resp);
    }));
    return out.Print(resp, TableOf(kFundHeader, resp.funds(), FundRow),
                     resp.next_page_token());
  });
}

struct ContributeFlags {
  v1::AddContributionRequest req;
  std::string amount;
  std::string currency = "GBP";
};

void AddContribute(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<ContributeFlags>();
  auto* cmd = noun->add_subcommand("contribute",
                                   "Record a funder's contribution to a fund");
  cmd->add_option("--fund", *flags->req.mutable_fund_id(), "Fund id")
      ->required();
  cmd->add_option("--funder", *flags->req.mutable_funder_id(), "Funder id")
      ->required();
  cmd->add_option("--amount", flags->amount, "Major units, e.g. 50000.00")
      ->required();
  cmd->add_option("--currency", flags->currency, "The fund's currency")
      ->capture_default_str();
  cmd->add_option("--note", *flags->req.mutable_note(),
                  "Free text, e.g. the funder's grant reference");
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::AddContributionRequest req = flags->req;
    ASSIGN_OR_RETURN(*req.mutable_amount(),
                     MoneyFlag("--amount", flags->amount, flags->currency));
    req.set_request_id(client.RequestId());
    v1::Contribution contribution;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.funding().AddContribution(c, req, &contribution);
    }));
    return out.Print(contribution,
                     {kContributionHeader, {ContributionRow(contribution)}});
  });
}

void AddContributions(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ListContributionsRequest>();
  auto page = std::make_shared<PageOptions>();
  auto* cmd = noun->add_subcommand("contributions",
                                   "List a fund's contributions, oldest first");
  cmd->add_option("id", *req->mutable_fund_id(), "Fund id")->required();
  AddPageFlags(cmd, page.get());
  OnRun(cmd, ctx,
        [req, page](Client& client, const Printer& out) -> absl::Status {
          req->set_page_size(page->page_size);
          req->set_page_token(page->page_token);
          v1::ListContributionsResponse resp;
          RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
            return client.funding().ListContributions(c, *req, &resp);
          }));
          return out.Print(resp,
                           TableOf(kContributionHeader, resp.contributions(),
                                   ContributionRow),
                           resp.next_page_token());
        });
}

const Row kMoneyHeader = {"FUNDER_ID", "FUNDER",    "CONTRIBUTED", "COMMITTED",
                          "PAID",      "RECOVERED", "FREE",        "OWED_BACK"};

Row MoneyRow(const std::string& id, const std::string& name,
             const v1::MoneyLine& m) {
  return {id,
          name,
          MoneyText(m.contributed()),
          MoneyText(m.committed()),
          MoneyText(m.paid()),
          MoneyText(m.recovered()),
          MoneyText(m.free()),
          MoneyText(m.recovery_outstanding())};
}

// `fund funders <fund>`: each funder's line, then the fund's (officers).
void AddFunders(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::GetFundMoneyRequest>();
  auto* cmd = noun->add_subcommand(
      "funders",
      "What each funder's money did: contributed = free + committed + paid "
      "- recovered (a funder sees its own line)");
  cmd->add_option("id", *req->mutable_fund_id(), "Fund id")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::FundMoney m;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.funding().GetFundMoney(c, *req, &m);
    }));
    Table table{kMoneyHeader, {}};
    for (const auto& f : m.funders())
      table.rows.push_back(MoneyRow(f.funder_id(), f.funder_name(), f.money()));
    if (m.has_total())
      table.rows.push_back(MoneyRow("", "(the fund)", m.total()));
    return out.Print(m, table);
  });
}

}  // namespace

void AddFundCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand("fund", "Pooled funds and contributions");
  noun->require_subcommand(1);
  AddCreate(noun, ctx);
  AddGet(noun, ctx);
  AddList(noun, ctx);
  AddContribute(noun, ctx);
  AddContributions(noun, ctx);
  AddFunders(noun, ctx);
}

}  // namespace grants::ctl
