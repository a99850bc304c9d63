// Payee changes under four eyes: a change of bank details is proposed, and
// takes effect only when someone else confirms it; a confirmed change holds
// the organisation's authorised payments for re-authorisation. The audit
// trail shows the change masked: last four digits, old and new.
#include <nlohmann/json.hpp>

#include "services/organisations/interest_guard.h"
#include "services/organisations/organisation_errors.h"
#include "services/organisations/organisation_rules.h"
#include "services/organisations/organisation_service.h"
#include "storage/idempotency.h"
#include "storage/organisation_repository.h"

namespace grants::organisations {
namespace repo = storage::organisation_repo;
using storage::Tx;

namespace {

BankDetailsChange MaskedFor(const RequestContext& ctx, BankDetailsChange c) {
  if (ctx.caller.role != Role::kFinance) c.details = Masked(c.details);
  return c;
}

nlohmann::json Describe(const BankDetailsChange& c) {
  return {
      {"organisation_id", c.organisation_id}, {"state", c.state},
      {"old_last4", c.replaces_last4},        {"new_last4", Last4(c.details)},
      {"proposed_by", c.proposed_by},         {"confirmed_by", c.confirmed_by}};
}

absl::StatusOr<BankDetailsChange> LoadChange(Tx& tx, const std::string& id) {
  auto c = repo::GetBankChange(tx, id);
  if (!c) return BankChangeNotFound();
  return *c;
}

}  // namespace

absl::StatusOr<BankDetailsChange> OrganisationService::ProposeBank(
    const RequestContext& ctx, const std::string& id, BankDetails details) {
  RETURN_IF_ERROR(CheckOrganisationScope(ctx, id));
  details.sort_code = NormaliseSortCode(details.sort_code);
  Validator v;
  if (details.empty())
    v.Add("bank_details", "REQUIRED", "give the new bank details");
  ValidateBank(v, details, "bank_details");
  RETURN_IF_ERROR(v.Finish());
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<BankDetailsChange>(
        tx, ctx,
        [&](const std::string& prior) -> absl::StatusOr<BankDetailsChange> {
          ASSIGN_OR_RETURN(BankDetailsChange c, LoadChange(tx, prior));
          return MaskedFor(ctx, c);
        },
        [&]() -> absl::StatusOr<BankDetailsChange> {
          auto o = repo::Get(tx, id, /*for_update=*/true);
          if (!o) return OrganisationNotFound("organisation_id");
          RETURN_IF_ERROR(
              CheckNoInterestInOrganisation(tx, ctx, id, "organisation_id"));
          BankDetailsChange c{
              .organisation_id = id,
              .details = details,
              .replaces_last4 = Last4(o->profile.bank),
              .proposed_by = ctx.caller.subject,
              .proposer_role = std::string(RoleName(ctx.caller.role)),
              .proposed_at = ctx.now};
          c = repo::ProposeBankChange(tx, c);
          audit_.Record(tx, ctx,
                        {"bank_details_change", c.id, Describe(c).dump()});
          return MaskedFor(ctx, c);
        });
  });
}

absl::StatusOr<BankDetailsChange> OrganisationService::ConfirmBank(
    const RequestContext& ctx, const std::string& change_id) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<BankDetailsChange>(
        tx, ctx,
        [&](const std::string& prior) -> absl::StatusOr<BankDetailsChange> {
          ASSIGN_OR_RETURN(BankDetailsChange c, LoadChange(tx, prior));
          return MaskedFor(ctx, c);
        },
        [&]() -> absl::StatusOr<BankDetailsChange> {
          ASSIGN_OR_RETURN(BankDetailsChange c, LoadChange(tx, change_id));
          // The organisation's lock orders confirmations with proposals.
          if (!repo::Get(tx, c.organisation_id, /*for_update=*/true))
            return Internal("bank change without organisation");
          ASSIGN_OR_RETURN(c, LoadChange(tx, change_id));
          if (c.proposed_by == ctx.caller.subject) return ConfirmerIsProposer();
          RETURN_IF_ERROR(
              CheckNoInterestInOrganisation(tx, ctx, c.organisation_id, "id"));
          if (c.state == "superseded")
            return BankChangeRefused("BANK_CHANGE_STALE",
                                     "newer bank details were proposed since");
          if (c.state != "pending")
            return BankChangeRefused("BANK_CHANGE_NOT_PENDING",
                                     "the change was confirmed already");
          std::vector<std::string> held;
          if (!repo::ConfirmBankChange(tx, c.id, ctx.caller.subject,
                                       std::string(RoleName(ctx.caller.role)),
                                       ctx.now, &held))
            return Internal("pending bank change not confirmed");
          ASSIGN_OR_RETURN(c, LoadChange(tx, change_id));
          c.held_payment_ids = held;
          nlohmann::json summary = Describe(c);
          summary["held_payment_ids"] = held;
          audit_.Record(tx, ctx, {"bank_details_change", c.id, summary.dump()});
          return MaskedFor(ctx, c);
        });
  });
}

absl::StatusOr<std::vector<BankDetailsChange>>
OrganisationService::ListBankChanges(const RequestContext& ctx,
                                     const std::string& id, bool pending_only) {
  RETURN_IF_ERROR(CheckOrganisationScope(ctx, id));
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<BankDetailsChange>> {
        if (!repo::Get(tx, id)) return OrganisationNotFound("organisation_id");
        std::vector<BankDetailsChange> out;
        for (auto& c : repo::ListBankChanges(tx, id, pending_only))
          out.push_back(MaskedFor(ctx, std::move(c)));
        return out;
      });
}

}  // namespace grants::organisations
