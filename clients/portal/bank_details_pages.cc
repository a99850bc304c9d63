// The grantee's bank details: where payments go now (masked), a proposal of
// new details, and what is waiting for the grants team's confirmation. The
// portal only proposes: someone else confirms, in grantsd.
#include <fmt/format.h>

#include "clients/portal/errors.h"
#include "clients/portal/html.h"
#include "clients/portal/page.h"
#include "common/crypto.h"

namespace grants::portal {
namespace {

struct BankValues {
  std::string account_name, sort_code, account_number;
};

std::string Last4(const std::string& masked) {
  return masked.size() >= 4 ? masked.substr(masked.size() - 4) : masked;
}

// The bank details page: where payments go now, any change waiting for
// confirmation, and the form filled with `v`.
Object BankPage(const Portal::Call& c, const v1::Organisation& o,
                const v1::ListBankDetailsChangesResponse& pending,
                const BankValues& v, const FieldErrors& errors) {
  const auto& bank = o.profile().bank_details();
  FormFields form(c, errors);
  List waiting;
  for (const auto& change : pending.changes())
    waiting.push_back(c.TF(
        "New details ending {last4} are waiting for confirmation by the "
        "grants team. Payments keep going to the current account until then.",
        fmt::arg("last4", Last4(change.bank_details().account_number()))));
  return {
      {"current", bank.account_number().empty()
                      ? c.T("You have no bank details yet.")
                      : c.TF("Payments go to the account ending {last4}.",
                             fmt::arg("last4", Last4(bank.account_number())))},
      {"pending", waiting},
      {"safety", c.T("For your safety, a member of the grants team confirms "
                     "new bank details before any payment uses them.")},
      {"account_name", form.Text({"account_name", c.T("Name on the account"),
                                  "", v.account_name})},
      {"sort_code",
       form.Text({"sort_code", c.T("Sort code"),
                  c.T("6 digits, for example 12-34-56"), v.sort_code},
                 kWidth5)},
      {"account_number", form.Text({"account_number", c.T("Account number"),
                                    c.T("8 digits"), v.account_number},
                                   kWidth10)},
      {"propose", c.T("Propose new bank details")}};
}

}  // namespace

void Portal::BankDetailsPage(Call& c) { BankDetailsRender(c, {}, {}, 200); }

void Portal::BankDetailsRender(Call& c, const BankFormValues& values,
                               const FieldErrors& errors, int status) {
  if (!c.session.registered) return Redirect(c, "/organisation");
  v1::GetOrganisationRequest get;
  get.set_id(c.session.organisation_id);
  v1::Organisation o;
  absl::Status s =
      backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
        return backend_.organisations().GetOrganisation(ctx, get, &o);
      });
  if (!s.ok()) return RefuseFromBackend(c, s);
  v1::ListBankDetailsChangesRequest list;
  list.set_organisation_id(c.session.organisation_id);
  list.set_pending_only(true);
  v1::ListBankDetailsChangesResponse pending;
  s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.organisations().ListBankDetailsChanges(ctx, list, &pending);
  });
  if (!s.ok()) return RefuseFromBackend(c, s);
  BankValues v{values.account_name, values.sort_code, values.account_number};
  Render(c, c.T("Bank details"), "bank_details",
         BankPage(c, o, pending, v, errors), errors, status);
}

void Portal::BankDetailsPropose(Call& c) {
  if (!c.session.registered) return Redirect(c, "/organisation");
  BankFormValues v{c.Param("account_name"), c.Param("sort_code"),
                   c.Param("account_number")};
  v1::ProposeBankDetailsRequest req;
  req.set_request_id(c.form_id);
  req.set_organisation_id(c.session.organisation_id);
  req.mutable_bank_details()->set_account_name(v.account_name);
  req.mutable_bank_details()->set_sort_code(v.sort_code);
  req.mutable_bank_details()->set_account_number(v.account_number);
  v1::BankDetailsChange change;
  absl::Status s =
      backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
        return backend_.organisations().ProposeBankDetails(ctx, req, &change);
      });
  if (s.code() == absl::StatusCode::kPermissionDenied ||
      s.code() == absl::StatusCode::kNotFound)
    return RefuseFromBackend(c, s);
  if (!s.ok())
    return BankDetailsRender(c, v, ErrorsOf(s, c.session.language), 400);
  Redirect(c, "/organisation/bank-details");
}

}  // namespace grants::portal
