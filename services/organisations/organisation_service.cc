// Organisation use cases.
#include "services/organisations/organisation_service.h"

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "services/organisations/on_behalf.h"
#include "services/organisations/organisation_errors.h"
#include "services/organisations/organisation_rules.h"
#include "storage/erasure_repository.h"
#include "storage/idempotency.h"
#include "storage/notification_repository.h"
#include "storage/organisation_repository.h"
#include "storage/transaction.h"

namespace grants::organisations {
namespace repo = storage::organisation_repo;
using storage::Tx;

namespace {

// Audit summaries name what changed, never bank numbers or contact details.
nlohmann::json Describe(const Organisation& o) {
  const Profile& p = o.profile;
  return {{"org_id", o.org_id},
          {"name", p.name},
          {"legal_form", p.legal_form},
          {"annual_income_minor", p.annual_income_minor},
          {"borough_code", p.borough_code},
          {"contacts", p.contacts.size()},
          {"bank_details_set", !p.bank.empty()},
          {"correspondence_language", p.correspondence_language}};
}

absl::Status Validate(Profile* p) {
  p->bank.sort_code = NormaliseSortCode(p->bank.sort_code);
  Validator v;
  ValidateProfile(v, *p);
  return v.Finish();
}

}  // namespace

absl::Status CheckOrganisationScope(const RequestContext& ctx,
                                    const std::string& organisation_id) {
  if (ctx.caller.role == Role::kGrantee &&
      ctx.caller.organisation_id != organisation_id)
    return OtherOrganisation();
  return absl::OkStatus();
}

Organisation OrganisationService::ForCaller(const RequestContext& ctx,
                                            Organisation o) {
  if (ctx.caller.role != Role::kFinance) o.profile.bank = Masked(o.profile.bank);
  return o;
}

absl::StatusOr<Organisation> OrganisationService::Register(
    const RequestContext& ctx, const Profile& profile,
    const std::string& on_behalf_reason) {
  const bool for_group = ctx.caller.role == Role::kOfficer;
  ASSIGN_OR_RETURN(const std::string reason,
                   RegisteringFor(ctx, on_behalf_reason));
  // The first payee, like every later one, is set under four eyes: an
  // officer registering a group proposes its bank details afterwards.
  if (for_group && !profile.bank.empty())
    return BankDetailsNeedConfirmation("profile.bank_details");
  Profile p = profile;
  RETURN_IF_ERROR(Validate(&p));
  std::string id = ctx.caller.role == Role::kGrantee
                       ? ctx.caller.organisation_id
                       : "ORG-" + ToHex(Sha256(RandomUuid())).substr(0, 10);
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Organisation>(
        tx, ctx,
        [&](const std::string& existing) -> absl::StatusOr<Organisation> {
          return ForCaller(ctx, *repo::Get(tx, existing));
        },
        [&]() -> absl::StatusOr<Organisation> {
          if (repo::Get(tx, id)) return OrganisationExists();
          Organisation o{id, DeriveOrgId(p, id), p, ctx.now, ctx.now};
          o = repo::Insert(tx, o, ctx.now);
          nlohmann::json change{{"after", Describe(o)}};
          if (for_group) {
            // As for its applications: the act with its reason, and the
            // group told, with how to sign in (the note names the officer
            // and the reason).
            change["on_behalf"] =
                RecordRegistrationOnBehalf(tx, ctx, o.id, reason);
            storage::notification_repo::Enqueue(
                tx, "organisation_registered:" + o.id,
                "organisation_registered", o.id,
                NoteOnBehalf(ctx, reason, {{"name", o.profile.name}}).dump(),
                ctx.now);
          }
          audit_.Record(tx, ctx, {"organisation", o.id, change.dump()});
          return ForCaller(ctx, o);
        });
  });
}

absl::StatusOr<Organisation> OrganisationService::Update(
    const RequestContext& ctx, const std::string& id,
    const std::function<Profile(Profile)>& merge) {
  RETURN_IF_ERROR(CheckOrganisationScope(ctx, id));
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Organisation>(
        tx, ctx,
        [&](const std::string& existing) -> absl::StatusOr<Organisation> {
          return ForCaller(ctx, *repo::Get(tx, existing));
        },
        [&]() -> absl::StatusOr<Organisation> {
          auto before = repo::Get(tx, id, /*for_update=*/true);
          if (!before) return OrganisationNotFound();
          Organisation after = *before;
          after.profile = merge(before->profile);
          RETURN_IF_ERROR(Validate(&after.profile));
          // The payee changes only under four eyes (ProposeBankDetails).
          const BankDetails& was = before->profile.bank;
          const BankDetails& now = after.profile.bank;
          if (now.account_name != was.account_name ||
              now.sort_code != was.sort_code ||
              now.account_number != was.account_number)
            return BankDetailsNeedConfirmation();
          after.org_id = DeriveOrgId(after.profile, id);
          after = repo::Update(tx, after, ctx.now);
          audit_.Record(tx, ctx,
                        {"organisation", id,
                         nlohmann::json{{"before", Describe(*before)},
                                        {"after", Describe(after)}}
                             .dump()});
          return ForCaller(ctx, after);
        });
  });
}

// Records who read contact details (anyone but the group itself) and bank
// details (the finance role, the only one that sees them unmasked).
void OrganisationService::RecordReads(Tx& tx, const RequestContext& ctx,
                                      const std::vector<Organisation>& read) {
  if (ctx.caller.role == Role::kGrantee) return;
  std::vector<std::string> contacts, banks;
  for (const auto& o : read) {
    if (!o.profile.contacts.empty()) contacts.push_back(o.id);
    if (ctx.caller.role == Role::kFinance && !o.profile.bank.empty())
      banks.push_back(o.id);
  }
  const std::string role(RoleName(ctx.caller.role));
  storage::erasure_repo::RecordReads(tx, contacts, "contacts",
                                     ctx.caller.subject, role, ctx.method,
                                     ctx.now);
  storage::erasure_repo::RecordReads(tx, banks, "bank_details",
                                     ctx.caller.subject, role, ctx.method,
                                     ctx.now);
}

absl::StatusOr<Organisation> OrganisationService::Get(const RequestContext& ctx,
                                                      const std::string& id) {
  RETURN_IF_ERROR(CheckOrganisationScope(ctx, id));
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Organisation> {
        auto o = repo::Get(tx, id);
        if (!o) return OrganisationNotFound();
        RecordReads(tx, ctx, {*o});
        return ForCaller(ctx, *o);
      });
}

absl::StatusOr<Listed<Organisation>> OrganisationService::List(
    const RequestContext& ctx, const Page& page) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Organisation>> {
        Listed<Organisation> out;
        std::vector<Organisation> read =
            repo::List(tx, page.limit, static_cast<int>(page.position));
        RecordReads(tx, ctx, read);
        for (auto& o : read) out.items.push_back(ForCaller(ctx, std::move(o)));
        out.next_page_token = NextOffsetToken(page, out.items.size());
        return out;
      });
}

}  // namespace grants::organisations
