// Funding use cases.
#include "services/funding/funding_service.h"

#include <nlohmann/json.hpp>

#include "common/money.h"
#include "services/funding/funding_errors.h"
#include "services/funding/funding_rules.h"
#include "storage/funding_repository.h"
#include "storage/idempotency.h"
#include "storage/transaction.h"

namespace grants::funding {
namespace repo = storage::funding_repo;
using storage::Tx;

namespace {

bool IsFunderCaller(const RequestContext& ctx) {
  return ctx.caller.role == Role::kFunder;
}

// Funder-role callers may read a fund only when they contributed to it.
absl::Status CheckFundScope(Tx& tx, const RequestContext& ctx,
                            const std::string& fund_id) {
  if (IsFunderCaller(ctx) &&
      !repo::FunderContributesTo(tx, ctx.caller.funder_id, fund_id))
    return OutsideFunderScope();
  return absl::OkStatus();
}

std::string Summary(const nlohmann::json& after) {
  return nlohmann::json{{"after", after}}.dump();
}

}  // namespace

absl::StatusOr<Funder> FundingService::CreateFunder(
    const RequestContext& ctx, const CreateFunderCommand& cmd) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Funder>(
        tx, ctx,
        [&](const std::string& id) -> absl::StatusOr<Funder> {
          return *repo::GetFunder(tx, id);
        },
        [&]() -> absl::StatusOr<Funder> {
          Funder f = repo::InsertFunder(tx, cmd.org_id, cmd.name, ctx.now);
          audit_.Record(tx, ctx,
                        {"funder", f.id,
                         Summary({{"org_id", f.org_id}, {"name", f.name}})});
          return f;
        });
  });
}

absl::StatusOr<Funder> FundingService::GetFunder(const RequestContext& ctx,
                                                 const std::string& id) {
  if (IsFunderCaller(ctx) && id != ctx.caller.funder_id)
    return OutsideFunderScope();
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Funder> {
        auto f = repo::GetFunder(tx, id);
        if (!f) return FunderNotFound();
        return *f;
      });
}

absl::StatusOr<Listed<Funder>> FundingService::ListFunders(
    const RequestContext& ctx, const Page& page) {
  std::string only = IsFunderCaller(ctx) ? ctx.caller.funder_id : "";
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Funder>> {
        auto items = repo::ListFunders(tx, page.limit,
                                       static_cast<int>(page.position), only);
        std::string next = NextOffsetToken(page, items.size());
        return Listed<Funder>{std::move(items), std::move(next)};
      });
}

absl::StatusOr<Fund> FundingService::CreateFund(const RequestContext& ctx,
                                                const CreateFundCommand& cmd) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Fund>(
        tx, ctx,
        [&](const std::string& id) -> absl::StatusOr<Fund> {
          return *repo::GetFund(tx, id);
        },
        [&]() -> absl::StatusOr<Fund> {
          Fund f = repo::InsertFund(tx, cmd.name, cmd.currency, ctx.now);
          audit_.Record(tx, ctx,
                        {"fund", f.id,
                         Summary({{"name", f.name}, {"currency", f.currency}})});
          return f;
        });
  });
}

absl::StatusOr<Fund> FundingService::GetFund(const RequestContext& ctx,
                                             const std::string& id) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) -> absl::StatusOr<Fund> {
    auto f = repo::GetFund(tx, id);
    if (!f) return FundNotFound();
    RETURN_IF_ERROR(CheckFundScope(tx, ctx, id));
    return *f;
  });
}

absl::StatusOr<Listed<Fund>> FundingService::ListFunds(const RequestContext& ctx,
                                                       const Page& page) {
  std::string contributor = IsFunderCaller(ctx) ? ctx.caller.funder_id : "";
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Fund>> {
        auto items = repo::ListFunds(tx, page.limit,
                                     static_cast<int>(page.position),
                                     contributor);
        std::string next = NextOffsetToken(page, items.size());
        return Listed<Fund>{std::move(items), std::move(next)};
      });
}

absl::StatusOr<Contribution> FundingService::AddContribution(
    const RequestContext& ctx, const AddContributionCommand& cmd) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Contribution>(
        tx, ctx,
        [&](const std::string& id) -> absl::StatusOr<Contribution> {
          return *repo::GetContribution(tx, id);
        },
        [&]() -> absl::StatusOr<Contribution> {
          auto fund = repo::GetFund(tx, cmd.fund_id);
          if (!fund) return FundNotFound();
          if (!repo::GetFunder(tx, cmd.funder_id))
            return FunderNotFound("funder_id");
          if (fund->currency != cmd.currency)
            return CurrencyMismatch("amount.currency_code");
          if (!AddMinor(fund->contributed_minor, cmd.amount_minor))
            return ContributionTooLarge();
          Contribution c = repo::InsertContribution(
              tx,
              {"", cmd.fund_id, cmd.funder_id, cmd.currency, cmd.amount_minor,
               cmd.note, ctx.now},
              ctx.now);
          Fund after = repo::AddContributed(tx, cmd.fund_id, cmd.amount_minor);
          audit_.Record(
              tx, ctx,
              {"fund", cmd.fund_id,
               nlohmann::json{
                   {"before", {{"contributed_minor", fund->contributed_minor}}},
                   {"after",
                    {{"contributed_minor", after.contributed_minor},
                     {"contribution_id", c.id},
                     {"funder_id", c.funder_id},
                     {"amount_minor", c.amount_minor}}}}
                   .dump()});
          return c;
        });
  });
}

absl::StatusOr<Listed<Contribution>> FundingService::ListContributions(
    const RequestContext& ctx, const std::string& fund_id, const Page& page) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Contribution>> {
        if (!repo::GetFund(tx, fund_id)) return FundNotFound();
        RETURN_IF_ERROR(CheckFundScope(tx, ctx, fund_id));
        auto items = repo::ListContributions(tx, fund_id, page.limit,
                                             static_cast<int>(page.position));
        std::string next = NextOffsetToken(page, items.size());
        return Listed<Contribution>{std::move(items), std::move(next)};
      });
}

absl::StatusOr<FundMoney> FundingService::GetFundMoney(
    const RequestContext& ctx, const std::string& fund_id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<FundMoney> {
        // One snapshot, so the lines and the total agree with each other.
        repo::ReadOneSnapshot(tx);
        auto fund = repo::GetFund(tx, fund_id);
        if (!fund) return FundNotFound();
        RETURN_IF_ERROR(CheckFundScope(tx, ctx, fund_id));
        auto awards = repo::AwardMoneyOf(tx, fund_id);
        FundMoney out{fund->id, fund->currency, !IsFunderCaller(ctx), {}, {}};
        out.funders = FunderLines(repo::FunderTotals(tx, fund_id), awards);
        if (IsFunderCaller(ctx)) {
          std::erase_if(out.funders, [&](const FunderMoney& f) {
            return f.funder_id != ctx.caller.funder_id;
          });
          return out;
        }
        out.total = FundLine(fund->contributed_minor, repo::FreeOf(tx, fund_id),
                             awards);
        return out;
      });
}

}  // namespace grants::funding
